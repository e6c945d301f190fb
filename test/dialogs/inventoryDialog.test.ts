import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { InventoryDialog } from '../../dialogs/inventoryDialog';
import { assertSays, CHANNELS, harness, LANGUAGES, offered, startOnboarded, submit, tempStore } from './harness';

/** What the client writes about a person's place in their life. */
const HISTORY = {
  en: { gets: 'She listens and makes me laugh', expect: 'I expect her to call; she expects me to visit', change: 'I wish we saw each other more' },
  es: { gets: 'Me escucha y me hace reír', expect: 'Espero que me llame; ella espera que la visite', change: 'Me gustaría que nos viéramos más' },
};

describe('InventoryDialog', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  const start = (channelId: (typeof CHANNELS)[number], language: 'en' | 'es') =>
    startOnboarded((s) => new InventoryDialog(s), { channelId, language, store: temp.store });

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      const pick = (id: string, typed: string) => (channelId === 'msteams' ? submit({ choice: id }) : typed);
      const w = HISTORY[language];
      describe(`${channelId} / ${language}`, () => {
        it('adds, shows, edits and removes people', async () => {
          const { h, repo, clientId } = await start(channelId, language);
          const empty = await h.send('hi');
          assert.equal(empty[0].text, t(language, 'inventory.empty'));
          assert.deepEqual(offered(empty[0]), channelId === 'msteams' ? ['add', 'done'] : [t(language, 'inventory.addButton'), t(language, 'inventory.doneButton')]);
          assert.deepEqual(await h.say(pick('add', t(language, 'inventory.addButton'))), [t(language, 'inventory.askName')]);
          assert.deepEqual(await h.say('Ana'), [t(language, 'inventory.askRelationship', { name: 'Ana' })]);
          assert.deepEqual(await h.say(language === 'en' ? 'sister' : 'hermana'), [t(language, 'inventory.askCircle', { name: 'Ana' })]);
          assert.deepEqual(await h.say(pick('inner', t(language, 'inventory.circle_inner'))), [t(language, 'inventory.askSupportive', { name: 'Ana' })]);
          assert.deepEqual(await h.say(pick('yes', language === 'en' ? 'yes' : 'sí')), [t(language, 'inventory.askConflict', { name: 'Ana' })]);
          const before = await h.send(pick('no', 'no'));
          assert.deepEqual(before.map((a) => a.text), [t(language, 'inventory.askBefore', { name: 'Ana' })]);
          assert.deepEqual(offered(before[0]), channelId === 'msteams' ? ['inner', 'middle', 'outer', 'skip'] : [...['inner', 'middle', 'outer'].map((c) => t(language, `inventory.circle_${c}`)), t(language, 'checkin.skipButton')]);
          assert.deepEqual(await h.say(pick('skip', t(language, 'checkin.skipButton'))), [t(language, 'inventory.askContact', { name: 'Ana' })]);
          assert.deepEqual(await h.say(pick('skip', t(language, 'checkin.skipButton'))), [t(language, 'inventory.askKnows', { name: 'Ana' })]);
          assert.deepEqual(await h.say(pick('skip', t(language, 'checkin.skipButton'))), [t(language, 'inventory.askGets', { name: 'Ana' })]);
          assert.deepEqual(await h.say(pick('skip', language === 'en' ? 'skip' : 'saltar')), [t(language, 'inventory.askExpectations', { name: 'Ana' })]);
          assert.deepEqual(await h.say(pick('skip', t(language, 'checkin.skipButton'))), [t(language, 'inventory.askChange', { name: 'Ana' })]);
          const added = await h.send(pick('skip', t(language, 'checkin.skipButton')));
          assert.equal(added[0].text, t(language, 'inventory.added', { name: 'Ana' }));
          if (channelId === 'msteams') {
            assert.equal(added[1].attachments?.[0].contentType, 'application/vnd.microsoft.card.adaptive');
            assert.match(JSON.stringify(added[1].attachments?.[0].content), /Ana/);
          } else {
            assert.match(added[1].text ?? '', /Ana/);
            assert.ok(added[1].text?.includes(t(language, 'inventory.flagSupportive')));
          }
          assert.equal(added[2].text, t(language, 'inventory.askAction'));
          let [ana] = await repo.people(clientId);
          assert.deepEqual(
            { name: ana.name, relationship: ana.relationship, circle: ana.circle, supportive: ana.supportive, conflict: ana.conflict },
            { name: 'Ana', relationship: language === 'en' ? 'sister' : 'hermana', circle: 'inner', supportive: true, conflict: false },
          );
          assert.deepEqual(
            [ana.circleBefore, ana.contact, ana.knowsFeelings, ana.gets, ana.expectations, ana.wouldChange],
            [undefined, undefined, undefined, undefined, undefined, undefined],
            'skipped questions leave nothing',
          );

          // Edit: keep the name, keep the relationship, move to the middle circle, now with some conflict.
          assert.deepEqual(await h.say(pick('edit', t(language, 'inventory.editButton'))), [t(language, 'inventory.askWhoEdit')]);
          assert.deepEqual(await h.say(pick(ana.id, 'Ana')), [t(language, 'inventory.askNameEdit', { name: 'Ana' })]);
          await h.send(pick('skip', t(language, 'inventory.keepButton')));
          await h.send(pick('skip', t(language, 'inventory.keepButton')));
          await h.send(pick('middle', t(language, 'inventory.circle_middle')));
          await h.send(pick('yes', 'yes'));
          await h.send(pick('yes', 'yes'));
          // She used to be in the inner circle: now further than before.
          await h.send(pick('inner', t(language, 'inventory.circle_inner')));
          await h.send(pick('weekly', t(language, 'inventory.contact_weekly')));
          await h.send(pick('aBit', t(language, 'inventory.knows_aBit')));
          await h.send(w.gets);
          await h.send(w.expect);
          const updated = await h.send(w.change);
          assert.equal(updated[0].text, t(language, 'inventory.updated', { name: 'Ana' }));
          const shown = channelId === 'msteams' ? JSON.stringify(updated[1].attachments?.[0].content) : (updated[1].text ?? '');
          assert.ok(shown.includes(t(language, 'inventory.flag_further')), shown);
          [ana] = await repo.people(clientId);
          assert.equal(ana.relationship, language === 'en' ? 'sister' : 'hermana');
          assert.equal(ana.circle, 'middle');
          assert.equal(ana.conflict, true);
          assert.deepEqual([ana.circleBefore, ana.contact, ana.knowsFeelings, ana.gets, ana.expectations, ana.wouldChange], ['inner', 'weekly', 'aBit', w.gets, w.expect, w.change]);

          // Editing again: "keep as is" keeps each history answer.
          await h.send(pick('edit', t(language, 'inventory.editButton')));
          await h.send(pick(ana.id, 'Ana'));
          for (const answer of ['keep', 'keep', 'middle', 'yes', 'yes']) {
            await h.send(answer === 'keep' ? pick('skip', t(language, 'inventory.keepButton')) : answer === 'middle' ? pick('middle', t(language, 'inventory.circle_middle')) : pick('yes', 'yes'));
          }
          const keepBefore = await h.send(pick('skip', t(language, 'inventory.keepButton')));
          assert.deepEqual(keepBefore.map((a) => a.text), [t(language, 'inventory.askContact', { name: 'Ana' })]);
          const contactTitles = ['mostDays', 'weekly', 'monthly', 'rarely'].map((c) => t(language, `inventory.contact_${c}`));
          assert.deepEqual(offered(keepBefore[0]), channelId === 'msteams' ? ['mostDays', 'weekly', 'monthly', 'rarely', 'skip'] : [...contactTitles, t(language, 'inventory.keepButton')]);
          const keepContact = await h.send(pick('skip', t(language, 'inventory.keepButton')));
          assert.deepEqual(keepContact.map((a) => a.text), [t(language, 'inventory.askKnows', { name: 'Ana' })]);
          const knowsTitles = ['yes', 'aBit', 'no'].map((k) => t(language, `inventory.knows_${k}`));
          assert.deepEqual(offered(keepContact[0]), channelId === 'msteams' ? ['yes', 'aBit', 'no', 'skip'] : [...knowsTitles, t(language, 'inventory.keepButton')]);
          const keepKnows = await h.send(pick('skip', t(language, 'inventory.keepButton')));
          assert.deepEqual(keepKnows.map((a) => a.text), [t(language, 'inventory.askGets', { name: 'Ana' })]);
          assert.deepEqual(offered(keepKnows[0]), [channelId === 'msteams' ? 'skip' : t(language, 'inventory.keepButton')]);
          for (let i = 0; i < 3; i++) await h.send(pick('skip', t(language, 'inventory.keepButton')));
          [ana] = await repo.people(clientId);
          assert.deepEqual([ana.circleBefore, ana.contact, ana.knowsFeelings, ana.gets, ana.expectations, ana.wouldChange], ['inner', 'weekly', 'aBit', w.gets, w.expect, w.change]);

          assert.deepEqual(await h.say(pick('remove', t(language, 'inventory.removeButton'))), [t(language, 'inventory.askWhoRemove')]);
          assert.deepEqual(await h.say(pick(ana.id, '1')), [t(language, 'inventory.confirmRemove', { name: 'Ana' })]);
          const removed = await h.say(pick('yes', 'yes'));
          assert.equal(removed[0], t(language, 'inventory.removed', { name: 'Ana' }));
          assert.deepEqual(await repo.people(clientId), []);
          assert.deepEqual(await h.say(pick('done', t(language, 'inventory.doneButton'))), [t(language, 'inventory.closing')]);
        });

        it('closer than before; an answer not understood about "before" is asked again, then kept as a draft that the next add finishes', async () => {
          const { h, repo, clientId } = await start(channelId, language);
          await h.send('hi');
          await h.send(pick('add', t(language, 'inventory.addButton')));
          await h.send('Luis');
          await h.send(language === 'en' ? 'brother' : 'hermano');
          await h.send(pick('inner', t(language, 'inventory.circle_inner')));
          await h.send(pick('yes', 'yes'));
          assert.deepEqual(await h.say(pick('no', 'no')), [t(language, 'inventory.askBefore', { name: 'Luis' })]);
          assert.deepEqual(await h.say(submit({ choice: 'closest' })), [t(language, 'prompts.retry_unknownChoice')]);
          assertSays((await h.say(submit({ choice: 'closest' })))[0], language, 'prompts.gaveUpKept');
          assert.deepEqual(h.client.dialogTurnResult.result, { showMenu: true });
          assert.deepEqual(await repo.people(clientId), []);

          const later = harness((s) => new InventoryDialog(s), { channelId, language, store: temp.store });
          assert.deepEqual(await later.say('hi'), [t(language, 'inventory.draftResumed', { name: 'Luis' }), t(language, 'inventory.askBefore', { name: 'Luis' })]);
          await later.send(pick('outer', t(language, 'inventory.circle_outer')));
          await later.send(pick('skip', t(language, 'checkin.skipButton')));
          await later.send(pick('skip', t(language, 'checkin.skipButton')));
          assert.deepEqual(await later.say('🙂'), [t(language, 'prompts.retry_noLetters')]);
          await later.send(w.gets);
          await later.send(pick('skip', t(language, 'checkin.skipButton')));
          const saved = await later.send(pick('skip', t(language, 'checkin.skipButton')));
          assert.equal(saved[0].text, t(language, 'inventory.added', { name: 'Luis' }));
          const shown = channelId === 'msteams' ? JSON.stringify(saved[1].attachments?.[0].content) : (saved[1].text ?? '');
          assert.ok(shown.includes(t(language, 'inventory.flag_closer')), shown);
          const [luis] = await repo.people(clientId);
          assert.deepEqual([luis.circle, luis.circleBefore, luis.conflict, luis.gets, luis.wouldChange], ['inner', 'outer', false, w.gets, undefined]);
        });

        it('bad input: an empty or emoji-only name, an unknown card action, an unknown person', async () => {
          const { h, repo, clientId } = await start(channelId, language);
          await h.send('hi');
          assert.deepEqual(await h.say(submit({ choice: 'explode' })), [t(language, 'prompts.retry_unknownChoice')]);
          await h.send(pick('add', t(language, 'inventory.addButton')));
          assert.deepEqual(await h.say('   '), [t(language, 'prompts.retry_empty')]);
          assertSays((await h.say('🙂🙂'))[0], language, 'prompts.gaveUp');
          assert.deepEqual(await repo.people(clientId), []);
          assert.deepEqual(h.client.dialogTurnResult.result, { showMenu: true });
          const again = harness((s) => new InventoryDialog(s), { channelId, language, store: temp.store });
          await again.send('hi');
          await again.send(pick('add', t(language, 'inventory.addButton')));
          assert.deepEqual(await again.say('x'.repeat(10_000)), [t(language, 'prompts.retry_tooLong')]);
        });
      });
    }
  }
});
