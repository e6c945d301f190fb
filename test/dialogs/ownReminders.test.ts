import assert from 'node:assert/strict';
import { Language, t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { createLogger } from '../../src/logger';
import { ProgrammeStore } from '../../src/programmes/programmeStore';
import { ClientSchedules } from '../../src/scheduling/clientSchedule';
import { ReminderDispatcher } from '../../src/scheduling/reminderDispatcher';
import { ReminderMessage } from '../../src/scheduling/reminderSender';
import { MainDialog } from '../../dialogs/mainDialog';
import { formatDateTime } from '../../dialogs/prompts/dates';
import { CHANNELS, CONVERSATION_ID, harness, LANGUAGES, offered, onboardedProfile, seedProfile, submit, tempStore } from './harness';

/** "My reminders" for a chat no programme knows: the client sets their own daily check-in time. */
describe('my reminders without a programme', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  let now: Date;
  const clock = { now: () => now };
  beforeEach(async () => {
    temp = await tempStore();
    now = new Date('2026-11-26T10:00:00Z'); // 11:00 in Madrid
  });
  afterEach(async () => temp.dispose());

  async function start(channelId: (typeof CHANNELS)[number], language: Language) {
    const repo = new ClientRepository(temp.store, clock);
    const profile = await onboardedProfile(repo, language);
    await seedProfile(temp.store, channelId, profile);
    const ownReminders = new ClientSchedules(temp.store, { clock });
    const h = harness((s) => new MainDialog(s.profileAccessor, { clients: s.clients, clock, ownReminders: s.ownReminders }), { channelId, language, store: temp.store, clock, ownReminders });
    return { h, ownReminders, clientId: profile.clientId as string };
  }

  function dispatcher(sent: ReminderMessage[]) {
    const sender = { send: async (m: ReminderMessage) => void sent.push(m) };
    return new ReminderDispatcher({ store: temp.store, programmes: new ProgrammeStore(temp.store, { clock }), sender, logger: createLogger('silent'), clock, initialLookbackHours: 48 });
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      const command = t(language, 'commands.reminders', {}, () => 0);
      const pick = (id: string, key: string) => (channelId === 'msteams' ? submit({ choice: id }) : t(language, key));
      it(`${channelId} / ${language}: sets a daily check-in time, which then comes to this chat once a day; stops it`, async () => {
        const { h, ownReminders, clientId } = await start(channelId, language);
        const [intro] = await h.send(command);
        assert.ok(intro.text?.startsWith(t(language, 'reminders.ownIntro')), intro.text);
        assert.deepEqual(offered(intro), channelId === 'msteams' ? ['ownSet', 'keep'] : [t(language, 'reminders.ownSetButton'), t(language, 'reminders.keepButton')]);
        assert.deepEqual(await h.say(pick('ownSet', 'reminders.ownSetButton')), [t(language, 'reminders.ownAskTime')]);
        const next = formatDateTime(language, '2026-11-26T19:00:00.000Z', 'Europe/Madrid');
        assert.deepEqual(await h.say('8pm'), [t(language, 'reminders.ownSet', { time: '20:00', next })]);
        const settings = await ownReminders.get(clientId);
        assert.equal(settings?.dailyCheckIn, '20:00');
        assert.equal((settings?.conversationReference.conversation as { id: string }).id, CONVERSATION_ID);

        const sent: ReminderMessage[] = [];
        now = new Date('2026-11-26T19:00:30Z');
        await dispatcher(sent).tick();
        await dispatcher(sent).tick();
        assert.deepEqual(sent.map((m) => [m.kind, m.language]), [['checkIn', language]]);

        const [again] = await h.send(command);
        assert.ok(again.text?.includes(t(language, 'reminders.ownCurrent', { time: '20:00' })), again.text);
        assert.deepEqual(await h.say(pick('ownStop', 'reminders.ownStopButton')), [t(language, 'reminders.ownStopped')]);
        now = new Date('2026-11-27T19:00:30Z');
        await dispatcher(sent).tick();
        assert.equal(sent.length, 1, 'stopped');
      });

      it(`${channelId} / ${language}: "later" on a reminder the client set comes back once, an hour later`, async () => {
        const { h } = await start(channelId, language);
        await h.send(command);
        await h.send(pick('ownSet', 'reminders.ownSetButton'));
        await h.send('20:00');
        now = new Date('2026-11-26T19:00:30Z');
        const sent: ReminderMessage[] = [];
        await dispatcher(sent).tick();
        const later = formatDateTime(language, '2026-11-26T20:00:30.000Z', 'Europe/Madrid');
        const [reply] = await h.say(submit({ choice: 'snooze', reminder: 'checkIn', reminderId: 'r' }));
        assert.ok([0, 1].some((i) => reply === t(language, 'reminders.snoozed', { next: later }, () => i)), reply);
        now = new Date('2026-11-26T20:01:00Z');
        await dispatcher(sent).tick();
        await dispatcher(sent).tick();
        assert.deepEqual(sent.map((m) => m.kind), ['checkIn', 'checkIn']);
      });

      it(`${channelId} / ${language}: a time in the quiet hours is explained and nothing is set`, async () => {
        const { h, ownReminders, clientId } = await start(channelId, language);
        await h.send(command);
        await h.send(pick('ownSet', 'reminders.ownSetButton'));
        assert.deepEqual(await h.say('23:15'), [t(language, 'reminders.ownQuiet')]);
        assert.equal(await ownReminders.get(clientId), undefined);
      });
    }
  }
});
