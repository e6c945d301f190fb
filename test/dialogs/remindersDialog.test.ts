import assert from 'node:assert/strict';
import { Language, t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { createLogger } from '../../src/logger';
import { ProgrammeStore } from '../../src/programmes/programmeStore';
import { ReminderControls } from '../../src/programmes/reminderControls';
import { ReminderDispatcher } from '../../src/scheduling/reminderDispatcher';
import { ReminderMessage, reminderActivity } from '../../src/scheduling/reminderSender';
import { MainDialog } from '../../dialogs/mainDialog';
import { parseTimeOfDay } from '../../dialogs/remindersDialog';
import { seedLinkedClient } from '../support/linkedClient';
import { assertSays, CHANNELS, harness, LANGUAGES, offered, onboardedProfile, seedProfile, submit, tempStore, textsOf, USER_ID } from './harness';

/**
 * "My reminders" and the "later" button, end to end on one store: the main dialog, the real ReminderControls
 * and programme store behind the client's port, and the dispatcher that sends what was changed.
 */
describe('my reminders: see them, move one, put one off', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  let now: Date;
  const clock = { now: () => now };
  beforeEach(async () => {
    temp = await tempStore();
    now = new Date('2026-11-26T10:00:00Z'); // Thursday, 11:00 in Madrid
  });
  afterEach(async () => temp.dispose());

  async function start(channelId: (typeof CHANNELS)[number], language: Language, linked = true) {
    let programmes = new ProgrammeStore(temp.store, { clock });
    let scheduleId = '';
    if (linked) {
      const seeded = await seedLinkedClient(temp.store, clock, { channelId, userId: USER_ID });
      programmes = seeded.programmes;
      scheduleId = (await programmes.createSchedule('p', seeded.clientId, { kind: 'checkIn', rule: { kind: 'weekly', time: '19:00' }, paused: false })).id;
    }
    const repo = new ClientRepository(temp.store, clock);
    const profile = await onboardedProfile(repo, language);
    await seedProfile(temp.store, channelId, profile);
    const reminders = new ReminderControls(programmes, temp.store, clock);
    const h = harness((s) => new MainDialog(s.profileAccessor, { clients: s.clients, clock, reminders: s.reminders }), { channelId, language, store: temp.store, clock, reminders });
    const dispatcher = (sent: ReminderMessage[]) => new ReminderDispatcher({ store: temp.store, programmes, sender: { send: async (m) => void sent.push(m) }, logger: createLogger('silent'), clock });
    return { h, programmes, scheduleId, dispatcher };
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      describe(`${channelId} / ${language}`, () => {
        const command = t(language, 'commands.reminders', {}, () => 0);
        const en = language === 'en';

        it('lists the reminders with when the next one comes, and moves one to another time of day', async () => {
          const { h, programmes, scheduleId } = await start(channelId, language);
          const [list, which] = await h.send(command);
          const next = en ? 'Thursday, November 26 at 7:00 PM' : 'jueves 26 de noviembre, a las 19:00';
          assert.equal(list.text, [t(language, 'reminders.listIntro'), t(language, 'reminders.line', { kind: t(language, 'reminders.kind_checkIn'), next })].join('\n\n'));
          assert.equal(which.text, t(language, 'reminders.askWhich'));
          assert.deepEqual(offered(which), channelId === 'msteams' ? ['checkIn', 'keep'] : [t(language, 'reminders.kind_checkIn'), t(language, 'reminders.keepButton')]);
          const [askTime] = await h.say(channelId === 'msteams' ? submit({ choice: 'checkIn' }) : t(language, 'reminders.kind_checkIn'));
          assert.equal(askTime, t(language, 'reminders.askTime', { kind: t(language, 'reminders.kind_checkIn') }));
          assert.deepEqual(await h.say('banana'), [t(language, 'prompts.retry_badTime')]);
          const moved = en ? 'Thursday, November 26 at 8:30 PM' : 'jueves 26 de noviembre, a las 20:30';
          assert.deepEqual(await h.say('8:30pm'), [t(language, 'reminders.timeChanged', { kind: t(language, 'reminders.kind_checkIn'), next: moved })]);
          const schedule = await programmes.getSchedule('p', scheduleId);
          assert.equal(schedule?.rule.time, '20:30');
          assert.equal(schedule?.nextDueAt, '2026-11-26T19:30:00.000Z');
        });

        it('"later" on a reminder puts it off an hour, even in the middle of another exercise', async () => {
          const { h, dispatcher } = await start(channelId, language);
          const sent: ReminderMessage[] = [];
          now = new Date('2026-11-26T18:00:10Z');
          await dispatcher(sent).tick();
          assert.equal(sent.length, 1);
          const card = reminderActivity({ ...sent[0], language }).attachments![0].content as { buttons: Array<{ title: string; value: Record<string, unknown> }> };
          assert.deepEqual(
            card.buttons.map((b) => [b.value.choice, b.title]),
            [
              ['checkIn', t(language, 'reminders.checkInButton')],
              ['snooze', t(language, 'reminders.snoozeButton')],
            ],
          );
          // The person is in the middle of a check-in when they press "later" on the card.
          await h.send(t(language, 'menu.item_checkIn'));
          const replies = await h.say(submit(card.buttons[1].value));
          const again = en ? 'Thursday, November 26 at 8:00 PM' : 'jueves 26 de noviembre, a las 20:00';
          assertSays(replies[0], language, 'reminders.snoozed', { next: again });
          assert.equal(replies.length, 2, 'the check-in question is asked again');
          now = new Date('2026-11-26T18:59:00Z');
          await dispatcher(sent).tick();
          assert.equal(sent.length, 1);
          now = new Date('2026-11-26T19:00:30Z');
          await dispatcher(sent).tick();
          assert.equal(sent.length, 2);
        });

        it('a chat no programme knows is told where reminders come from', async () => {
          const { h } = await start(channelId, language, false);
          assert.deepEqual(await h.say(command), [t(language, 'reminders.notLinked')]);
          assert.deepEqual(await h.say(submit({ choice: 'snooze', reminder: 'checkIn', reminderId: 'r' })), [t(language, 'reminders.notLinked')]);
        });
      });
    }
  }

  it('"keep them as they are" changes nothing; giving up on the time changes nothing and offers the menu', async () => {
    const { h, programmes, scheduleId } = await start('webchat', 'en');
    await h.send('my reminders');
    assert.deepEqual(await h.say(t('en', 'reminders.keepButton')), [t('en', 'reminders.kept')]);
    await h.send('my reminders');
    await h.send('Daily check-in');
    await h.send('25:00');
    const gaveUp = await h.say('whenever');
    assertSays(gaveUp[0], 'en', 'prompts.gaveUp');
    assert.equal(gaveUp[1], t('en', 'main.menuIntro'));
    assert.equal((await programmes.getSchedule('p', scheduleId))?.rule.time, '19:00');
    assert.ok(textsOf('en', 'menu.commandsHelp')[0].includes('"my reminders"'));
  });

  it('reads times of day the way people type them', () => {
    const cases: Array<[string, string | undefined]> = [
      ['20:30', '20:30'],
      ['8:30pm', '20:30'],
      ['8 pm', '20:00'],
      ['8 p.m.', '20:00'],
      ['8am', '08:00'],
      ['at 7', '07:00'],
      ['a las 21:15', '21:15'],
      ['20h', '20:00'],
      ['20h30', '20:30'],
      ['20.30', '20:30'],
      ['25:00', undefined],
      ['soon', undefined],
    ];
    for (const [text, expected] of cases) {
      const parsed = parseTimeOfDay({ text }, {});
      assert.deepEqual(parsed.ok ? parsed.value : undefined, expected, text);
    }
  });
});
