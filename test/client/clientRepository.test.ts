import assert from 'node:assert/strict';
import { Clock } from '../../src/clock';
import { ClientRepository, localDate } from '../../src/client/clientRepository';
import { MemoryDocumentStore } from '../support/memoryDocumentStore';
import { CONTAINER_NAMES } from '../../src/storage/containers';
import { botStatePartitionKey } from '../../src/storage/botStateStorage';
import { DocumentStore } from '../../src/storage/documentStore';
import { tempStore } from '../dialogs/harness';

const stores: Array<[string, () => Promise<{ store: DocumentStore; dispose(): Promise<void> }>]> = [
  ['sqlite', tempStore],
  ['memory', async () => ({ store: new MemoryDocumentStore(), dispose: async () => undefined })],
];

for (const [kind, open] of stores) {
  describe(`ClientRepository (${kind})`, () => {
    let handle: { store: DocumentStore; dispose(): Promise<void> };
    let now: Date;
    const clock: Clock = { now: () => now };
    let repo: ClientRepository;
    beforeEach(async () => {
      handle = await open();
      now = new Date('2026-03-28T23:30:00Z');
      repo = new ClientRepository(handle.store, clock);
    });
    afterEach(async () => handle.dispose());

    it('keeps every check-in of a local day in the client’s zone, the latest last, across a daylight-saving change', async () => {
      // 2026-03-29: Europe/Madrid moves from +01:00 to +02:00.
      const first = await repo.saveCheckIn('c1', 'Europe/Madrid', { mood: 4 });
      assert.equal(first.record.localDate, '2026-03-29');
      assert.equal(first.earlierToday, 0);
      now = new Date('2026-03-29T21:30:00Z'); // 23:30 local, same day
      const second = await repo.saveCheckIn('c1', 'Europe/Madrid', { mood: 7, feelings: 'calmer' });
      assert.equal(second.earlierToday, 1);
      now = new Date('2026-03-29T22:30:00Z'); // 00:30 on the 30th
      assert.equal((await repo.saveCheckIn('c1', 'Europe/Madrid', { mood: 5 })).earlierToday, 0);
      const all = await repo.checkInsSince('c1', '2026-01-01');
      assert.deepEqual(all.map((c) => [c.localDate, c.mood, c.feelings]), [['2026-03-29', 4, undefined], ['2026-03-29', 7, 'calmer'], ['2026-03-30', 5, undefined]]);
    });

    it('an unknown zone counts days in UTC', () => {
      assert.equal(localDate(new Date('2026-03-28T23:30:00Z'), 'Mars/Olympus'), '2026-03-28');
      assert.equal(localDate(new Date('2026-03-28T23:30:00Z'), 'Asia/Tokyo'), '2026-03-29');
    });

    it('refuses a record that breaks its schema, leaving the store untouched', async () => {
      await assert.rejects(repo.saveCheckIn('c1', 'UTC', { mood: 11 }));
      await assert.rejects(repo.addPerson('c1', { name: '', relationship: 'x', circle: 'inner', supportive: true, conflict: false }));
      assert.deepEqual(await handle.store.query('clients', { partitionKey: 'c1' }), []);
    });

    it('skips a damaged document instead of showing it', async () => {
      await handle.store.upsert('clients', 'c1', 'person:bad', { kind: 'person', clientId: 'c1', name: 42 });
      await repo.addPerson('c1', { name: 'Ana', relationship: 'friend', circle: 'inner', supportive: true, conflict: false });
      assert.deepEqual((await repo.people('c1')).map((p) => p.name), ['Ana']);
    });

    it('finds the unfinished walk-through and the plan waiting for its follow-up', async () => {
      const planned = await repo.newProblem('c1', 'first problem here');
      await repo.saveProblem({ ...planned, stage: 'planned', options: [{ text: 'a' }, { text: 'b' }], chosen: 0, firstStep: 'x', when: 'y' });
      now = new Date('2026-03-29T10:00:00Z');
      const draft = await repo.newProblem('c1');
      assert.equal((await repo.draftProblem('c1'))?.id, draft.id);
      assert.equal((await repo.plannedProblem('c1'))?.id, planned.id);
    });

    it('updating the profile copy keeps fields set by others (focus area, programme fields)', async () => {
      await handle.store.upsert('clients', 'c1', 'profile', { kind: 'profile', clientId: 'c1', createdAt: now.toISOString(), updatedAt: now.toISOString(), focusArea: 'grief', programmeId: 'p1' });
      await repo.saveProfile('c1', { preferredName: 'Sam', remindersPaused: true });
      const stored = (await handle.store.read<Record<string, unknown>>('clients', 'c1', 'profile'))?.body;
      assert.equal(stored?.focusArea, 'grief');
      assert.equal(stored?.programmeId, 'p1');
      assert.equal(stored?.preferredName, 'Sam');
      assert.equal(stored?.remindersPaused, true);
    });

    it('exports and deletes everything about one client and nothing about another', async () => {
      const stateKey = 'webchat/users/u1/client';
      await repo.saveProfile('c1', { preferredName: 'Sam', consent: { given: true, at: now.toISOString() } });
      await repo.saveCheckIn('c1', 'UTC', { mood: 6 });
      const ana = await repo.addPerson('c1', { name: 'Ana', relationship: 'friend', circle: 'inner', supportive: true, conflict: false });
      await repo.addNudge('c1', ana, 'accepted');
      await repo.newProblem('c1', 'work is too much');
      await handle.store.upsert('clients', 'c1', 'safetyPlan', { clientId: 'c1', warningSigns: ['not sleeping'] });
      await handle.store.upsert('alerts', 'a1', 'a1', { clientId: 'c1', level: 'urgent' });
      await handle.store.upsert('botState', botStatePartitionKey(stateKey), stateKey, { profile: { clientId: 'c1' } });
      await repo.saveCheckIn('c2', 'UTC', { mood: 3 });
      await handle.store.upsert('alerts', 'a2', 'a2', { clientId: 'c2', level: 'concern' });

      const exported = await repo.exportEverything('c1', [stateKey]);
      assert.deepEqual(exported.records.map((r) => r.documentId.split(':')[0]).sort(), ['checkIn', 'nudge', 'person', 'problem', 'profile', 'safetyPlan']);
      assert.deepEqual(exported.records.find((r) => r.documentId === 'safetyPlan'), { documentId: 'safetyPlan', clientId: 'c1', warningSigns: ['not sleeping'] });
      assert.deepEqual(exported.related, [{ container: 'alerts', id: 'a1', body: { clientId: 'c1', level: 'urgent' } }]);
      assert.deepEqual(exported.botState, [{ key: stateKey, body: { profile: { clientId: 'c1' } } }]);

      const report = await repo.deleteEverything('c1', [stateKey]);
      assert.deepEqual(report, { profile: 1, checkIn: 1, problem: 1, person: 1, nudge: 1, other: 1, botState: 1, kept: {} });
      // A safety alert is a clinical record: the repository never deletes one (the alert keeper strips it instead).
      assert.ok(await handle.store.read('alerts', 'a1', 'a1'));
      for (const container of CONTAINER_NAMES) {
        if (container === 'alerts') continue;
        assert.deepEqual(await handle.store.query(container, { partitionKey: 'c1' }), []);
        assert.deepEqual(await handle.store.query(container, { where: [{ field: 'clientId', op: '=', value: 'c1' }] }), []);
      }
      assert.equal(await handle.store.read('botState', botStatePartitionKey(stateKey), stateKey), undefined);
      assert.equal((await repo.checkInsSince('c2', '2000-01-01')).length, 1);
      assert.ok(await handle.store.read('alerts', 'a2', 'a2'));
    });
  });
}
