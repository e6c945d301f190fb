import assert from 'node:assert/strict';
import { Dialog } from 'botbuilder-dialogs';
import { Language, t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { ClientServices } from '../../src/client/clientServices';
import { ReflectionArea } from '../../src/client/records';
import { GriefWorkDialog } from '../../dialogs/griefWorkDialog';
import { RoleDisputeDialog } from '../../dialogs/roleDisputeDialog';
import { RoleTransitionDialog } from '../../dialogs/roleTransitionDialog';
import { MainDialog } from '../../dialogs/mainDialog';
import { BotStateStorage } from '../../src/storage/botStateStorage';
import { assertSays, CHANNELS, harness, LANGUAGES, offered, onboardedProfile, seedProfile, isReflection, submit, tempStore } from './harness';

/** A typed answer, a button (its id and title key), or "skip". */
type Step = { id: string; ask: string; answer: string | { choice: string; key: string }; vars?: Record<string, string>; guide?: string };

interface Case {
  area: ReflectionArea;
  make: (services: ClientServices) => Dialog;
  steps: (language: Language) => Step[];
  links: string[];
  savedVars: Record<string, string>;
  /** The closing text's key, when not `<area>.saved`. */
  saved?: string;
}

const SKIP = { choice: 'skip', key: 'checkin.skipButton' };
const es = (language: Language, en: string, esText: string) => (language === 'en' ? en : esText);

const CASES: Case[] = [
  {
    area: 'grief',
    make: (s) => new GriefWorkDialog(s),
    links: ['nudge', 'people'],
    savedVars: { name: 'Rosa' },
    steps: (l) => [
      { id: 'who', ask: 'grief.ask_who', answer: 'Rosa' },
      { id: 'story', ask: 'grief.ask_story', answer: es(l, 'It was sudden, in March. My sister called me at work.', 'Fue de repente, en marzo. Mi hermana me llamó al trabajo.') },
      { id: 'good', ask: 'grief.ask_good', vars: { name: 'Rosa' }, answer: es(l, 'Her laugh and Sunday lunches', 'Su risa y las comidas de los domingos') },
      { id: 'hard', ask: 'grief.ask_hard', vars: { name: 'Rosa' }, answer: SKIP },
      { id: 'feelings', ask: 'grief.ask_feelings', answer: es(l, 'Sad and a bit angry', 'Triste y algo enfadada') },
      { id: 'changed', ask: 'grief.ask_changed', vars: { name: 'Rosa' }, answer: es(l, 'Sundays are empty', 'Los domingos están vacíos') },
      { id: 'anniversary', ask: 'grief.ask_anniversary', answer: es(l, 'March 3rd', 'El 3 de marzo') },
    ],
  },
  {
    area: 'roleDispute',
    make: (s) => new RoleDisputeDialog(s),
    links: ['analyse', 'rehearse'],
    savedVars: { name: 'Leo' },
    saved: 'roleDispute.saved_impasse',
    steps: (l) => [
      { id: 'who', ask: 'roleDispute.ask_who', answer: 'Leo' },
      { id: 'youExpect', ask: 'roleDispute.ask_youExpect', vars: { name: 'Leo' }, answer: es(l, 'Help with the kids', 'Ayuda con los niños') },
      { id: 'theyExpect', ask: 'roleDispute.ask_theyExpect', vars: { name: 'Leo' }, answer: es(l, 'That I work less', 'Que trabaje menos') },
      { id: 'stage', ask: 'roleDispute.ask_stage', answer: { choice: 'impasse', key: 'roleDispute.stage_impasse' } },
      { id: 'nextStep', guide: 'roleDispute.guide_nextStep_impasse', ask: 'roleDispute.ask_nextStep_impasse', vars: { name: 'Leo' }, answer: es(l, 'Ask for a calm talk on Sunday', 'Proponer hablar con calma el domingo') },
    ],
  },
  {
    area: 'roleTransition',
    make: (s) => new RoleTransitionDialog(s),
    links: ['nudge', 'people'],
    savedVars: {},
    steps: (l) => [
      { id: 'oldRole', ask: 'roleTransition.ask_oldRole', answer: es(l, 'Nurse on a busy ward', 'Enfermera en una planta con mucho trabajo') },
      { id: 'oldGood', ask: 'roleTransition.ask_oldGood', answer: es(l, 'Feeling useful, the team', 'Sentirme útil, el equipo') },
      { id: 'oldNotGood', ask: 'roleTransition.ask_oldNotGood', answer: es(l, 'Night shifts and the rota', 'Los turnos de noche y los horarios') },
      { id: 'lost', ask: 'roleTransition.ask_lost', answer: es(l, 'My colleagues', 'Mis compañeras') },
      { id: 'newRole', ask: 'roleTransition.ask_newRole', answer: es(l, 'Retired', 'Jubilada') },
      { id: 'gained', ask: 'roleTransition.ask_gained', answer: es(l, 'Time for the garden', 'Tiempo para el huerto') },
      { id: 'newHard', ask: 'roleTransition.ask_newHard', answer: SKIP },
      { id: 'feelings', ask: 'roleTransition.ask_feelings', answer: es(l, 'Lost', 'Perdida') },
      { id: 'needs', ask: 'roleTransition.ask_needs', answer: es(l, 'A walking group', 'Un grupo de senderismo') },
    ],
  },
];

describe('Grief work, role disputes and role transitions', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  for (const c of CASES) {
    for (const channelId of CHANNELS) {
      for (const language of LANGUAGES) {
        describe(`${c.area}: ${channelId} / ${language}`, () => {
          async function start() {
            const repo = new ClientRepository(temp.store);
            const profile = await onboardedProfile(repo, language);
            await seedProfile(temp.store, channelId, profile);
            return { h: harness(c.make, { channelId, language, store: temp.store }), repo, clientId: profile.clientId as string };
          }
          const input = (answer: Step['answer']) => (typeof answer === 'string' ? answer : channelId === 'msteams' ? submit({ choice: answer.choice }) : t(language, answer.key));

          it('asks each question in turn, saves the answers and offers the related exercises', async () => {
            const { h, repo, clientId } = await start();
            const steps = c.steps(language);
            assert.deepEqual(await h.say('hi'), [t(language, `${c.area}.intro`), t(language, steps[0].ask, steps[0].vars)]);
            for (let i = 0; i < steps.length; i++) {
              // A reflection of the answer may come first; the questions themselves are checked here.
              const replies = (await h.send(input(steps[i].answer))).filter((r) => !isReflection(r.text));
              const next = steps[i + 1];
              if (next) {
                assert.deepEqual(replies.map((r) => r.text), [...(next.guide ? [t(language, next.guide, next.vars)] : []), t(language, next.ask, next.vars)]);
              } else {
                assert.deepEqual(replies.map((r) => r.text), [t(language, c.saved ?? `${c.area}.saved`, c.savedVars)]);
                assert.deepEqual(offered(replies[0]), channelId === 'msteams' ? c.links : c.links.map((id) => t(language, `menu.item_${id}`)));
              }
            }
            const [saved] = await repo.reflections(clientId);
            assert.equal(saved.area, c.area);
            const expected = Object.fromEntries(steps.filter((s) => s.answer !== SKIP).map((s) => [s.id, typeof s.answer === 'string' ? s.answer : s.answer.choice]));
            assert.deepEqual(saved.answers, expected);
          });

          it('stopping after two misunderstood answers keeps what was answered, and the next start carries on from there', async () => {
            const { h, repo, clientId } = await start();
            const steps = c.steps(language);
            await h.send('hi');
            assert.deepEqual(await h.say(input(steps[0].answer)), [t(language, steps[1].ask, steps[1].vars)]);
            await h.say('😢😢');
            assertSays((await h.say('😢'))[0], language, 'prompts.gaveUpKept');
            assert.deepEqual(await repo.reflections(clientId), []);
            const resumed = await h.say('hi');
            assertSays(resumed[0], language, 'prompts.draftResumed');
            assert.equal(resumed[1], t(language, steps[1].ask, steps[1].vars));
            for (const step of steps.slice(1)) await h.send(input(step.answer));
            const [saved] = await repo.reflections(clientId);
            const first = steps[0].answer;
            assert.equal(saved.answers[steps[0].id], typeof first === 'string' ? first : first.choice, 'the first answer, given before the stop, is saved');
          });

          it('bad inputs (emoji only, 10,000 characters, empty) get a reprompt, then the menu, and nothing is stored', async () => {
            const { h, repo, clientId } = await start();
            await h.send('hi');
            assert.deepEqual(await h.say('😢😢'), [t(language, 'prompts.retry_noLetters')]);
            assertSays((await h.say('x'.repeat(10_000)))[0], language, 'prompts.gaveUp');
            assert.deepEqual(h.client.dialogTurnResult.result, { showMenu: true });
            await h.send('hi');
            assert.deepEqual(await h.say(''), [t(language, 'prompts.retry_empty')]);
            assertSays((await h.say(''))[0], language, 'prompts.gaveUp');
            await h.send('hi');
            assert.deepEqual(await h.say('x'.repeat(10_000)), [t(language, 'prompts.retry_tooLong')]);
            assert.deepEqual(await repo.reflections(clientId), []);
          });
        });
      }
    }
  }

  for (const c of CASES) {
    for (const language of LANGUAGES) {
      describe(`${c.area}: cancel and restart (${language})`, () => {
        const typed = (answer: Step['answer']) => (typeof answer === 'string' ? answer : t(language, answer.key));

        it('"cancel" mid-way leaves nothing half-written, and the exercise can be started afresh', async () => {
          const repo = new ClientRepository(temp.store);
          const profile = await onboardedProfile(repo, language);
          await seedProfile(temp.store, 'webchat', profile);
          const h = harness((s) => new MainDialog(s.profileAccessor, { clients: s.clients }), { channelId: 'webchat', language, store: temp.store });
          const steps = c.steps(language);
          const menuItem = t(language, `menu.item_${c.area}`);
          assert.equal((await h.say(menuItem))[0], t(language, `${c.area}.intro`));
          await h.send(typed(steps[0].answer));
          await h.send(typed(steps[1].answer));
          assert.deepEqual(await h.say(t(language, 'commands.cancel', {}, () => 0)), [t(language, 'main.cancelled')]);
          assert.deepEqual(await repo.reflections(profile.clientId as string), []);
          assert.deepEqual(await h.say(menuItem), [t(language, `${c.area}.intro`), t(language, steps[0].ask, steps[0].vars)]);
        });

        it('continues where it was after a restart (dialog state in the store), and saves every answer', async () => {
          const repo = new ClientRepository(temp.store);
          const profile = await onboardedProfile(repo, language);
          await seedProfile(temp.store, 'webchat', profile);
          const steps = c.steps(language);
          const before = harness(c.make, { channelId: 'webchat', language, store: temp.store, conversationStorage: new BotStateStorage(temp.store) });
          await before.send('hi');
          await before.send(typed(steps[0].answer));
          await before.send(typed(steps[1].answer));
          const reopened = await temp.reopen();
          const after = harness(c.make, { channelId: 'webchat', language, store: reopened, conversationStorage: new BotStateStorage(reopened) });
          assert.deepEqual(await after.say(typed(steps[2].answer)), [t(language, steps[3].ask, steps[3].vars)]);
          for (const step of steps.slice(3)) await after.send(typed(step.answer));
          const [saved] = await new ClientRepository(reopened).reflections(profile.clientId as string);
          assert.equal(saved.answers[steps[0].id], typed(steps[0].answer));
          assert.equal(saved.answers[steps[1].id], typed(steps[1].answer));
        });
      });
    }
  }
});
