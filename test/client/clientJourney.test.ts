import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { CONTAINER_NAMES } from '../../src/storage/containers';
import { say, startTestService, TestService } from '../support/service';

/**
 * The whole service, as a client meets it over /api/messages: onboarding, a check-in, export, delete.
 * This proves the wiring (records in the service's store, chat state dropped after deletion).
 */
describe('client journey through the running service', () => {
  let service: TestService;
  before(async () => (service = await startTestService()));
  after(async () => service.dispose());

  for (const [channelId, language] of [['webchat', 'en'], ['msteams', 'es']] as const) {
    it(`${channelId} / ${language}: onboard, check in, export, delete`, async () => {
      const who = { conversation: { id: `journey-${channelId}` }, from: { id: `client-${channelId}` }, channelId, locale: language === 'es' ? 'es-ES' : 'en-GB' };
      const send = (text: string | undefined, value?: unknown) => say(service.url, { ...who, text, value });
      const submitOr = (id: string, typed: string) => (channelId === 'msteams' ? send(undefined, { choice: id }) : send(typed));

      assert.equal((await send('hola')).texts.at(-1), t(language, 'onboarding.askConsent'));
      await submitOr('yes', t(language, 'prompts.yesButton'));
      await submitOr('none', t(language, 'onboarding.noCodeButton'));
      await send('Robin');
      // A zone that names no country: the crisis lines need one, so onboarding asks it once.
      assert.equal((await send('UTC')).texts.at(-1), t(language, 'safety.country.askOnboarding'));
      const done = await submitOr('GB', language === 'es' ? 'Reino Unido' : 'United Kingdom');
      assert.equal(done.texts.at(-1), t(language, 'main.menuIntro'));

      await submitOr('checkIn', t(language, 'menu.item_checkIn'));
      await send(language === 'es' ? 'siete' : 'seven');
      await submitOr('skip', t(language, 'checkin.skipButton'));
      await submitOr('nobody', t(language, 'checkin.nobodyButton'));

      const key = `${channelId}/users/client-${channelId}/client`;
      const chatState = await service.store.read<{ profile: { clientId: string } }>('botState', key, key);
      const clientId = chatState?.body.profile.clientId as string;
      assert.ok(clientId);
      const [checkIn] = await service.store.query<{ kind: string; mood: number }>('clients', { partitionKey: clientId, where: [{ field: 'kind', op: '=', value: 'checkIn' }] });
      assert.equal(checkIn.body.mood, 7);

      const exported = await send(t(language, 'commands.export', {}, () => 0));
      if (channelId === 'msteams') {
        assert.ok(JSON.parse(exported.texts.slice(1).join('')).records.some((r: { kind: string }) => r.kind === 'checkIn'));
      } else {
        const attachment = (exported.activities[0].attachments as Array<{ contentType: string; contentUrl: string }>)[0];
        assert.equal(attachment.contentType, 'application/json');
        assert.equal(JSON.parse(Buffer.from(attachment.contentUrl.split(',')[1], 'base64').toString('utf8')).clientId, clientId);
      }

      await send(t(language, 'commands.delete', {}, () => 0));
      const deleted = await submitOr('yes', t(language, 'prompts.yesButton'));
      assert.equal(deleted.texts[0], t(language, 'menu.deleted', { checkIns: 1, problems: 0, people: 0, nudges: 0, other: 2 }));
      for (const container of CONTAINER_NAMES) {
        assert.deepEqual(await service.store.query(container, { partitionKey: clientId }), [], container);
        assert.deepEqual(await service.store.query(container, { where: [{ field: 'clientId', op: '=', value: clientId }] }), [], container);
      }
      const state = await service.store.query('botState', {});
      assert.ok(!state.some((d) => d.id.includes(`client-${channelId}`)), 'the chat state is gone too');
      assert.equal((await send('hello')).texts.at(-1), t(language, 'onboarding.askConsent'));
    });
  }
});
