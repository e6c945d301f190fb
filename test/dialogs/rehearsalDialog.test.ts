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
  en: { goal: 'That we share the chores fairly', first: 'You never help at home, it is your fault the house is a mess.', second: 'I feel exhausted lately. Could you do the dishes on weekdays?' },
  es: { goal: 'Que repartamos las tareas de casa', first: 'Tú nunca ayudas en casa, es tu culpa que esté agotada.', second: 'Me siento agobiada últimamente. ¿Podrías fregar los platos entre semana?' },
};

function reflection(language: Language, text: string): string {
  const met = checkDraft(text);
  return [t(language, 'rehearsal.reflectTitle'), ...CHECKLIST_ITEMS.map((item) => t(language, `rehearsal.check_${item}_${met.includes(item) ? 'yes' : 'no'}`))].join('\n\n');
}

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
          assert.deepEqual(reflect.map((a) => a.text), [reflection(language, w.first), t(language, 'rehearsal.askReply', { name: 'Marta' })]);
          assert.deepEqual(offered(reflect[1]), channelId === 'msteams' ? ['calm', 'defensive', 'dismissive'] : ['calm', 'defensive', 'dismissive'].map((s) => t(language, `rehearsal.style_${s}`)));
          const played = await h.say(pick('defensive', 'rehearsal.style_defensive'));
          assert.equal(played.length, 3);
          assertSays(played[0], language, 'rehearsal.reply_defensive', { name: 'Marta' });
          assert.deepEqual(played.slice(1), [t(language, 'rehearsal.tip_defensive'), t(language, 'rehearsal.askNext')]);
          assert.deepEqual(await h.say(pick('again', 'rehearsal.tryAgainButton')), [t(language, 'rehearsal.askAgain', { name: 'Marta' })]);

          assert.deepEqual(checkDraft(w.second), [...CHECKLIST_ITEMS], 'the second try meets every point');
          assert.deepEqual(await h.say(w.second), [reflection(language, w.second), t(language, 'rehearsal.askReply', { name: 'Marta' })]);
          await h.send(pick('calm', 'rehearsal.style_calm'));
          assert.deepEqual(await h.say(pick('keep', 'rehearsal.keepButton')), [t(language, 'rehearsal.saved', { name: 'Marta' })]);

          const [script] = await repo.scripts(clientId);
          assert.equal(script.personName, 'Marta');
          assert.equal(script.personId, person.id);
          assert.equal(script.goal, w.goal);
          assert.deepEqual(script.drafts, [w.first, w.second]);
          assert.equal(script.text, w.second);
          assert.deepEqual(script.checklist, [...CHECKLIST_ITEMS]);
          assert.deepEqual(script.practisedReplies, ['defensive', 'calm']);

          const shown = await scripts().say('hi');
          assert.equal(shown.length, 1);
          assert.ok(shown[0].startsWith(t(language, 'rehearsal.scriptsTitle')));
          assert.ok(shown[0].includes(w.second) && shown[0].includes(w.goal));
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

  it('continues after a restart mid-rehearsal, keeping the earlier version', async () => {
    const repo = new ClientRepository(temp.store);
    const profile = await onboardedProfile(repo, 'es');
    await seedProfile(temp.store, 'msteams', profile);
    const before = harness((s) => new RehearsalDialog(s), { channelId: 'msteams', language: 'es', store: temp.store, conversationStorage: new BotStateStorage(temp.store) });
    await before.send('hola');
    await before.send('Marta');
    await before.send(WORDS.es.goal);
    await before.send(WORDS.es.first);

    const reopened = await temp.reopen();
    const after = harness((s) => new RehearsalDialog(s), { channelId: 'msteams', language: 'es', store: reopened, conversationStorage: new BotStateStorage(reopened) });
    const played = await after.say(submit({ choice: 'dismissive' }));
    assertSays(played[0], 'es', 'rehearsal.reply_dismissive', { name: 'Marta' });
    await after.send(submit({ choice: 'again' }));
    await after.send(WORDS.es.second);
    await after.send(submit({ choice: 'calm' }));
    assert.deepEqual(await after.say(submit({ choice: 'keep' })), [t('es', 'rehearsal.saved', { name: 'Marta' })]);
    const [script] = await new ClientRepository(reopened).scripts(profile.clientId as string);
    assert.deepEqual(script.drafts, [WORDS.es.first, WORDS.es.second]);
    assert.deepEqual(script.practisedReplies, ['dismissive', 'calm']);
  });

  it(`stops after ${MAX_REHEARSAL_DRAFTS} versions and keeps the last one`, async () => {
    const { h, repo, clientId } = await start('webchat', 'en');
    await h.send('hi');
    await h.send('Marta');
    await h.send(WORDS.en.goal);
    for (let i = 1; i < MAX_REHEARSAL_DRAFTS; i++) {
      await h.send(`Version ${i}: could you help me?`);
      await h.send(t('en', 'rehearsal.style_calm'));
      await h.send(t('en', 'rehearsal.tryAgainButton'));
    }
    await h.send(WORDS.en.second);
    const last = await h.say(t('en', 'rehearsal.style_dismissive'));
    assert.deepEqual(last.slice(2), [t('en', 'rehearsal.lastTry'), t('en', 'rehearsal.saved', { name: 'Marta' })]);
    const [script] = await repo.scripts(clientId);
    assert.equal(script.drafts.length, MAX_REHEARSAL_DRAFTS);
    assert.equal(script.text, WORDS.en.second);
    assert.deepEqual(script.practisedReplies, ['calm', 'dismissive']);
  });
});
