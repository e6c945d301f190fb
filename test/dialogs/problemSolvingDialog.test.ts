import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { BotStateStorage } from '../../src/storage/botStateStorage';
import { ProblemSolvingDialog } from '../../dialogs/problemSolvingDialog';
import { ProblemFollowUpDialog } from '../../dialogs/problemFollowUpDialog';
import { countTags, webChatHtml } from '../support/webChatMarkdown';
import { CHANNELS, harness, HarnessOptions, LANGUAGES, offered, onboardedProfile, seedProfile, submit, tempStore } from './harness';

const WORDS = {
  en: { problem: 'My sister and I argue about Mum', a: 'Call her calmly', b: 'Write her a letter', pro: 'Quick', con: 'Might get heated', step: 'Text her to pick a time', when: 'Tomorrow evening' },
  es: { problem: 'Mi hermana y yo discutimos por mamá', a: 'Llamarla con calma', b: 'Escribirle una carta', pro: 'Es rápido', con: 'Puede acabar en bronca', step: 'Escribirle para quedar', when: 'Mañana por la tarde' },
};

describe('ProblemSolvingDialog', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  async function start(channelId: (typeof CHANNELS)[number], language: 'en' | 'es', extra: Partial<HarnessOptions> = {}, dialog: 'solve' | 'followUp' = 'solve') {
    const repo = new ClientRepository(temp.store);
    const profile = await onboardedProfile(repo, language);
    await seedProfile(temp.store, channelId, profile);
    const make = () =>
      harness((services) => (dialog === 'solve' ? new ProblemSolvingDialog(services) : new ProblemFollowUpDialog(services)), { channelId, language, store: temp.store, ...extra });
    return { h: make(), clientId: profile.clientId as string, repo };
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      const w = WORDS[language];
      const pick = (id: string, typed: string) => (channelId === 'msteams' ? submit({ choice: id }) : typed);
      describe(`${channelId} / ${language}`, () => {
        it('walks define → options → pros/cons → choose → first step → when, and saves the plan', async () => {
          const { h, clientId, repo } = await start(channelId, language);
          const first = await h.say('go');
          assert.deepEqual(first, [t(language, 'problem.intro'), t(language, 'problem.askDefine')]);
          assert.deepEqual(await h.say('my sister'), [t(language, 'problem.defineVague')], 'fewer than three words: nudge to be concrete');
          assert.deepEqual(await h.say(w.problem), [t(language, 'problem.askFirstOption', { n: 1 })]);
          assert.deepEqual(await h.say(w.a), [t(language, 'problem.askAnotherOption', { n: 2 })]);
          assert.deepEqual(await h.say(pick('done', t(language, 'problem.doneButton'))), [t(language, 'problem.needTwoOptions'), t(language, 'problem.askAnotherOption', { n: 2 })]);
          const more = await h.send(w.b);
          assert.equal(more[0].text, t(language, 'problem.askMoreOptions', { n: 3 }));
          assert.deepEqual(offered(more[0]), [channelId === 'msteams' ? 'done' : t(language, 'problem.doneButton')]);
          assert.deepEqual(await h.say(pick('done', language === 'en' ? 'done' : 'listo')), [t(language, 'problem.askPros', { option: w.a })]);
          assert.deepEqual(await h.say(w.pro), [t(language, 'problem.askCons', { option: w.a })]);
          assert.deepEqual(await h.say(w.con), [t(language, 'problem.askPros', { option: w.b })]);
          assert.deepEqual(await h.say(pick('skip', t(language, 'checkin.skipButton'))), [t(language, 'problem.askCons', { option: w.b })]);
          const choose = await h.send(pick('skip', t(language, 'checkin.skipButton')));
          assert.equal(choose.length, 2);
          if (channelId === 'msteams') {
            assert.equal(choose[0].attachments?.[0].contentType, 'application/vnd.microsoft.card.adaptive');
            assert.match(JSON.stringify(choose[0].attachments?.[0].content), new RegExp(w.con));
          } else {
            assert.ok(choose[0].text?.includes(`1. ${w.a}`) && choose[0].text.includes(w.con));
            // One numbered list (1, 2 — not two lists each shown as "1."), each option's pros and cons inside its item.
            const html = webChatHtml(choose[0].text ?? '');
            assert.equal(countTags(html, 'ol'), 1);
            assert.equal(countTags(html, 'li'), 2);
            assert.equal(countTags(html, 'ul'), 0);
          }
          assert.equal(choose[1].text, t(language, 'problem.askChoose'));
          assert.deepEqual(await h.say(pick('option:7', '7')), [t(language, 'problem.chooseRetry', { count: 2 })]);
          assert.deepEqual(await h.say(pick('option:1', '2')), [t(language, 'problem.askFirstStep', { option: w.b })]);
          assert.deepEqual(await h.say(w.step), [t(language, 'problem.askWhen')]);
          assert.deepEqual(await h.say(w.when), [t(language, 'problem.planned', { step: w.step, when: w.when })]);

          const [plan] = await repo.problems(clientId);
          assert.equal(plan.stage, 'planned');
          assert.equal(plan.definition, w.problem);
          assert.deepEqual(plan.options, [{ text: w.a, pros: w.pro, cons: w.con }, { text: w.b }]);
          assert.equal(plan.chosen, 1);
          assert.equal(plan.firstStep, w.step);
          assert.equal(plan.when, w.when);
        });

        it('bad answers get a specific reprompt and never reach the record', async () => {
          const { h, clientId, repo } = await start(channelId, language);
          await h.send('go');
          await h.send(w.problem);
          assert.deepEqual(await h.say('😀😀'), [t(language, 'prompts.retry_noLetters')]);
          assert.deepEqual(await h.say('x'.repeat(10_000)), [t(language, 'problem.draftKept')]);
          const [draft] = await repo.problems(clientId);
          assert.equal(draft.stage, 'options');
          assert.deepEqual(draft.options, []);
          assert.deepEqual(h.client.dialogTurnResult.result, { showMenu: true });
        });

        it('follow-up records the outcome and can start a revision of the same problem', async () => {
          const { h, clientId, repo } = await start(channelId, language, {}, 'followUp');
          assert.deepEqual(await h.say('hi'), [t(language, 'problem.noPlan')]);
          const plan = await repo.newProblem(clientId, w.problem);
          // A plan whose time is over (see planFollowUpTiming.test.ts for one that is still to come).
          await repo.saveProblem({ ...plan, stage: 'planned', options: [{ text: w.a }, { text: w.b }], chosen: 0, firstStep: w.step, when: w.when, followUpAt: '2020-01-01T00:00:00.000Z' });
          const ask = await h.send('hi');
          assert.equal(ask[0].text, t(language, 'problem.askOutcome', { step: w.step, when: w.when }));
          assert.deepEqual(await h.say(pick('partly', t(language, 'problem.outcome_partly'))), [t(language, 'problem.askNote_partly')]);
          assert.deepEqual(await h.say(language === 'en' ? 'She was busy' : 'Estaba ocupada'), [t(language, 'problem.outcomeSaved_partly'), t(language, 'problem.askRevise')]);
          assert.deepEqual(await h.say(pick('yes', t(language, 'prompts.yesButton'))), [t(language, 'problem.askFirstOption', { n: 1 })]);
          const problems = await repo.problems(clientId);
          const reviewed = problems.find((p) => p.id === plan.id);
          assert.equal(reviewed?.stage, 'reviewed');
          assert.equal(reviewed?.outcome, 'partly');
          assert.equal(reviewed?.outcomeNote, language === 'en' ? 'She was busy' : 'Estaba ocupada');
          const revision = problems.find((p) => p.id !== plan.id);
          assert.equal(revision?.definition, w.problem);
          assert.equal(revision?.stage, 'options');
        });
      });
    }
  }

  it('continues after the store is closed and reopened mid walk-through (a restart)', async () => {
    const repo = new ClientRepository(temp.store);
    const profile = await onboardedProfile(repo, 'en');
    await seedProfile(temp.store, 'webchat', profile);
    const before = harness((s) => new ProblemSolvingDialog(s), { channelId: 'webchat', language: 'en', store: temp.store, conversationStorage: new BotStateStorage(temp.store) });
    await before.send('go');
    await before.send(WORDS.en.problem);
    await before.send(WORDS.en.a);

    const reopened = await temp.reopen();
    const after = harness((s) => new ProblemSolvingDialog(s), { channelId: 'webchat', language: 'en', store: reopened, conversationStorage: new BotStateStorage(reopened) });
    assert.deepEqual(await after.say(WORDS.en.b), [t('en', 'problem.askMoreOptions', { n: 3 })]);
    const [draft] = await new ClientRepository(reopened).problems(profile.clientId as string);
    assert.deepEqual(draft.options.map((o) => o.text), [WORDS.en.a, WORDS.en.b]);
  });

  it('after an interruption that lost the dialog (cancel), offers to continue the draft or discard it', async () => {
    const { h, clientId, repo } = await start('webchat', 'es');
    await h.send('vamos');
    await h.send(WORDS.es.problem);
    await h.send(WORDS.es.a);

    // A new conversation state: the dialog stack is gone (as after "cancel"), only the draft record remains.
    const again = harness((s) => new ProblemSolvingDialog(s), { channelId: 'webchat', language: 'es', store: temp.store });
    const offer = await again.say('hola');
    assert.deepEqual(offer, [t('es', 'problem.resumeDraft', { problem: WORDS.es.problem })]);
    assert.deepEqual(await again.say('seguir'), [t('es', 'problem.resuming'), t('es', 'problem.askAnotherOption', { n: 2 })]);
    assert.deepEqual(await again.say(WORDS.es.b), [t('es', 'problem.askMoreOptions', { n: 3 })]);
    const [draft] = await repo.problems(clientId);
    assert.deepEqual(draft.options.map((o) => o.text), [WORDS.es.a, WORDS.es.b]);

    const third = harness((s) => new ProblemSolvingDialog(s), { channelId: 'webchat', language: 'es', store: temp.store });
    await third.send('hola');
    assert.deepEqual(await third.say('empezar uno nuevo'), [t('es', 'problem.discarded'), t('es', 'problem.askDefine')]);
    const stages = (await repo.problems(clientId)).map((p) => p.stage).sort();
    assert.deepEqual(stages, ['define', 'discarded']);
  });
});
