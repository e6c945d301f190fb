import assert from 'node:assert/strict';
import { Language, t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { InventoryDialog } from '../../dialogs/inventoryDialog';
import { CHANNELS, harness, LANGUAGES, onboardedProfile, seedProfile, submit, tempStore } from './harness';

/** A new name for someone in the inventory, typed the way people type it. */
const RENAMES: Record<Language, Array<[typed: string, name: string]>> = {
  en: [
    ['call her Anita now', 'Anita'],
    ['Her name is Anita actually', 'Anita'],
    ['change it to Anita', 'Anita'],
    ['she goes by Anita', 'Anita'],
    ['it should be Ana María', 'Ana María'],
  ],
  es: [
    ['se llama Anita', 'Anita'],
    ['cámbialo a Anita', 'Anita'],
    ['llámala Anita, porfa', 'Anita'],
    ['en realidad es Anita', 'Anita'],
    ['ponle Ana María', 'Ana María'],
  ],
};

describe('renaming someone in the inventory from what the client types', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  async function withAna(channelId: (typeof CHANNELS)[number], language: Language) {
    const repo = new ClientRepository(temp.store);
    const profile = await onboardedProfile(repo, language);
    await seedProfile(temp.store, channelId, profile);
    const clientId = profile.clientId as string;
    const ana = await repo.addPerson(clientId, { name: 'Ana', relationship: language === 'en' ? 'sister' : 'hermana', circle: 'inner', supportive: true, conflict: false });
    const h = harness((s) => new InventoryDialog(s), { channelId, language, store: temp.store });
    return { h, repo, clientId, ana };
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      const pick = (id: string, typed: string) => (channelId === 'msteams' ? submit({ choice: id }) : typed);
      for (const [typed, name] of RENAMES[language]) {
        it(`${channelId} / ${language}: "${typed}" renames Ana to ${name}, said back, and everything else stays`, async () => {
          const { h, repo, clientId, ana } = await withAna(channelId, language);
          await h.send('hi');
          await h.send(pick('edit', t(language, 'inventory.editButton')));
          assert.deepEqual(await h.say(pick(ana.id, 'Ana')), [t(language, 'inventory.askNameEdit', { name: 'Ana' })]);
          assert.deepEqual(await h.say(typed), [t(language, 'inventory.renamed', { old: 'Ana', name }), t(language, 'inventory.askRelationship', { name })]);
          await h.send(pick('skip', t(language, 'inventory.keepButton')));
          await h.send(pick('inner', t(language, 'inventory.circle_inner')));
          await h.send(pick('yes', language === 'en' ? 'yes' : 'sí'));
          assert.deepEqual(await h.say(pick('no', 'no')), [t(language, 'inventory.askBefore', { name })]);
          for (let i = 0; i < 5; i++) await h.send(pick('skip', t(language, 'checkin.skipButton')));
          assert.equal((await h.say(pick('skip', t(language, 'checkin.skipButton'))))[0], t(language, 'inventory.updated', { name }));
          const people = await repo.people(clientId);
          assert.deepEqual(
            people.map((p) => ({ id: p.id, name: p.name, relationship: p.relationship })),
            [{ id: ana.id, name, relationship: language === 'en' ? 'sister' : 'hermana' }],
            'the same person, renamed; no one added',
          );
        });
      }
    }
  }

  for (const language of LANGUAGES) {
    it(`${language}: a bare new name needs no confirmation; a sentence with no name is asked again, never stored as a name; "keep" keeps it`, async () => {
      const { h, repo, clientId, ana } = await withAna('webchat', language);
      await h.send('hi');
      await h.send(t(language, 'inventory.editButton'));
      await h.send('Ana');
      assert.deepEqual(await h.say(language === 'en' ? "I don't know what to put" : 'no sé qué poner'), [t(language, 'prompts.retry_notName')]);
      assert.deepEqual(await h.say('Anita'), [t(language, 'inventory.askRelationship', { name: 'Anita' })]);
      await h.send(t(language, 'inventory.keepButton'));
      await h.send(t(language, 'inventory.circle_inner'));
      await h.send(language === 'en' ? 'yes' : 'sí');
      assert.deepEqual(await h.say('no'), [t(language, 'inventory.askBefore', { name: 'Anita' })]);
      for (let i = 0; i < 6; i += 1) await h.send(t(language, 'checkin.skipButton'));
      assert.equal((await repo.people(clientId))[0].name, 'Anita');

      await h.send(t(language, 'inventory.editButton'));
      await h.send('Anita');
      assert.deepEqual(await h.say(t(language, 'inventory.keepButton')), [t(language, 'inventory.askRelationship', { name: 'Anita' })]);
      assert.equal((await repo.people(clientId))[0].id, ana.id);
    });
  }
});
