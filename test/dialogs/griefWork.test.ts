import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { GriefWorkDialog } from '../../dialogs/griefWorkDialog';
import { CHANNELS, harness, isReflection, LANGUAGES, offered, onboardedProfile, seedProfile, submit, tempStore } from './harness';

const WORDS = {
  en: {
    story: 'He had a heart attack in May. I heard on the phone.',
    good: 'Fishing trips and his bad jokes',
    hard: 'He drank too much and we argued about it',
    feelings: 'Sad, and guilty sometimes',
    changed: 'Weekends are quiet',
    reinvest: 'My cousin, and the choir I left',
    firstStep: 'Call my cousin on Sunday',
  },
  es: {
    story: 'Le dio un infarto en mayo. Me enteré por teléfono.',
    good: 'Las salidas a pescar y sus chistes malos',
    hard: 'Bebía demasiado y discutíamos por eso',
    feelings: 'Triste, y a veces con culpa',
    changed: 'Los fines de semana están vacíos',
    reinvest: 'Mi prima, y el coro que dejé',
    firstStep: 'Llamar a mi prima el domingo',
  },
};

describe('Grief work: the story of the loss and the relationship, then re-investing later', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  let now: Date;
  const clock = { now: () => now };
  beforeEach(async () => {
    temp = await tempStore();
    now = new Date('2026-11-26T10:00:00Z');
  });
  afterEach(async () => temp.dispose());

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      const w = WORDS[language];
      const skip = channelId === 'msteams' ? submit({ choice: 'skip' }) : t(language, 'checkin.skipButton');

      it(`${channelId} / ${language}: the first time tells the story and both sides of the relationship; a later time turns to people and activities, and the step is asked about`, async () => {
        const repo = new ClientRepository(temp.store, clock);
        const profile = await onboardedProfile(repo, language);
        const clientId = profile.clientId as string;
        await seedProfile(temp.store, channelId, profile);
        const h = harness((s) => new GriefWorkDialog(s), { channelId, language, store: temp.store, clock });
        const questions = async (input: Parameters<typeof h.send>[0]) => (await h.send(input)).map((r) => r.text).filter((text) => !isReflection(text));
        const vars = { name: 'Tomás' };

        // First time: the loss, the good and the hard memories; no re-investing yet.
        assert.deepEqual(await questions('hi'), [t(language, 'grief.intro'), t(language, 'grief.ask_who')]);
        assert.deepEqual(await questions('Tomás'), [t(language, 'grief.ask_story', vars)]);
        assert.deepEqual(await questions(w.story), [t(language, 'grief.ask_good', vars)]);
        assert.deepEqual(await questions(w.good), [t(language, 'grief.ask_hard', vars)]);
        assert.deepEqual(await questions(w.hard), [t(language, 'grief.ask_feelings', vars)]);
        await h.send(w.feelings);
        await h.send(w.changed);
        const closing = await h.send(skip);
        assert.deepEqual(closing.map((r) => r.text), [t(language, 'grief.saved', vars)]);
        assert.deepEqual(offered(closing[0]), channelId === 'msteams' ? ['nudge', 'people'] : ['nudge', 'people'].map((id) => t(language, `menu.item_${id}`)));
        const [first] = await repo.reflections(clientId);
        assert.deepEqual(first.answers, { who: 'Tomás', story: w.story, good: w.good, hard: w.hard, feelings: w.feelings, changed: w.changed });

        // A week later: the same exercise, the story skipped this time, then re-investing with one small step.
        now = new Date('2026-12-03T10:00:00Z');
        await h.send('hi');
        await h.send('Tomás');
        for (const answer of [skip, w.good, skip, w.feelings, w.changed]) await h.send(answer);
        assert.deepEqual(await questions(skip), [t(language, 'grief.ask_reinvest')]);
        assert.deepEqual(await questions(w.reinvest), [t(language, 'grief.ask_firstStep')]);
        assert.deepEqual(await questions(w.firstStep), [t(language, 'grief.saved_step', vars)]);
        const [later] = await repo.reflections(clientId);
        assert.deepEqual(later.answers, { who: 'Tomás', good: w.good, feelings: w.feelings, changed: w.changed, reinvest: w.reinvest, firstStep: w.firstStep });

        // The next day, the step is asked about before anything else, and the answer kept on that record.
        now = new Date('2026-12-04T10:00:00Z');
        const asked = await h.send('hi');
        assert.deepEqual(asked.map((r) => r.text), [t(language, 'loops.askGriefStep', { step: w.firstStep })]);
        assert.deepEqual(offered(asked[0]), channelId === 'msteams' ? ['done', 'partly', 'notYet'] : ['done', 'partly', 'notYet'].map((id) => t(language, `loops.outcome_${id}`)));
        const answered = await questions(channelId === 'msteams' ? submit({ choice: 'partly' }) : t(language, 'loops.outcome_partly'));
        assert.deepEqual(answered, [t(language, 'loops.said_partly'), t(language, 'grief.intro'), t(language, 'grief.ask_who')]);
        const kept = (await repo.reflections(clientId)).find((r) => r.id === later.id);
        assert.equal(kept?.answers.outcome, 'partly');
      });
    }
  }

  it('a later time with re-investing skipped asks no step and nothing is followed up', async () => {
    const repo = new ClientRepository(temp.store, clock);
    const profile = await onboardedProfile(repo, 'es');
    await seedProfile(temp.store, 'webchat', profile);
    await repo.addReflection(profile.clientId as string, 'grief', { who: 'Tomás', good: 'Su risa', feelings: 'Triste', changed: 'Todo' });
    const h = harness((s) => new GriefWorkDialog(s), { channelId: 'webchat', language: 'es', store: temp.store, clock });
    for (const answer of ['hola', 'Tomás', 'saltar', 'Su risa', 'saltar', 'Triste', 'Todo', 'saltar']) await h.send(answer);
    assert.deepEqual(await h.say('saltar'), [t('es', 'grief.saved', { name: 'Tomás' })]);
    now = new Date('2026-12-04T10:00:00Z');
    assert.deepEqual(await h.say('hola'), [t('es', 'grief.intro'), t('es', 'grief.ask_who')]);
  });
});
