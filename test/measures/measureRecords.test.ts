import assert from 'node:assert/strict';
import { ClientRepository } from '../../src/client/clientRepository';
import { Clock } from '../../src/clock';
import { tempStore } from '../support/tempStore';

describe('measures in the client record', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  let now: Date;
  const clock: Clock = { now: () => now };
  beforeEach(async () => {
    temp = await tempStore();
    now = new Date('2026-11-25T23:30:00Z');
  });
  afterEach(async () => temp.dispose());

  it('stores a finished measure with its score and the client’s local day', async () => {
    const repo = new ClientRepository(temp.store, clock);
    const stored = await repo.addMeasure('c-1', { instrument: 'gad7', language: 'es', startedAt: '2026-11-25T23:20:00.000Z', answers: [3, 3, 2, 2, 2, 2, 1], source: 'scheduled', timeZone: 'Asia/Tokyo' });
    assert.equal(stored.total, 15);
    assert.equal(stored.band, 'severe');
    assert.equal(stored.localDate, '2026-11-26', 'the day in Tokyo');
    assert.deepEqual(await repo.measures('c-1'), [stored]);
    assert.deepEqual(await repo.measures('c-1', 'phq9'), []);
  });

  it('refuses to store a measure with an item missing', async () => {
    const repo = new ClientRepository(temp.store, clock);
    await assert.rejects(repo.addMeasure('c-1', { instrument: 'phq9', language: 'en', startedAt: now.toISOString(), answers: [1, 1, 1, 1, 1, 1, 1, 1], source: 'client' }), /items 9/);
    assert.deepEqual(await repo.measures('c-1'), []);
  });

  it('is in the client’s export and gone after "delete my data"', async () => {
    const repo = new ClientRepository(temp.store, clock);
    await repo.addMeasure('c-1', { instrument: 'phq9', language: 'en', startedAt: now.toISOString(), answers: [1, 1, 1, 1, 1, 1, 1, 1, 0], source: 'client' });
    const exported = await repo.exportEverything('c-1', []);
    const measure = exported.records.find((r) => r.kind === 'measure');
    assert.equal(measure?.total, 8);
    assert.deepEqual(measure?.answers, [1, 1, 1, 1, 1, 1, 1, 1, 0]);
    await repo.deleteEverything('c-1', []);
    assert.deepEqual(await repo.measures('c-1'), []);
    assert.equal((await repo.exportEverything('c-1', [])).records.length, 0);
  });
});
