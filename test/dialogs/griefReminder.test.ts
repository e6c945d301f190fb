import assert from 'node:assert/strict';
import { Language, t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { createLogger } from '../../src/logger';
import { ReminderControls } from '../../src/programmes/reminderControls';
import { ReminderDispatcher } from '../../src/scheduling/reminderDispatcher';
import { ReminderMessage, reminderActivity } from '../../src/scheduling/reminderSender';
import { GriefWorkDialog } from '../../dialogs/griefWorkDialog';
import { seedLinkedClient } from '../support/linkedClient';
import { CHANNELS, harness, LANGUAGES, offered, onboardedProfile, seedProfile, submit, tempStore, USER_ID } from './harness';

const es = (language: Language, en: string, esText: string) => (language === 'en' ? en : esText);

/**
 * Grief work's yearly reminder of a hard date, end to end on one store: the dialog, the real
 * `ReminderControls` and programme store behind the client's port, and the dispatcher sending it a year on.
 */
describe('grief work: a yearly reminder of a hard date', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  let now: Date;
  const clock = { now: () => now };
  beforeEach(async () => {
    temp = await tempStore();
    now = new Date('2026-11-26T10:00:00Z');
  });
  afterEach(async () => temp.dispose());

  /** A programme client linked to this chat, with the course given, and the grief dialog over it. */
  async function start(channelId: string, language: Language, course = { courseStart: '2026-11-01', courseEnd: '2027-06-30' }) {
    const { programmes, clientId: programmeClientId } = await seedLinkedClient(temp.store, clock, { channelId, userId: USER_ID }, course);
    const repo = new ClientRepository(temp.store, clock);
    const profile = await onboardedProfile(repo, language);
    await seedProfile(temp.store, channelId, profile);
    const h = harness((s) => new GriefWorkDialog(s), { channelId: channelId as (typeof CHANNELS)[number], language, store: temp.store, clock, reminders: new ReminderControls(programmes, temp.store, clock) });
    return { h, repo, programmes, programmeClientId, clientId: profile.clientId as string };
  }

  /** Answers the reflection's questions up to the anniversary one; returns the replies to that answer. */
  async function answerUpToAnniversary(h: Awaited<ReturnType<typeof start>>['h'], language: Language, anniversary: string) {
    await h.send('hi');
    await h.send('Rosa');
    await h.send(es(language, 'skip', 'saltar'));
    await h.send(es(language, 'Her laugh', 'Su risa'));
    await h.send(es(language, 'skip', 'saltar'));
    await h.send(es(language, 'Sad', 'Triste'));
    await h.send(es(language, 'Sundays are empty', 'Los domingos están vacíos'));
    return h.send(anniversary);
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      describe(`${channelId} / ${language}`, () => {
        const press = (choice: string, key: string) => (channelId === 'msteams' ? submit({ choice }) : t(language, key));

        it('offers a reminder, suggests the date it found, and plans it for 10:00 local the day before', async () => {
          const { h, repo, programmes, programmeClientId, clientId } = await start(channelId, language);
          const [ask] = await answerUpToAnniversary(h, language, es(language, 'Her birthday, the 3rd of March', 'Su cumpleaños, el 3 de marzo'));
          assert.equal(ask.text, t(language, 'grief.ask_reminder'));
          assert.deepEqual(offered(ask), channelId === 'msteams' ? ['dayBefore', 'onTheDay', 'no'] : ['dayBefore', 'onTheDay', 'no'].map((c) => t(language, `grief.reminder_${c}`)));

          const [askDate] = await h.send(press('dayBefore', 'grief.reminder_dayBefore'));
          assert.equal(askDate.text, t(language, 'grief.ask_date'));
          const suggestion = es(language, 'March 3', '3 de marzo');
          assert.deepEqual(offered(askDate), channelId === 'msteams' ? ['03-03', 'skip'] : [suggestion, t(language, 'checkin.skipButton')]);

          const replies = await h.send(channelId === 'msteams' ? submit({ choice: '03-03' }) : suggestion);
          const first = es(language, 'March 2, 2027', '2 de marzo de 2027');
          assert.deepEqual(
            replies.map((r) => r.text),
            [t(language, 'grief.reminderSet_dayBefore', { first, date: suggestion }), t(language, 'grief.saved', { name: 'Rosa' })],
          );

          const [schedule] = await programmes.listSchedules('p', programmeClientId);
          assert.equal(schedule.kind, 'anniversary');
          assert.deepEqual(schedule.rule, { kind: 'rrule', rrule: 'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=2', time: '10:00' });
          assert.equal(schedule.nextDueAt, '2027-03-02T09:00:00.000Z'); // 10:00 in Madrid (UTC+1 in early March)
          const [saved] = await repo.reflections(clientId);
          assert.equal(saved.answers.reminder, 'dayBefore');
          assert.equal(saved.answers.date, '03-03');

          // A year's turn later the dispatcher sends it, in the client's language, with its two ways forward.
          const sent: ReminderMessage[] = [];
          const dispatcher = new ReminderDispatcher({ store: temp.store, programmes, sender: { send: async (m) => void sent.push(m) }, logger: createLogger('silent'), clock });
          now = new Date('2027-03-02T08:59:00Z');
          await dispatcher.tick();
          assert.equal(sent.length, 0);
          now = new Date('2027-03-02T09:00:30Z');
          await dispatcher.tick();
          assert.equal(sent.length, 1);
          assert.equal(sent[0].kind, 'anniversary');
          const activity = reminderActivity({ ...sent[0], language });
          const buttons = (activity.attachments?.[0].content as { buttons: Array<{ title: string; value: { choice: string } }> }).buttons;
          assert.deepEqual(
            buttons.map((b) => [b.value.choice, b.title]),
            [
              ['grief', t(language, 'reminders.anniversaryButton')],
              ['nudge', t(language, 'reminders.anniversaryButton_nudge')],
            ],
          );
        });

        it('a date that reads two ways or is no date is asked again; giving up keeps the reflection and sets nothing', async () => {
          const { h, repo, programmes, programmeClientId, clientId } = await start(channelId, language);
          await answerUpToAnniversary(h, language, es(language, 'His birthday in spring', 'Su cumpleaños en primavera'));
          const [askDate] = await h.send(press('onTheDay', 'grief.reminder_onTheDay'));
          assert.deepEqual(offered(askDate), channelId === 'msteams' ? ['skip'] : [t(language, 'checkin.skipButton')]);
          assert.equal((await h.say('3/4'))[0], t(language, 'prompts.retry_ambiguousDate'));
          const replies = await h.say(es(language, 'the 31st of February', '31 de febrero'));
          assert.deepEqual(replies, [t(language, 'grief.reminderNoDate'), t(language, 'grief.saved', { name: 'Rosa' })]);
          assert.deepEqual(await programmes.listSchedules('p', programmeClientId), []);
          const [saved] = await repo.reflections(clientId);
          assert.equal(saved.answers.anniversary, es(language, 'His birthday in spring', 'Su cumpleaños en primavera'));
          assert.equal(saved.answers.date, undefined);
        });
      });
    }
  }

  it('29 February is remembered on the last day of February; asking again keeps one schedule', async () => {
    const { h, programmes, programmeClientId } = await start('webchat', 'en', { courseStart: '2026-11-01', courseEnd: '2028-12-31' });
    await answerUpToAnniversary(h, 'en', 'Our wedding day');
    await h.send(t('en', 'grief.reminder_onTheDay'));
    assert.deepEqual(await h.say('29/2'), [t('en', 'grief.reminderSet_onTheDay', { first: 'February 28, 2027', date: 'February 29' }), t('en', 'grief.saved', { name: 'Rosa' })]);
    await answerUpToAnniversary(h, 'en', 'Our wedding day');
    await h.send(t('en', 'grief.reminder_onTheDay'));
    await h.send('February 29th');
    const schedules = await programmes.listSchedules('p', programmeClientId);
    assert.deepEqual(
      schedules.map((s) => [s.kind, s.rule.kind === 'rrule' && s.rule.rrule]),
      [['anniversary', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1']],
    );
  });

  it('a date after the course ends is not kept, and the client is told why', async () => {
    const { h, programmes, programmeClientId } = await start('webchat', 'es');
    await answerUpToAnniversary(h, 'es', 'El 20 de julio');
    await h.send(t('es', 'grief.reminder_onTheDay'));
    assert.deepEqual(await h.say('20 de julio'), [t('es', 'grief.reminder_afterCourse', { date: '20 de julio' }), t('es', 'grief.saved', { name: 'Rosa' })]);
    assert.deepEqual(await programmes.listSchedules('p', programmeClientId), []);
  });

  it('doubt ("no sé", "no idea") is not the "No, thank you" button: the question is asked again and nothing is set yet', async () => {
    for (const [language, doubt] of [['es', 'no sé'], ['en', 'no idea tbh']] as const) {
      const { h, programmes, programmeClientId } = await start('webchat', language);
      const [ask] = await answerUpToAnniversary(h, language, es(language, 'Her birthday, 3 March', 'Su cumpleaños, el 3 de marzo'));
      assert.equal(ask.text, t(language, 'grief.ask_reminder'));
      const [again] = await h.send(doubt);
      assert.notEqual(again.text, t(language, 'grief.saved', { name: 'Rosa' }));
      assert.deepEqual(offered(again), ['dayBefore', 'onTheDay', 'no'].map((c) => t(language, `grief.reminder_${c}`)));
      assert.deepEqual(await h.say(t(language, 'grief.reminder_no')), [t(language, 'grief.saved', { name: 'Rosa' })]);
      assert.deepEqual(await programmes.listSchedules('p', programmeClientId), []);
      await temp.dispose();
      temp = await tempStore();
    }
  });

  it('"no, thank you" sets nothing and asks for no date; a skipped anniversary asks nothing about reminders', async () => {
    const { h, programmes, programmeClientId } = await start('webchat', 'en');
    await answerUpToAnniversary(h, 'en', 'Her birthday, 3 March');
    assert.deepEqual(await h.say(t('en', 'grief.reminder_no')), [t('en', 'grief.saved', { name: 'Rosa' })]);
    // The second time through, re-investing is asked about (and skipped) before the end.
    assert.deepEqual((await answerUpToAnniversary(h, 'en', 'skip')).map((r) => r.text), [t('en', 'grief.ask_reinvest')]);
    assert.deepEqual(await h.say('skip'), [t('en', 'grief.saved', { name: 'Rosa' })]);
    assert.deepEqual(await programmes.listSchedules('p', programmeClientId), []);
  });
});
