import assert from 'node:assert/strict';
import { WaterfallDialog } from 'botbuilder-dialogs';
import { Language, t, variants } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { ClientServices } from '../../src/client/clientServices';
import { noProgrammeReminders } from '../../src/client/clientReminders';
import { createLogger } from '../../src/logger';
import { ProgrammeStore } from '../../src/programmes/programmeStore';
import { ClientSchedules, EXERCISE_FOLLOW_UP_KINDS, ownDueSchema } from '../../src/scheduling/clientSchedule';
import { ReminderDispatcher } from '../../src/scheduling/reminderDispatcher';
import { ReminderButtonValue, reminderActivity, ReminderMessage } from '../../src/scheduling/reminderSender';
import { CONTAINERS } from '../../src/storage/containers';
import { FollowUpFirstDialog, LoopSource } from '../../dialogs/followUpFirstDialog';
import { RehearsalDialog } from '../../dialogs/rehearsalDialog';
import { ensureClientId } from '../../dialogs/prompts/clientContext';
import { CONVERSATION_ID, harness, LANGUAGES, onboardedProfile, seedProfile, submit, tempStore } from './harness';

/** The newest rehearsed talk not answered yet, like the rehearsal's own: what the exercise below leaves open. */
const talks: LoopSource = {
  async open(clientId, services, now) {
    const newest = (await services.clients.scripts(clientId))[0];
    if (!newest || newest.talkHappened || now.getTime() - Date.parse(newest.createdAt) < 12 * 3_600_000) return undefined;
    return { id: newest.id, key: 'loops.askTalk', vars: { name: newest.personName } };
  },
  async close() {},
};

/** A stand-in for the rehearsal: it keeps a script (a talk to ask about later) when `keeps` says so. */
function exercise(keeps: boolean) {
  return (services: ClientServices) =>
    new FollowUpFirstDialog(
      'rehearsalDialog',
      new WaterfallDialog('practise', [
        async (step) => {
          if (keeps) {
            const clientId = await ensureClientId(step.context, services);
            await services.clients.addScript(clientId, { personName: 'Mum', goal: 'Help on Sundays', drafts: ['Could you help me?'], text: 'Could you help me?', checklist: [], practisedReplies: [] });
          }
          await step.context.sendActivity('practised');
          return step.endDialog();
        },
      ]),
      talks,
      services,
    );
}

