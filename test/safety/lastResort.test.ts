import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { t } from '../../src/i18n';
import { createDocumentStore } from '../../src/storage/createStore';
import { DocumentStore } from '../../src/storage/documentStore';
import { say, startTestService, TestService } from '../support/service';

describe('safety when the store is down', function () {
  this.timeout(30000);
  const dataDir = mkdtempSync(join(tmpdir(), 'ipt-last-resort-'));
  let service: TestService;
  let real: DocumentStore;

  before(async () => {
    real = await createDocumentStore({ kind: 'sqlite', dataDir });
    // The same store, except that no read or write reaches it.
    const unreachable = new Proxy(real, {
      get: (target, property) =>
        ['read', 'create', 'upsert', 'delete', 'query'].includes(String(property))
          ? async () => {
              throw new Error('store unreachable');
            }
          : Reflect.get(target, property, target),
    });
    service = await startTestService({ SCHEDULER_ENABLED: 'false' }, { store: unreachable });
  });
  after(async () => {
    await service.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('still gives a person at risk the crisis lines of the country their browser is in, at once', async () => {
    const reply = await say(service.url, { text: 'I want to kill myself', conversation: { id: 'down-1' }, from: { id: 'down-user' }, localTimezone: 'America/New_York' });
    const all = reply.texts.join('\n');
    assert.match(all, /988/);
    assert.ok(all.includes(t('en', 'safety.resourcesIntro')));
  });

  it('answers in Spanish with the lines of the client’s country', async () => {
    const reply = await say(service.url, { text: 'me quiero matar', conversation: { id: 'down-2' }, from: { id: 'down-es' }, locale: 'es-ES', localTimezone: 'America/Bogota' });
    const all = reply.texts.join('\n');
    assert.match(all, /192/);
    assert.ok(!all.includes('024'), 'not Spain’s line for a Spanish speaker in Bogotá');
  });

  it('with no country known, still gives the emergency guidance', async () => {
    const reply = await say(service.url, { text: 'I want to kill myself', conversation: { id: 'down-4' }, from: { id: 'down-unknown' }, locale: 'en-GB' });
    assert.ok(reply.texts.join('\n').includes(t('en', 'safety.emergencyUnknownCountry')));
  });

  it('gives a harmless message only the usual apology', async () => {
    const reply = await say(service.url, { text: 'hello', conversation: { id: 'down-3' }, from: { id: 'down-ok' } });
    assert.deepEqual(reply.texts, [t('en', 'main.error')]);
  });
});
