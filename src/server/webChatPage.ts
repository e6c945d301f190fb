import { createReadStream, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Request, Response, Server } from 'restify';
import { Language, t } from '../i18n';

/**
 * The Web Chat bundle shipped inside the botframework-webchat package (no CDN), or undefined when the
 * package is not installed: it is a development dependency, absent from a production install.
 */
export function webChatBundlePath(resolve: (id: string) => string = require.resolve): string | undefined {
  try {
    // The package's exports map hides package.json; its main entry sits in lib/, the bundles in dist/.
    const bundle = join(dirname(resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
    statSync(bundle);
    return bundle;
  } catch {
    return undefined;
  }
}

function missingBundlePage(language: Language): string {
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><title>${t(language, 'web.title')}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 2em auto;">
  <p>${t(language, 'web.bundleMissing')}</p>
</body>
</html>`;
}

function page(language: Language): string {
  return `<!doctype html>
<html lang="${language}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${t(language, 'web.title')}</title>
  <style>html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; } #webchat { height: 100%; max-width: 760px; margin: 0 auto; }</style>
</head>
<body>
  <div id="webchat" role="main"></div>
  <script src="/webchat.js"></script>
  <script>
    (async function () {
      // One id per browser, so the bot remembers the person across reloads. ("dl_" ids are reserved by Web Chat.)
      var storageKey = 'ipt-companion-user-id';
      var userID = localStorage.getItem(storageKey);
      if (!userID) { userID = 'webchat-' + crypto.randomUUID(); localStorage.setItem(storageKey, userID); }
      var locale = navigator.language || 'en-US';
      var response = await fetch('/v3/directline/tokens/generate', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: { id: userID } })
      });
      var session = await response.json();
      var directLine = window.WebChat.createDirectLine({
        token: session.token, domain: location.origin + '/v3/directline', webSocket: false, pollingInterval: 500
      });
      window.WebChat.renderWebChat({ directLine: directLine, userID: userID, locale: locale }, document.getElementById('webchat'));
    })();
  </script>
</body>
</html>`;
}

/** Serves the local chat page (local mode only). */
export function registerWebChatPage(server: Server, language: Language = 'en', bundle: string | undefined = webChatBundlePath()): void {
  server.get('/', async (_req: Request, res: Response) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    // Without the bundle the page says why and what to run, instead of a blank page and a 404 for the script.
    if (bundle === undefined) res.sendRaw(503, missingBundlePage(language));
    else res.sendRaw(200, page(language));
  });
  server.get('/favicon.ico', async (_req: Request, res: Response) => {
    res.send(204);
  });
  if (bundle === undefined) return;
  const size = statSync(bundle).size;
  server.get('/webchat.js', async (_req: Request, res: Response) => {
    res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8', 'content-length': size, 'cache-control': 'public, max-age=3600' });
    await new Promise<void>((resolve, reject) => {
      createReadStream(bundle).on('error', reject).on('end', resolve).pipe(res);
    });
  });
}
