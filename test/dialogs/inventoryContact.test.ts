import assert from 'node:assert/strict';
import { Language, t } from '../../src/i18n';
import { InventoryDialog } from '../../dialogs/inventoryDialog';
import { assertSays, CHANNELS, harness, LANGUAGES, offered, startOnboarded, submit, tempStore } from './harness';

/** Answers typed the way people type them, and what each should be read as. */
const TYPED: Record<Language, { relation: string; weekly: string; rarely: string; aBit: string; unsure: string; expect: string }> = {
  en: { relation: 'friend', weekly: 'we talk every week', rarely: 'rarely', aBit: 'a bit', unsure: 'not sure', expect: 'I expect him to listen; he expects me to be there' },
  es: { relation: 'amigo', weekly: 'hablamos cada semana', rarely: 'rara vez', aBit: 'un poco', unsure: 'no sé', expect: 'Espero que me escuche; él espera que esté ahí' },
};

describe('inventory: how often in touch, whether they know how the client feels, what each expects', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  const start = (channelId: (typeof CHANNELS)[number], language: Language) =>
    startOnboarded((s) => new InventoryDialog(s), { channelId, language, store: temp.store });

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      const pick = (id: string, typed: string) => (channelId === 'msteams' ? submit({ choice: id }) : typed);
      const said = TYPED[language];
      describe(`${channelId} / ${language}`, () => {
        it('asks each question with its buttons, stores the answers, and they are exported and then deleted with the rest', async () => {
          const { h, repo, clientId } = await start(channelId, language);
          await h.send('hi');
          await h.send(pick('add', t(language, 'inventory.addButton')));
          await h.send('Leo');
          await h.send(said.relation);
          await h.send(pick('middle', t(language, 'inventory.circle_middle')));
          await h.send(pick('yes', 'yes'));
          await h.send(pick('no', 'no'));
          const contact = await h.send(pick('skip', t(language, 'checkin.skipButton')));
          assert.deepEqual(contact.map((a) => a.text), [t(language, 'inventory.askContact', { name: 'Leo' })]);
          const frequencies = ['mostDays', 'weekly', 'monthly', 'rarely'];
          assert.deepEqual(offered(contact[0]), channelId === 'msteams' ? [...frequencies, 'skip'] : [...frequencies.map((f) => t(language, `inventory.contact_${f}`)), t(language, 'checkin.skipButton')]);
          const knows = await h.send(pick('weekly', said.weekly));
          assert.deepEqual(knows.map((a) => a.text), [t(language, 'inventory.askKnows', { name: 'Leo' })]);
          const answers = ['yes', 'aBit', 'no'];
          assert.deepEqual(offered(knows[0]), channelId === 'msteams' ? [...answers, 'skip'] : [...answers.map((k) => t(language, `inventory.knows_${k}`)), t(language, 'checkin.skipButton')]);
          assert.deepEqual(await h.say(pick('aBit', said.aBit)), [t(language, 'inventory.askGets', { name: 'Leo' })]);
          assert.deepEqual(await h.say(pick('skip', t(language, 'checkin.skipButton'))), [t(language, 'inventory.askExpectations', { name: 'Leo' })]);
          assert.deepEqual(await h.say(said.expect), [t(language, 'inventory.askChange', { name: 'Leo' })]);
          assert.equal((await h.say(pick('skip', t(language, 'checkin.skipButton'))))[0], t(language, 'inventory.added', { name: 'Leo' }));
          const [leo] = await repo.people(clientId);
          assert.deepEqual([leo.contact, leo.knowsFeelings, leo.expectations, leo.gets, leo.wouldChange], ['weekly', 'aBit', said.expect, undefined, undefined]);

          const exported = await repo.exportEverything(clientId, []);
          const record = exported.records.find((r) => r.kind === 'person') as Record<string, unknown>;
          assert.deepEqual([record.contact, record.knowsFeelings, record.expectations], ['weekly', 'aBit', said.expect]);
          await repo.deleteEverything(clientId, []);
          assert.deepEqual(await repo.people(clientId), []);
          assert.ok(!JSON.stringify(await repo.exportEverything(clientId, [])).includes(said.expect), 'nothing of it is left');
        });

        it('doubt about whether they know is asked again, never read as a no; stopping keeps the answers given as a draft', async () => {
          const { h, repo, clientId } = await start(channelId, language);
          await h.send('hi');
          await h.send(pick('add', t(language, 'inventory.addButton')));
          await h.send('Leo');
          await h.send(said.relation);
          await h.send(pick('outer', t(language, 'inventory.circle_outer')));
          await h.send(pick('no', 'no'));
          await h.send(pick('yes', 'yes'));
          await h.send(pick('inner', t(language, 'inventory.circle_inner')));
          assert.deepEqual(await h.say(pick('rarely', said.rarely)), [t(language, 'inventory.askKnows', { name: 'Leo' })]);
          const unsure = channelId === 'msteams' ? submit({ choice: 'maybe' }) : said.unsure;
          assert.deepEqual(await h.say(unsure), [t(language, 'prompts.retry_unknownChoice')]);
          assertSays((await h.say(unsure))[0], language, 'prompts.gaveUpKept');
          assert.deepEqual(await repo.people(clientId), [], 'nobody is stored from an unfinished add');

          const later = harness((s) => new InventoryDialog(s), { channelId, language, store: temp.store });
          assert.deepEqual(await later.say('hi'), [t(language, 'inventory.draftResumed', { name: 'Leo' }), t(language, 'inventory.askKnows', { name: 'Leo' })]);
          await later.send(pick('no', 'no'));
          await later.send(pick('skip', t(language, 'checkin.skipButton')));
          await later.send(pick('skip', t(language, 'checkin.skipButton')));
          assert.equal((await later.say(pick('skip', t(language, 'checkin.skipButton'))))[0], t(language, 'inventory.added', { name: 'Leo' }));
          const [leo] = await repo.people(clientId);
          assert.deepEqual([leo.circle, leo.circleBefore, leo.conflict, leo.contact, leo.knowsFeelings, leo.expectations], ['outer', 'inner', true, 'rarely', 'no', undefined]);
        });
      });
    }
  }
});
