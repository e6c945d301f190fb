import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { BotStateStorage } from '../../src/storage/botStateStorage';
import { CHECKLIST_ITEMS, MAX_REHEARSAL_DRAFTS } from '../../src/client/records';
import { RehearsalDialog } from '../../dialogs/rehearsalDialog';
import { ScriptsDialog } from '../../dialogs/scriptsDialog';
import { checkDraft } from '../../dialogs/rehearsalChecklist';
import { Language } from '../../src/i18n';
import { assertSays, CHANNELS, harness, LANGUAGES, offered, onboardedProfile, seedProfile, submit, tempStore } from './harness';

const WORDS = {
  en: {
    goal: 'That we share the chores fairly',
    first: 'You never help at home, it is your fault the house is a mess.',
    second: 'I feel exhausted lately. Could you do the dishes on weekdays?',
    steady: "I'm not blaming you. I feel tired and I need a hand.",
    blaming: 'You always say that.',
    theirSide: "I'd feel criticised, and tired too.",
  },
  es: {
    goal: 'Que repartamos las tareas de casa',
    first: 'Tú nunca ayudas en casa, es tu culpa que esté agotada.',
    second: 'Me siento agobiada últimamente. ¿Podrías fregar los platos entre semana?',
    steady: 'No te estoy culpando. Me siento cansada y necesito ayuda.',
    blaming: 'Tú siempre dices lo mismo.',
    theirSide: 'Me sentiría criticada, y también cansada.',
  },
};

/** The checklist as the client reads it, with the rewrite suggestion for `rewrite` blame when given. */
function reflection(language: Language, text: string, rewrite?: string): string {
  const met = checkDraft(text);
  const lines = CHECKLIST_ITEMS.map((item) => t(language, `rehearsal.check_${item}_${met.includes(item) ? 'yes' : 'no'}`));
  return [t(language, 'rehearsal.reflectTitle'), ...lines, ...(rewrite ? [t(language, `rehearsal.rewrite_${rewrite}`)] : [])].join('\n\n');
}

const BLAMING = {
  en: [
    { text: "You're useless, honestly.", kind: 'label' },
    { text: "I'm fed up with you.", kind: 'fedUp' },
  ],
  es: [
    { text: 'Eres un inútil, la verdad.', kind: 'label' },
    { text: 'Estoy harto de ti.', kind: 'fedUp' },
  ],
};

