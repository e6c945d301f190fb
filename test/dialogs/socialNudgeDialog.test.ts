import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { SocialNudgeDialog, pickPerson } from '../../dialogs/socialNudgeDialog';
import { assertSays, CHANNELS, harness, LANGUAGES, offered, onboardedProfile, seedProfile, submit, tempStore } from './harness';

describe('SocialNudgeDialog', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  async function start(channelId: (typeof CHANNELS)[number], language: 'en' | 'es') {
    const repo = new ClientRepository(temp.store);
    const profile = await onboardedProfile(repo, language);
    await seedProfile(temp.store, channelId, profile);
    return { repo, clientId: profile.clientId as string, make: () => harness((s) => new SocialNudgeDialog(s), { channelId, language, store: temp.store }) };
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      const pick = (id: string, typed: string) => (channelId === 'msteams' ? submit({ choice: id }) : typed);
      describe(`${channelId} / ${language}`, () => {
        it('suggests the supportive person contacted longest ago, records the answer, and later asks whether it happened', async () => {
          const { repo, clientId, make } = await start(channelId, language);
          await repo.addPerson(clientId, { name: 'Leo', relationship: 'brother', circle: 'inner', supportive: false, conflict: true });
          const ana = await repo.addPerson(clientId, { name: 'Ana', relationship: 'friend', circle: 'inner', supportive: true, conflict: false });
          const bea = await repo.addPerson(clientId, { name: 'Bea', relationship: 'cousin', circle: 'middle', supportive: true, conflict: false });
          await repo.saveCheckIn(clientId, 'UTC', { mood: 6, interaction: { personId: ana.id, name: 'Ana', how: 'better' } });

          const h = make();
          const suggestion = await h.send('hi');
          assertSays(suggestion[0].text, language, 'nudge.suggest', { name: 'Bea' });
          assertSays(suggestion[1].text, language, 'nudge.idea', { name: 'Bea' });
          assert.equal(offered(suggestion[1]).length, 3);
          const other = await h.say(pick('other', t(language, 'nudge.otherButton')));
          assertSays(other[0], language, 'nudge.suggest', { name: 'Ana' });
          const accepted = await h.say(pick('accept', t(language, 'nudge.acceptButton')));
          assert.deepEqual(accepted, [t(language, 'nudge.accepted', { name: 'Ana' })]);
          const [nudge] = await repo.nudges(clientId);
          assert.deepEqual([nudge.personId, nudge.status], [ana.id, 'accepted']);

          const later = make();
          assert.deepEqual(await later.say('hi'), [t(language, 'nudge.askDidIt', { name: 'Ana' })]);
          assert.deepEqual(await later.say(pick('yes', language === 'en' ? 'yes' : 'sí')), [t(language, 'nudge.happened', { name: 'Ana' })]);
          const [answered] = await repo.nudges(clientId);
          assert.equal(answered.status, 'happened');
          void bea;
        });

        it('with an empty inventory, helps add someone first and then suggests them', async () => {
          const { repo, clientId, make } = await start(channelId, language);
          const h = make();
          assert.deepEqual(await h.say('hi'), [t(language, 'nudge.emptyInventory'), t(language, 'nudge.orConnections')]);
          assert.deepEqual(await h.say(pick('add', t(language, 'nudge.addSomeoneButton'))), [t(language, 'inventory.askName')]);
          await h.send('Maru');
          await h.send(pick('skip', t(language, 'checkin.skipButton')));
          await h.send(pick('inner', t(language, 'inventory.circle_inner')));
          await h.send(pick('yes', 'yes'));
          const suggestion = await h.say(pick('no', 'no'));
          assert.equal(suggestion[0], t(language, 'inventory.added', { name: 'Maru' }));
          assertSays(suggestion[1], language, 'nudge.suggest', { name: 'Maru' });
          assert.equal((await repo.people(clientId)).length, 1);
        });

        it('with nobody supportive, the client is not blocked: the connections exercise is offered', async () => {
          const { repo, clientId, make } = await start(channelId, language);
          await repo.addPerson(clientId, { name: 'Boss', relationship: 'work', circle: 'outer', supportive: false, conflict: true });
          const h = make();
          const offer = await h.send('hi');
          assert.equal(offer[0].text, t(language, 'nudge.emptyInventory'));
          assert.deepEqual(offered(offer[1]), channelId === 'msteams' ? ['add', 'connections'] : [t(language, 'nudge.addSomeoneButton'), t(language, 'menu.item_connections')]);
          const exercise = await h.say(pick('connections', t(language, 'menu.item_connections')));
          assertSays(exercise[0], language, 'interpersonalDeficits.intro');
          assertSays(exercise[1], language, 'interpersonalDeficits.ask_pastPattern');
          assert.deepEqual(await repo.nudges(clientId), []);
        });

        it('bad answers reprompt and then leave nothing recorded', async () => {
          const { repo, clientId, make } = await start(channelId, language);
          await repo.addPerson(clientId, { name: 'Ana', relationship: 'friend', circle: 'inner', supportive: true, conflict: false });
          const h = make();
          await h.send('hi');
          assert.deepEqual(await h.say(submit({ choice: 7 })), [t(language, 'prompts.retry_unknownChoice')]);
          assertSays((await h.say(''))[0], language, 'prompts.gaveUp');
          assert.deepEqual(await repo.nudges(clientId), []);
        });
      });
    }
  }

  it('pickPerson: never-contacted supportive people first, then the one contacted longest ago', () => {
    const person = (id: string, supportive = true) => ({ kind: 'person' as const, clientId: 'c', id, name: id, relationship: '', circle: 'inner' as const, supportive, conflict: false, createdAt: `2026-01-0${id.length}T00:00:00Z`, updatedAt: '2026-01-01T00:00:00Z' });
    const checkIn = (personId: string, localDate: string) => ({ kind: 'checkIn' as const, clientId: 'c', localDate, timeZone: 'UTC', mood: 5, interaction: { personId, name: personId }, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' });
    const people = [person('a'), person('bb'), person('ccc', false)];
    assert.equal(pickPerson(people, [], [])?.id, 'a');
    assert.equal(pickPerson(people, [checkIn('a', '2026-02-01')], [])?.id, 'bb');
    assert.equal(pickPerson(people, [checkIn('a', '2026-02-01'), checkIn('bb', '2026-02-03')], [])?.id, 'a');
    assert.equal(pickPerson(people, [], [], ['a', 'bb']), undefined, 'never someone unsupportive');
  });
});
