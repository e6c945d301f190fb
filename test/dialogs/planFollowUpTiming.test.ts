import assert from 'node:assert/strict';
import { Language, t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { createLogger } from '../../src/logger';
import { ProgrammeStore } from '../../src/programmes/programmeStore';
import { ClientSchedules } from '../../src/scheduling/clientSchedule';
import { ReminderDispatcher } from '../../src/scheduling/reminderDispatcher';
import { ReminderMessage } from '../../src/scheduling/reminderSender';
import { ProblemSolvingDialog } from '../../dialogs/problemSolvingDialog';
import { ProblemFollowUpDialog } from '../../dialogs/problemFollowUpDialog';
import { formatDateTime } from '../../dialogs/prompts/dates';
import { readPlanMoment } from '../../dialogs/prompts/planTime';
import { CHANNELS, CONVERSATION_ID, harness, LANGUAGES, onboardedProfile, seedProfile, submit, tempStore } from './harness';

const WORDS = {
  en: { problem: 'My sister and I argue about Mum', a: 'Call her calmly', b: 'Write her a letter', step: 'Text her to pick a time', when: 'tomorrow evening', vague: 'when I can' },
  es: { problem: 'Mi hermana y yo discutimos por mamá', a: 'Llamarla con calma', b: 'Escribirle una carta', step: 'Escribirle para quedar', when: 'mañana por la tarde', vague: 'cuando pueda' },
};

/** A plan's follow-up asks how it went only once the plan's time is over; before, how ready the client feels. */
describe('a plan is followed up after its time, not before', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  let now: Date;
  const clock = { now: () => now };
  beforeEach(async () => {
    temp = await tempStore();
    now = new Date('2026-11-26T10:00:00Z'); // Thursday, 11:00 in Madrid
  });
  afterEach(async () => temp.dispose());

  async function client(channelId: (typeof CHANNELS)[number], language: Language) {
    const repo = new ClientRepository(temp.store, clock);
    const profile = await onboardedProfile(repo, language);
    await seedProfile(temp.store, channelId, profile);
    const ownReminders = new ClientSchedules(temp.store, { clock });
    const open = (dialog: 'solve' | 'followUp') =>
      harness((s) => (dialog === 'solve' ? new ProblemSolvingDialog(s) : new ProblemFollowUpDialog(s)), { channelId, language, store: temp.store, clock, ownReminders });
    return { repo, clientId: profile.clientId as string, open };
  }

  /** Walks the plan to its "when" and answers it; returns the bot's replies to that answer. */
  async function plan(h: ReturnType<typeof harness>, language: Language, when: string): Promise<string[]> {
    const w = WORDS[language];
    await h.send('go');
    await h.send(w.problem);
    await h.send(w.a);
    await h.send(w.b);
    await h.send(t(language, 'problem.doneButton'));
    for (let i = 0; i < 4; i++) await h.send(t(language, 'checkin.skipButton'));
    await h.send('1');
    await h.send(w.step);
    return h.say(when);
  }

  function dispatcher(sent: ReminderMessage[]) {
    const sender = { send: async (m: ReminderMessage) => void sent.push(m) };
    return new ReminderDispatcher({ store: temp.store, programmes: new ProgrammeStore(temp.store, { clock }), sender, logger: createLogger('silent'), clock, initialLookbackHours: 48 });
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      const w = WORDS[language];
      const pick = (id: string, key: string) => (channelId === 'msteams' ? submit({ choice: id }) : t(language, key));

      it(`${channelId} / ${language}: "${w.when}" — readiness before, a reminder after the evening, "how did it go?" then`, async () => {
        const { repo, clientId, open } = await client(channelId, language);
        // Tomorrow evening ends at 20:00 in Madrid (19:00Z); the reminder comes an hour later.
        const remindAt = '2026-11-27T20:00:00.000Z';
        const saved = await plan(open('solve'), language, w.when);
        assert.deepEqual(saved, [
          t(language, 'problem.planned', { step: w.step, when: w.when }),
          t(language, 'problem.reminderSet', { next: formatDateTime(language, remindAt, 'Europe/Madrid') }),
        ]);
        const [stored] = await repo.problems(clientId);
        assert.equal(stored.stage, 'planned');
        assert.equal(stored.followUpAt, '2026-11-27T19:00:00.000Z');

        // The next morning, before the evening: no "how did it go?".
        now = new Date('2026-11-27T08:00:00Z');
        const early = open('followUp');
        const [readiness] = await early.send('hi');
        assert.equal(readiness.text, t(language, 'problem.askReadiness', { step: w.step, when: w.when }));
        assert.notEqual(readiness.text, t(language, 'problem.askOutcome', { step: w.step, when: w.when }));
        assert.deepEqual(await early.say(pick('ready', 'problem.readiness_ready')), [t(language, 'problem.readinessSaid_ready')]);
        assert.equal((await repo.problems(clientId))[0].stage, 'planned', 'nothing recorded as an outcome');

        const sent: ReminderMessage[] = [];
        now = new Date('2026-11-27T19:59:00Z');
        await dispatcher(sent).tick();
        assert.equal(sent.length, 0, 'not before its time');
        now = new Date('2026-11-27T20:00:30Z');
        await Promise.all([dispatcher(sent).tick(), dispatcher(sent).tick()]);
        await dispatcher(sent).tick();
        assert.deepEqual(sent.map((m) => [m.kind, m.language, (m.conversationReference.conversation as { id: string }).id]), [['problemFollowUp', language, CONVERSATION_ID]], 'exactly once, to this chat');

        const after = open('followUp');
        const [outcome] = await after.send(submit({ choice: 'followUp', reminder: 'problemFollowUp', reminderId: 'r' }));
        assert.equal(outcome.text, t(language, 'problem.askOutcome', { step: w.step, when: w.when }));
      });
    }
  }

  for (const language of LANGUAGES) {
    const w = WORDS[language];
    it(`${language}: a time the bot cannot read ("${w.vague}") waits a night; "not sure" offers to adjust, and adjusting replaces the plan`, async () => {
      const { repo, clientId, open } = await client('webchat', language);
      const saved = await plan(open('solve'), language, w.vague);
      // No moment named: the reminder comes two days later, at the same time of day.
      assert.equal(saved[1], t(language, 'problem.reminderSet', { next: formatDateTime(language, '2026-11-28T10:00:00.000Z', 'Europe/Madrid') }));
      const [stored] = await repo.problems(clientId);
      assert.equal(stored.followUpAt, undefined);

      now = new Date('2026-11-26T18:00:00Z');
      const early = open('followUp');
      assert.deepEqual(await early.say('hi'), [t(language, 'problem.askReadiness', { step: w.step, when: w.vague })]);
      assert.deepEqual(await early.say(t(language, 'problem.readiness_unsure')), [t(language, 'problem.readinessSaid_unsure'), t(language, 'problem.askAdjust')]);
      assert.deepEqual(await early.say(t(language, 'prompts.yesButton')), [t(language, 'problem.askFirstOption', { n: 1 })]);
      const problems = await repo.problems(clientId);
      assert.equal(problems.find((p) => p.id === stored.id)?.stage, 'discarded', 'the old plan is no longer waiting for a follow-up');
      assert.equal(problems.find((p) => p.id !== stored.id)?.definition, w.problem, 'the same problem, planned anew');
      const sent: ReminderMessage[] = [];
      now = new Date('2026-11-28T10:00:30Z');
      await dispatcher(sent).tick();
      assert.deepEqual(sent, [], 'no reminder about the plan the client replaced');
    });

    it(`${language}: a plan followed up from the menu before its reminder gets no reminder`, async () => {
      const { repo, clientId, open } = await client('webchat', language);
      await plan(open('solve'), language, w.when);
      now = new Date('2026-11-27T19:30:00Z');
      const h = open('followUp');
      assert.deepEqual(await h.say('hi'), [t(language, 'problem.askOutcome', { step: w.step, when: w.when })]);
      await h.send(t(language, 'problem.outcome_done'));
      await h.send(t(language, 'checkin.skipButton'));
      await h.send('no');
      assert.equal((await repo.problems(clientId))[0].outcome, 'done');
      const sent: ReminderMessage[] = [];
      now = new Date('2026-11-27T20:00:30Z');
      await dispatcher(sent).tick();
      assert.deepEqual(sent, [], 'already answered');
    });

    it(`${language}: the next day, a plan with no readable time is asked about as usual`, async () => {
      const { open } = await client('webchat', language);
      await plan(open('solve'), language, w.vague);
      now = new Date('2026-11-27T09:00:00Z');
      assert.deepEqual(await open('followUp').say('hi'), [t(language, 'problem.askOutcome', { step: w.step, when: w.vague })]);
    });
  }

  describe('reading the moment of a plan in the client\'s zone', () => {
    // Monday 7 December 2026, 09:00 in Mexico City (15:00Z).
    const monday = new Date('2026-12-07T15:00:00Z');
    const rows: Array<[Language, string, string | undefined]> = [
      ['en', 'tomorrow after lunch', '2026-12-09T06:00:00.000Z'],
      ['en', 'on Saturday', '2026-12-13T06:00:00.000Z'],
      ['en', 'at 6pm', '2026-12-08T01:00:00.000Z'],
      ['en', 'this weekend', '2026-12-14T06:00:00.000Z'],
      ['en', 'soon', undefined],
      ['es', 'el sábado', '2026-12-13T06:00:00.000Z'],
      ['es', 'el miércoles', '2026-12-10T06:00:00.000Z'],
      ['es', 'hoy a las 8', '2026-12-08T03:00:00.000Z'],
      ['es', 'esta noche', '2026-12-08T05:59:59.000Z'],
      ['es', 'cuando pueda', undefined],
    ];
    for (const [language, typed, over] of rows) {
      it(`${language}: "${typed}" is over at ${over ?? 'an unknown time'}`, () => {
        assert.equal(readPlanMoment(typed, language, monday, 'America/Mexico_City')?.over.toISOString(), over);
      });
    }
  });
});
