import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { Clock } from '../../src/clock';
import { ClientRepository } from '../../src/client/clientRepository';
import { RoleDisputeDialog } from '../../dialogs/roleDisputeDialog';
import { RoleTransitionDialog } from '../../dialogs/roleTransitionDialog';
import { RehearsalDialog } from '../../dialogs/rehearsalDialog';
import { ClientServices } from '../../src/client/clientServices';
import { Dialog } from 'botbuilder-dialogs';
import { assertSays, CHANNELS, harness, LANGUAGES, offered, onboardedProfile, seedProfile, submit, tempStore } from './harness';

describe('Every loop closed: dispute steps, rehearsed talks and transition needs are followed up', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  let now: Date;
  const clock: Clock = { now: () => now };
  beforeEach(async () => {
    temp = await tempStore();
    now = new Date('2026-11-20T10:00:00Z');
  });
  afterEach(async () => temp.dispose());

  async function start(channelId: (typeof CHANNELS)[number], language: 'en' | 'es', make: (s: ClientServices) => Dialog) {
    const repo = new ClientRepository(temp.store, clock);
    const profile = await onboardedProfile(repo, language);
    await seedProfile(temp.store, channelId, profile);
    return { repo, clientId: profile.clientId as string, h: harness(make, { channelId, language, store: temp.store, clock }) };
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      const pick = (id: string) => (channelId === 'msteams' ? submit({ choice: id }) : t(language, `loops.outcome_${id}`));
      describe(`${channelId} / ${language}`, () => {
        it('asks whether the dispute’s next step happened, saves the answer on that exercise, then starts the exercise', async () => {
          const { repo, clientId, h } = await start(channelId, language, (s) => new RoleDisputeDialog(s));
          const earlier = await repo.addReflection(clientId, 'roleDispute', { who: 'Leo', stage: 'renegotiation', nextStep: 'Ask Leo for ten quiet minutes' });
          now = new Date('2026-11-22T10:00:00Z');
          const asked = await h.send('start');
          assertSays(asked[0].text, language, 'loops.askDisputeStep', { name: 'Leo', step: 'Ask Leo for ten quiet minutes' });
          assert.deepEqual(offered(asked[0]), channelId === 'msteams' ? ['done', 'partly', 'notYet'] : ['done', 'partly', 'notYet'].map((o) => t(language, `loops.outcome_${o}`)));
          const next = await h.say(pick('partly'));
          assertSays(next[0], language, 'loops.said_partly');
          assertSays(next[1], language, 'roleDispute.intro');
          assertSays(next[2], language, 'roleDispute.ask_who');
          const [saved] = (await repo.reflections(clientId)).filter((r) => r.id === earlier.id);
          assert.equal(saved.answers.outcome, 'partly');
          assert.equal(saved.answers.nextStep, 'Ask Leo for ten quiet minutes', 'the client’s words are kept');
        });

        it('does not ask the same day the step was set, nor again once answered', async () => {
          const { repo, clientId, h } = await start(channelId, language, (s) => new RoleDisputeDialog(s));
          await repo.addReflection(clientId, 'roleDispute', { who: 'Leo', nextStep: 'Talk on Sunday' });
          now = new Date('2026-11-20T18:00:00Z');
          assertSays((await h.say('start'))[0], language, 'roleDispute.intro');
          await h.send(t(language, 'commands.cancel', {}, () => 0));
          const { repo: repo2, clientId: answeredId, h: h2 } = await start(channelId, language, (s) => new RoleDisputeDialog(s));
          await repo2.addReflection(answeredId, 'roleDispute', { who: 'Leo', nextStep: 'Talk on Sunday', outcome: 'done' });
          now = new Date('2026-11-25T18:00:00Z');
          assertSays((await h2.say('start'))[0], language, 'roleDispute.intro');
        });

        it('asks whether the rehearsed talk happened before a new rehearsal', async () => {
          const { repo, clientId, h } = await start(channelId, language, (s) => new RehearsalDialog(s));
          await repo.addScript(clientId, { personName: 'Mum', goal: 'Ask for help on Sundays', drafts: ['Could you help me on Sundays?'], text: 'Could you help me on Sundays?', checklist: [], practisedReplies: ['calm'] });
          now = new Date('2026-11-21T12:00:00Z');
          assertSays((await h.send('start'))[0].text, language, 'loops.askTalk', { name: 'Mum' });
          const next = await h.say(pick('notYet'));
          assertSays(next[0], language, 'loops.said_notYet');
          assertSays(next[1], language, 'rehearsal.intro');
          const [script] = await repo.scripts(clientId);
          assert.equal(script.talkHappened, 'notYet');
        });

        it('an unclear answer about what the new role needs is not read as no: nothing saved, asked again next time', async () => {
          const { repo, clientId, h } = await start(channelId, language, (s) => new RoleTransitionDialog(s));
          await repo.addReflection(clientId, 'roleTransition', { oldRole: 'worker', newRole: 'retired', needs: 'A walking group' });
          now = new Date('2026-11-23T10:00:00Z');
          assertSays((await h.send('start'))[0].text, language, 'loops.askTransitionNeeds', { needs: 'A walking group' });
          assert.equal(offered((await h.send('hmm'))[0]).length, 3);
          assertSays((await h.say('hmm'))[0], language, 'prompts.gaveUp');
          assert.equal((await repo.reflections(clientId))[0].answers.outcome, undefined);
          assertSays((await h.send('start'))[0].text, language, 'loops.askTransitionNeeds', { needs: 'A walking group' });
        });
      });
    }
  }
});
