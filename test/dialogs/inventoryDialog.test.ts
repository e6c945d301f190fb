import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { InventoryDialog } from '../../dialogs/inventoryDialog';
import { assertSays, CHANNELS, harness, LANGUAGES, offered, onboardedProfile, seedProfile, submit, tempStore } from './harness';

describe('InventoryDialog', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  async function start(channelId: (typeof CHANNELS)[number], language: 'en' | 'es') {
    const repo = new ClientRepository(temp.store);
    const profile = await onboardedProfile(repo, language);
    await seedProfile(temp.store, channelId, profile);
    return { h: harness((s) => new InventoryDialog(s), { channelId, language, store: temp.store }), repo, clientId: profile.clientId as string };
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      const pick = (id: string, typed: string) => (channelId === 'msteams' ? submit({ choice: id }) : typed);
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
          const added = await h.send(pick('no', 'no'));
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

          // Edit: keep the name, keep the relationship, move to the middle circle, now with some conflict.
          assert.deepEqual(await h.say(pick('edit', t(language, 'inventory.editButton'))), [t(language, 'inventory.askWhoEdit')]);
          assert.deepEqual(await h.say(pick(ana.id, 'Ana')), [t(language, 'inventory.askNameEdit', { name: 'Ana' })]);
          await h.send(pick('skip', t(language, 'inventory.keepButton')));
          await h.send(pick('skip', t(language, 'inventory.keepButton')));
          await h.send(pick('middle', t(language, 'inventory.circle_middle')));
          await h.send(pick('yes', 'yes'));
          assert.equal((await h.say(pick('yes', 'yes')))[0], t(language, 'inventory.updated', { name: 'Ana' }));
          [ana] = await repo.people(clientId);
          assert.equal(ana.relationship, language === 'en' ? 'sister' : 'hermana');
          assert.equal(ana.circle, 'middle');
          assert.equal(ana.conflict, true);

          assert.deepEqual(await h.say(pick('remove', t(language, 'inventory.removeButton'))), [t(language, 'inventory.askWhoRemove')]);
          assert.deepEqual(await h.say(pick(ana.id, '1')), [t(language, 'inventory.confirmRemove', { name: 'Ana' })]);
          const removed = await h.say(pick('yes', 'yes'));
          assert.equal(removed[0], t(language, 'inventory.removed', { name: 'Ana' }));
          assert.deepEqual(await repo.people(clientId), []);
          assert.deepEqual(await h.say(pick('done', t(language, 'inventory.doneButton'))), [t(language, 'inventory.closing')]);
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