describe('an exercise that leaves a step to ask about promises the follow-up with a reminder', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  let now: Date;
  const clock = { now: () => now };
  beforeEach(async () => {
    temp = await tempStore();
    now = new Date('2026-11-26T17:00:00Z'); // Thursday, 18:00 in Madrid
  });
  afterEach(async () => temp.dispose());

  async function client(language: Language) {
    const repo = new ClientRepository(temp.store, clock);
    const profile = await onboardedProfile(repo, language);
    await seedProfile(temp.store, 'webchat', profile);
    return { repo, clientId: profile.clientId as string, ownReminders: new ClientSchedules(temp.store, { clock }) };
  }

  async function pending() {
    const all = await temp.store.query<unknown>(CONTAINERS.reminders, { where: [{ field: 'status', op: '=', value: 'pending' }] });
    return all.flatMap((d) => {
      const parsed = ownDueSchema.safeParse(d.body);
      return parsed.success ? [`${parsed.data.kind} ${parsed.data.dueAt}`] : [];
    });
  }

  function tick(sent: ReminderMessage[]) {
    const sender = { send: async (m: ReminderMessage) => void sent.push(m) };
    return new ReminderDispatcher({ store: temp.store, programmes: new ProgrammeStore(temp.store, { clock }), sender, logger: createLogger('silent'), clock, initialLookbackHours: 48 }).tick();
  }

  const OPENS = { talkFollowUp: 'rehearse', disputeFollowUp: 'roleDispute', transitionFollowUp: 'roleTransition', griefFollowUp: 'grief' } as const;
  for (const language of LANGUAGES) {
    for (const kind of EXERCISE_FOLLOW_UP_KINDS) {
      it(`${language}: a ${kind} reminder speaks to the client by name (or not) and its one button opens its exercise`, () => {
        const named = reminderActivity({ reminderId: 'r', kind, language, name: 'Sam', conversationReference: {} });
        assert.ok(variants(language, `reminders.${kind}`).some((v) => v.replace('{name}', 'Sam') === named.text), named.text);
        const anonymous = reminderActivity({ reminderId: 'r', kind, language, conversationReference: {} });
        assert.ok(variants(language, `reminders.${kind}Anonymous`).includes(anonymous.text ?? ''), anonymous.text);
        const buttons = (named.attachments?.[0].content as { buttons: Array<{ title: string; value: ReminderButtonValue }> }).buttons;
        assert.deepEqual(buttons.map((b) => [b.title, b.value]), [[t(language, `reminders.${kind}Button`), { choice: OPENS[kind], reminder: kind, reminderId: 'r' }]]);
      });
    }
  }

  for (const language of LANGUAGES) {
    it(`${language}: a kept rehearsal → one reminder two days later, in this chat, exactly once, whose button opens the rehearsal`, async () => {
      const { ownReminders } = await client(language);
      const h = harness(exercise(true), { channelId: 'webchat', language, store: temp.store, clock, ownReminders });
      assert.deepEqual(await h.say('start'), ['practised']);
      assert.deepEqual(await pending(), ['talkFollowUp 2026-11-28T17:00:00.000Z']);

      const sent: ReminderMessage[] = [];
      now = new Date('2026-11-28T16:59:00Z');
      await tick(sent);
      assert.equal(sent.length, 0);
      now = new Date('2026-11-28T17:00:30Z');
      await Promise.all([tick(sent), tick(sent)]);
      await tick(sent);
      assert.equal(sent.length, 1, 'exactly once');
      const [message] = sent;
      assert.deepEqual([message.kind, message.language, (message.conversationReference.conversation as { id: string }).id], ['talkFollowUp', language, CONVERSATION_ID]);
      const card = reminderActivity(message);
      assert.ok(variants(language, 'reminders.talkFollowUp').some((v) => v.replace('{name}', 'Sam') === card.text), card.text);
      const buttons = (card.attachments?.[0].content as { buttons: Array<{ title: string; value: ReminderButtonValue }> }).buttons;
      assert.deepEqual(buttons.map((b) => [b.title, b.value.choice, b.value.reminder]), [[t(language, 'reminders.talkFollowUpButton'), 'rehearse', 'talkFollowUp']]);
    });

    it(`${language}: no reminder when the exercise left nothing new to ask about, nor for a client a programme reminds`, async () => {
      const { ownReminders } = await client(language);
      await harness(exercise(false), { channelId: 'webchat', language, store: temp.store, clock, ownReminders }).send('start');
      assert.deepEqual(await pending(), []);
      const linked = { ...noProgrammeReminders, available: async () => true };
      await harness(exercise(true), { channelId: 'webchat', language, store: temp.store, clock, ownReminders, reminders: linked }).send('start');
      assert.deepEqual(await pending(), [], "the programme's reminders ask instead");
    });

    it(`${language}: the reminder's button asks only about the talk (no exercise after), saves the answer, and a second tap has nothing to ask`, async () => {
      const { repo, clientId, ownReminders } = await client(language);
      await repo.addScript(clientId, { personName: 'Mum', goal: 'Help on Sundays', drafts: ['Could you help me?'], text: 'Could you help me?', checklist: [], practisedReplies: [] });
      now = new Date('2026-11-28T17:00:30Z');
      const h = harness((s) => new RehearsalDialog(s), { channelId: 'webchat', language, store: temp.store, clock, ownReminders });
      const tap = submit({ choice: 'rehearse', reminder: 'talkFollowUp', reminderId: 'r1' });
      assert.deepEqual(await h.say(tap), [t(language, 'loops.askTalk_reminder', { name: 'Mum' })]);
      assert.deepEqual(await h.say(t(language, 'loops.outcome_done')), [t(language, 'loops.said_done')]);
      assert.deepEqual(h.client.dialogTurnResult.result, { showMenu: true });
      assert.equal((await repo.scripts(clientId))[0].talkHappened, 'done');
      assert.deepEqual(await h.say(tap), [t(language, 'loops.nothingOpen')]);
    });
  }
});