describe('RehearsalDialog and ScriptsDialog', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  async function start(channelId: (typeof CHANNELS)[number], language: Language) {
    const repo = new ClientRepository(temp.store);
    const profile = await onboardedProfile(repo, language);
    await seedProfile(temp.store, channelId, profile);
    const clientId = profile.clientId as string;
    const person = await repo.addPerson(clientId, { name: 'Marta', relationship: 'sister', circle: 'inner', supportive: true, conflict: true });
    const h = harness((services) => new RehearsalDialog(services), { channelId, language, store: temp.store });
    const scripts = () => harness((services) => new ScriptsDialog(services), { channelId, language, store: temp.store });
    return { h, repo, clientId, person, scripts };
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      const w = WORDS[language];
      const pick = (id: string, key: string) => (channelId === 'msteams' ? submit({ choice: id }) : t(language, key));
      describe(`${channelId} / ${language}`, () => {
        it('person → goal → draft → checklist → a picked reply → try again → kept as a script the client can read', async () => {
          const { h, repo, clientId, person, scripts } = await start(channelId, language);
          assert.deepEqual(await scripts().say('hi'), [t(language, 'rehearsal.noScripts')]);

          const first = await h.send('hi');
          assert.deepEqual(first.map((a) => a.text), [t(language, 'rehearsal.intro'), t(language, 'rehearsal.askPerson')]);
          assert.deepEqual(offered(first[1]), channelId === 'msteams' ? [`person:${person.id}`] : ['Marta']);
          assert.deepEqual(await h.say(channelId === 'msteams' ? submit({ choice: `person:${person.id}` }) : 'Marta'), [t(language, 'rehearsal.askGoal', { name: 'Marta' })]);
          assert.deepEqual(await h.say(w.goal), [t(language, 'rehearsal.askDraft', { name: 'Marta' })]);

          const reflect = await h.send(w.first);
          assert.deepEqual(checkDraft(w.first), [], 'the first try blames and asks for nothing');
          // "Never" gets a suggestion to name one recent time instead.
          assert.deepEqual(reflect.map((a) => a.text), [reflection(language, w.first, 'absolute'), t(language, 'rehearsal.askReply', { name: 'Marta' })]);
          assert.deepEqual(offered(reflect[1]), channelId === 'msteams' ? ['calm', 'defensive', 'dismissive'] : ['calm', 'defensive', 'dismissive'].map((s) => t(language, `rehearsal.style_${s}`)));
          // The role play: Marta answers in the picked style, and the client answers her.
          const played = await h.say(pick('defensive', 'rehearsal.style_defensive'));
          assert.equal(played.length, 2);
          assertSays(played[0], language, 'rehearsal.reply_defensive', { name: 'Marta' });
          assert.equal(played[1], t(language, 'rehearsal.askAnswer', { name: 'Marta' }));
          const second = await h.say(w.steady);
          assertSays(second[0], language, 'rehearsal.reply2_defensive', { name: 'Marta' });
          assert.deepEqual(second.slice(1), [t(language, 'rehearsal.askAnswer', { name: 'Marta' })]);
          // Blame in the heat of it gets the reaction blame usually gets, and a gentle word back.
          const closed = await h.say(w.blaming);
          assertSays(closed[0], language, 'rehearsal.replyToBlame', { name: 'Marta' });
          assert.deepEqual(closed.slice(1), [t(language, 'rehearsal.exchangeBlamed', { name: 'Marta' }), t(language, 'rehearsal.tip_defensive'), t(language, 'rehearsal.askReversal', { name: 'Marta' })]);
          // Role reversal: the client as Marta.
          assert.deepEqual(await h.say(pick('yes', 'prompts.yesButton')), [t(language, 'rehearsal.askTheirSide', { name: 'Marta' })]);
          assert.deepEqual(await h.say(w.theirSide), [t(language, 'rehearsal.reversalReflect', { name: 'Marta' }), t(language, 'rehearsal.askNext')]);
          assert.deepEqual(await h.say(pick('again', 'rehearsal.tryAgainButton')), [t(language, 'rehearsal.askAgain', { name: 'Marta' })]);

          assert.deepEqual(checkDraft(w.second), [...CHECKLIST_ITEMS], 'the second try meets every point');
          assert.deepEqual(await h.say(w.second), [reflection(language, w.second), t(language, 'rehearsal.askReply', { name: 'Marta' })]);
          await h.send(pick('calm', 'rehearsal.style_calm'));
          assertSays((await h.say(w.steady))[0], language, 'rehearsal.reply2_calm', { name: 'Marta' });
          // "Enough" (typed, or the button on Teams) ends the role play; the reversal is not offered twice.
          const stopped = await h.say(channelId === 'msteams' ? submit({ choice: 'stop' }) : t(language, 'rehearsal.stopButton'));
          assert.deepEqual(stopped, [t(language, 'rehearsal.exchangeSteady', { name: 'Marta' }), t(language, 'rehearsal.tip_calm'), t(language, 'rehearsal.askNext')]);
          assert.deepEqual(await h.say(pick('keep', 'rehearsal.keepButton')), [t(language, 'rehearsal.saved', { name: 'Marta' })]);

          const [script] = await repo.scripts(clientId);
          assert.equal(script.personName, 'Marta');
          assert.equal(script.personId, person.id);
          assert.equal(script.goal, w.goal);
          assert.deepEqual(script.drafts, [w.first, w.second]);
          assert.equal(script.text, w.second);
          assert.deepEqual(script.checklist, [...CHECKLIST_ITEMS]);
          assert.deepEqual(script.practisedReplies, ['defensive', 'calm']);
          assert.deepEqual(script.exchange, [w.steady], 'the role play of the kept version');
          assert.equal(script.theirSide, w.theirSide);

          const shown = await scripts().say('hi');
          assert.equal(shown.length, 1);
          assert.ok(shown[0].startsWith(t(language, 'rehearsal.scriptsTitle')));
          assert.ok(shown[0].includes(w.second) && shown[0].includes(w.goal));
          assert.ok(shown[0].includes(t(language, 'rehearsal.scriptTheirSide', { name: 'Marta', theirSide: w.theirSide })), 'the role reversal is there to reread');
        });

        it('a draft that labels the person or says "fed up with you" gets a gentle I-statement rewrite; a kind one gets none', async () => {
          const { h } = await start(channelId, language);
          for (const line of ['hi', 'Marta', w.goal]) await h.send(line);
          for (const [i, { text, kind }] of BLAMING[language].entries()) {
            assert.ok(!checkDraft(text).includes('noBlame'));
            const reflect = await h.say(text);
            assert.equal(reflect[0], reflection(language, text, kind));
            assert.ok(reflect[0].includes(t(language, 'rehearsal.check_noBlame_no')) && reflect[0].includes(t(language, `rehearsal.rewrite_${kind}`)));
            await h.send(pick('calm', 'rehearsal.style_calm'));
            await h.send(channelId === 'msteams' ? submit({ choice: 'stop' }) : t(language, 'rehearsal.stopButton'));
            assert.deepEqual(await h.say(pick('again', 'rehearsal.tryAgainButton')), [t(language, 'rehearsal.askAgain', { name: 'Marta' })], `after version ${i + 1}`);
          }
          const kind = await h.say(w.second);
          assert.equal(kind[0], reflection(language, w.second));
          assert.ok(kind[0].includes(t(language, 'rehearsal.check_noBlame_yes')));
          assert.ok(!BLAMING[language].some(({ kind: k }) => kind[0].includes(t(language, `rehearsal.rewrite_${k}`))));
        });

        it('bad inputs: emoji-only name, then an empty goal twice ends with the menu; a 10,000-character draft is asked again', async () => {
          const { h, repo, clientId } = await start(channelId, language);
          await h.send('hi');
          assert.deepEqual(await h.say('🙂🙂'), [t(language, 'rehearsal.personRetry')]);
          assert.deepEqual(await h.say('Pat'), [t(language, 'rehearsal.askGoal', { name: 'Pat' })]);
          assert.deepEqual(await h.say(''), [t(language, 'prompts.retry_empty')]);
          // Pat is kept: the next rehearsal carries on from the goal.
          assertSays((await h.say(''))[0], language, 'prompts.gaveUpKept');
          assert.deepEqual(h.client.dialogTurnResult.result, { showMenu: true });

          const resumed = await h.say('hi');
          assertSays(resumed[1], language, 'prompts.draftResumed');
          assert.equal(resumed[2], t(language, 'rehearsal.askGoal', { name: 'Pat' }));
          await h.send(w.goal);
          assert.deepEqual(await h.say('x'.repeat(10_000)), [t(language, 'rehearsal.draftTooLong')]);
          assert.deepEqual(await repo.scripts(clientId), []);
        });
      });
    }
  }

  it('continues after a restart in the middle of the role play, keeping the earlier answers', async () => {
    const repo = new ClientRepository(temp.store);
    const profile = await onboardedProfile(repo, 'es');
    await seedProfile(temp.store, 'msteams', profile);
    const before = harness((s) => new RehearsalDialog(s), { channelId: 'msteams', language: 'es', store: temp.store, conversationStorage: new BotStateStorage(temp.store) });
    await before.send('hola');
    await before.send('Marta');
    await before.send(WORDS.es.goal);
    await before.send(WORDS.es.first);
    assertSays((await before.say(submit({ choice: 'dismissive' })))[0], 'es', 'rehearsal.reply_dismissive', { name: 'Marta' });
    await before.send(WORDS.es.steady);

    const reopened = await temp.reopen();
    const after = harness((s) => new RehearsalDialog(s), { channelId: 'msteams', language: 'es', store: reopened, conversationStorage: new BotStateStorage(reopened) });
    const closed = await after.say('Me importa mucho. ¿Podemos hablarlo el sábado?');
    assertSays(closed[0], 'es', 'rehearsal.reply3_dismissive', { name: 'Marta' });
    assert.deepEqual(closed.slice(1), [t('es', 'rehearsal.exchangeSteady', { name: 'Marta' }), t('es', 'rehearsal.tip_dismissive'), t('es', 'rehearsal.askReversal', { name: 'Marta' })]);
    assert.deepEqual(await after.say(submit({ choice: 'no' })), [t('es', 'rehearsal.askNext')]);
    await after.send(submit({ choice: 'again' }));
    await after.send(WORDS.es.second);
    await after.send(submit({ choice: 'calm' }));
    // Stopping straight away: no role play for this version, and the reversal is not offered again.
    assert.deepEqual(await after.say('basta'), [t('es', 'rehearsal.exchangeStopped', { name: 'Marta' }), t('es', 'rehearsal.tip_calm'), t('es', 'rehearsal.askNext')]);
    assert.deepEqual(await after.say(submit({ choice: 'keep' })), [t('es', 'rehearsal.saved', { name: 'Marta' })]);
    const [script] = await new ClientRepository(reopened).scripts(profile.clientId as string);
    assert.deepEqual(script.drafts, [WORDS.es.first, WORDS.es.second]);
    assert.deepEqual(script.practisedReplies, ['dismissive', 'calm']);
    assert.equal(script.exchange, undefined, 'the kept version was not played');
    assert.equal(script.theirSide, undefined);
  });

  for (const language of LANGUAGES) {
    it(`${language}: a line too long in the role play is asked again; a second unclear line ends it, keeping the versions for next time`, async () => {
      const { h, repo, clientId } = await start('webchat', language);
      await h.send('hi');
      await h.send('Marta');
      await h.send(WORDS[language].goal);
      await h.send(WORDS[language].second);
      await h.send(t(language, 'rehearsal.style_defensive'));
      assert.deepEqual(await h.say('x'.repeat(1001)), [t(language, 'rehearsal.draftTooLong')]);
      assertSays((await h.say(''))[0], language, 'prompts.gaveUpKept');
      assert.deepEqual(h.client.dialogTurnResult.result, { showMenu: true });
      assert.deepEqual(await repo.scripts(clientId), []);
      const resumed = await h.say('hi');
      assertSays(resumed[1], language, 'prompts.draftResumed');
      assert.equal(resumed[2], t(language, 'rehearsal.askAgain', { name: 'Marta' }));
    });
  }

  it(`stops after ${MAX_REHEARSAL_DRAFTS} versions and keeps the last one`, async () => {
    const { h, repo, clientId, scripts } = await start('webchat', 'en');
    await h.send('hi');
    await h.send('Marta');
    await h.send(WORDS.en.goal);
    for (let i = 1; i < MAX_REHEARSAL_DRAFTS; i++) {
      await h.send(`Version ${i}: could you help me?`);
      await h.send(t('en', 'rehearsal.style_calm'));
      await h.send('enough');
      await h.send(t('en', 'rehearsal.tryAgainButton'));
    }
    await h.send(WORDS.en.second);
    await h.send(t('en', 'rehearsal.style_dismissive'));
    await h.send(WORDS.en.steady);
    const last = await h.say("I'd like to talk tonight.");
    assert.deepEqual(last.slice(1), [
      t('en', 'rehearsal.exchangeSteady', { name: 'Marta' }),
      t('en', 'rehearsal.tip_dismissive'),
      t('en', 'rehearsal.askReversal', { name: 'Marta' }),
    ]);
    assert.deepEqual(await h.say(t('en', 'prompts.noButton')), [t('en', 'rehearsal.lastTry'), t('en', 'rehearsal.saved', { name: 'Marta' })]);
    const [script] = await repo.scripts(clientId);
    assert.equal(script.drafts.length, MAX_REHEARSAL_DRAFTS);
    assert.equal(script.text, WORDS.en.second);
    assert.deepEqual(script.practisedReplies, ['calm', 'dismissive']);
    assert.deepEqual(script.exchange, [WORDS.en.steady, "I'd like to talk tonight."]);
    const [shown] = await scripts().say('hi');
    assert.ok(shown.includes(WORDS.en.second) && !shown.includes("In Marta's shoes"), 'no role reversal was written, so none is shown');
  });

  it('the role play is in the export and gone after "delete my data"', async () => {
    const { h, repo, clientId } = await start('webchat', 'en');
    for (const line of ['hi', 'Marta', WORDS.en.goal, WORDS.en.second, t('en', 'rehearsal.style_calm'), WORDS.en.steady, 'enough', t('en', 'prompts.yesButton'), WORDS.en.theirSide, t('en', 'rehearsal.keepButton')]) await h.send(line);
    const exported = JSON.stringify(await repo.exportEverything(clientId, []));
    assert.ok(exported.includes(JSON.stringify(WORDS.en.steady)) && exported.includes(JSON.stringify(WORDS.en.theirSide)));
    await repo.deleteEverything(clientId, []);
    assert.deepEqual(await repo.scripts(clientId), []);
    assert.ok(!JSON.stringify(await repo.exportEverything(clientId, [])).includes(WORDS.en.theirSide));
  });
});
