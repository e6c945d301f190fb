import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { pageLanguage } from '../../src/server/webChatPage';
import { startTestService, TestService } from '../support/service';

describe('the local Web Chat page', () => {
  let service: TestService;
  before(async () => (service = await startTestService()));
  after(async () => service.dispose());

  const pageFor = async (acceptLanguage: string) => (await fetch(service.url, { headers: { 'accept-language': acceptLanguage } })).text();

  it("is in the browser's language from the first byte, and carries Web Chat's strings in the bot's tú", async () => {
    const spanish = await pageFor('es-MX,es;q=0.9,en;q=0.8');
    assert.match(spanish, /<html lang="es">/);
    assert.ok(spanish.includes(JSON.stringify(t('es', 'web.placeholder'))), 'Web Chat told to say "Escribe tu mensaje"');
    assert.ok(spanish.includes(`<title>${t('es', 'web.title')}</title>`));
    assert.match(await pageFor('en-GB,en;q=0.9'), /<html lang="en">/);
  });

  it('takes the first supported language the browser lists, else the default', () => {
    assert.equal(pageLanguage('fr-FR,fr;q=0.9,es;q=0.8', 'en'), 'es');
    assert.equal(pageLanguage('de-DE', 'en'), 'en');
    assert.equal(pageLanguage(undefined, 'es'), 'es');
  });
});
