import { createReadStream, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Request, Response, Server } from 'restify';
import { Language, SUPPORTED_LANGUAGES, t, toLanguage } from '../i18n';

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

/**
 * Web Chat's own interface strings that show on screen, in the bot's voice: Web Chat's Spanish speaks
 * usted ("Escriba su mensaje"), the bot speaks tú. Keys are Web Chat 4.18's string ids.
 */
function webChatStrings(language: Language): Record<string, string> {
  const notifications = t(language, 'web.notifications', {}, () => 0);
  return {
    TEXT_INPUT_PLACEHOLDER: t(language, 'web.placeholder', {}, () => 0),
    ACTIVITY_INTERACTIVE_FOOTNOTE_ALT: t(language, 'web.interactiveFootnote', {}, () => 0),
    ACTIVITY_STATUS_SEND_FAILED_RETRY: t(language, 'web.sendFailedRetry', {}, () => 0),
    CONNECTIVITY_STATUS_ALT_RENDER_ERROR: t(language, 'web.renderError', {}, () => 0),
    TOAST_ACCORDION_FEW: notifications,
    TOAST_ACCORDION_MANY: notifications,
    TOAST_ACCORDION_OTHER: notifications,
    TOAST_ACCORDION_TWO: notifications,
    // What a screen reader says: in the same voice.
    TRANSCRIPT_ARIA_LABEL_ALT: t(language, 'web.transcriptLabel', {}, () => 0),
    TRANSCRIPT_LIVE_REGION_INTERACTIVE_LABEL_ALT: t(language, 'web.interactiveLive', {}, () => 0),
    TRANSCRIPT_LIVE_REGION_INTERACTIVE_WITH_LINKS_LABEL_ALT: t(language, 'web.linksLive', {}, () => 0),
    TRANSCRIPT_LIVE_REGION_SUGGESTED_ACTIONS_LABEL_ALT: t(language, 'web.suggestedLive', {}, () => 0),
    TRANSCRIPT_LIVE_REGION_SUGGESTED_ACTIONS_WITH_ACCESS_KEY_LABEL_ALT: t(language, 'web.suggestedAccessKeyLive', {}, () => 0),
  };
}

/** The page's language from the browser's Accept-Language (first supported one), else the service's default. */
export function pageLanguage(acceptLanguage: string | undefined, fallback: Language): Language {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0].trim();
    const primary = tag.toLowerCase().split('-')[0];
    if ((SUPPORTED_LANGUAGES as readonly string[]).includes(primary)) return toLanguage(tag);
  }
  return fallback;
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

/** JSON inside a <script>: "</script>" or "<!--" in a string must not end the script. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function page(language: Language): string {
  const texts = Object.fromEntries(
    SUPPORTED_LANGUAGES.map((l) => [l, { strings: webChatStrings(l), title: t(l, 'web.title'), newConversation: t(l, 'web.newConversation', {}, () => 0) }]),
  );
  return `<!doctype html>
<html lang="${language}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${t(language, 'web.title')}</title>
  <style>
    html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; }
    body { display: flex; flex-direction: column; }
    #note { max-width: 760px; margin: 0 auto; padding: .6em 1em; background: #fff4ce; border-bottom: 1px solid #e0c060; }
    #note[hidden] { display: none; }
    #webchat { flex: 1; min-height: 0; width: 100%; max-width: 760px; margin: 0 auto; }
  </style>
</head>
<body>
  <div id="note" role="status" hidden></div>
  <div id="webchat" role="main"></div>
  <script src="/webchat.js"></script>
  <script>
    (function () {
      var texts = ${scriptJson(texts)};
      // One id per browser, so the bot remembers the person across reloads. ("dl_" ids are reserved by Web Chat.)
      var storageKey = 'ipt-companion-user-id';
      var userID = localStorage.getItem(storageKey);
      if (!userID) { userID = 'webchat-' + crypto.randomUUID(); localStorage.setItem(storageKey, userID); }
      // The browser's language and zone, so the bot greets and explains consent in that language from the first message.
      var locale = navigator.language || 'en-US';
      var language = locale.toLowerCase().split('-')[0];
      if (!texts[language]) language = ${scriptJson(language)};
      var timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      document.documentElement.lang = language;
      document.title = texts[language].title;
      var subscription;

      async function start() {
        var response = await fetch('/v3/directline/tokens/generate', {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ user: { id: userID }, locale: locale, localTimezone: timeZone })
        });
        var session = await response.json();
        var directLine = window.WebChat.createDirectLine({
          token: session.token, domain: location.origin + '/v3/directline', webSocket: false, pollingInterval: 500
        });
        // The service forgets its conversations when it restarts and picks them up again by id; should that
        // fail (3: token expired, 4: failed to connect, 5: ended), a new conversation starts with a visible
        // note rather than a page that says "connected" and cannot send.
        if (subscription) subscription.unsubscribe();
        subscription = directLine.connectionStatus$.subscribe(function (status) {
          if (status === 3 || status === 4 || status === 5) {
            var note = document.getElementById('note');
            note.textContent = texts[language].newConversation;
            note.hidden = false;
            subscription.unsubscribe();
            directLine.end();
            start();
          }
        });
        window.WebChat.renderWebChat({
          directLine: directLine, userID: userID, locale: locale,
          overrideLocalizedStrings: texts[language].strings,
          // Every button in view (wrapped), not a carousel that hides most of a menu behind an arrow.
          styleOptions: { suggestedActionLayout: 'flow' }
        }, document.getElementById('webchat'));
      }
      start();
    })();
  </script>
</body>
</html>`;
}

/** Serves the local chat page (local mode only). */
export function registerWebChatPage(server: Server, language: Language = 'en', bundle: string | undefined = webChatBundlePath()): void {
  server.get('/', async (req: Request, res: Response) => {
    const shown = pageLanguage(req.header('accept-language'), language);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('vary', 'accept-language');
    // Without the bundle the page says why and what to run, instead of a blank page and a 404 for the script.
    if (bundle === undefined) res.sendRaw(503, missingBundlePage(shown));
    else res.sendRaw(200, page(shown));
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
