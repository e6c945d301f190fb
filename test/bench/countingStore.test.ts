import assert from 'node:assert/strict';
import { MemoryDocumentStore } from '../support/memoryDocumentStore';
import { CONTAINERS } from '../../src/storage/containers';
import { CountingDocumentStore, diffCounts } from '../../src/storage/countingStore';
import { StoreConflictError, StorePreconditionFailedError } from '../../src/storage/errors';

describe('CountingDocumentStore', () => {
  let store: CountingDocumentStore;

  beforeEach(() => {
    store = new CountingDocumentStore(new MemoryDocumentStore());
  });

  it('forwards every call and answers what the store answered', async () => {
    const created = await store.create(CONTAINERS.clients, 'c1', 'profile', { name: 'Ana' });
    const read = await store.read<{ name: string }>(CONTAINERS.clients, 'c1', 'profile');
    assert.deepEqual(read?.body, { name: 'Ana' });
    assert.equal(read?.etag, created.etag);
    const updated = await store.upsert(CONTAINERS.clients, 'c1', 'profile', { name: 'Ana B' }, { ifMatch: created.etag });
    assert.notEqual(updated.etag, created.etag);
    const found = await store.query<{ name: string }>(CONTAINERS.clients, { partitionKey: 'c1' });
    assert.deepEqual(found.map((d) => d.body.name), ['Ana B']);
    assert.equal(await store.delete(CONTAINERS.clients, 'c1', 'profile'), true);
    assert.equal(await store.read(CONTAINERS.clients, 'c1', 'profile'), undefined);
  });

  it('counts each call once by operation, as reads (read, query) and writes (create, upsert, delete)', async () => {
    await store.read(CONTAINERS.botState, 'k', 'k');
    await store.upsert(CONTAINERS.botState, 'k', 'k', { dialog: 1 });
    await store.query(CONTAINERS.clients, { partitionKey: 'c1' });
    await store.create(CONTAINERS.clients, 'c1', 'checkIn:2026-11-25', { mood: 7 });
    await store.delete(CONTAINERS.clients, 'c1', 'checkIn:2026-11-25');
    const { elapsedMs, ...counts } = store.counts();
    assert.deepEqual(counts, { read: 1, create: 1, upsert: 1, delete: 1, query: 1, reads: 2, writes: 3 });
    assert.ok(elapsedMs >= 0);
  });

  it('keeps the counts of each container apart', async () => {
    await store.read(CONTAINERS.botState, 'k', 'k');
    await store.upsert(CONTAINERS.botState, 'k', 'k', { dialog: 1 });
    await store.query(CONTAINERS.clients, { partitionKey: 'c1' });
    const byContainer = store.countsByContainer();
    assert.deepEqual(Object.keys(byContainer).sort(), ['botState', 'clients']);
    assert.equal(byContainer.botState?.reads, 1);
    assert.equal(byContainer.botState?.writes, 1);
    assert.equal(byContainer.clients?.reads, 1);
    assert.equal(byContainer.clients?.writes, 0);
  });

  it('counts calls the store refused, and passes the refusal on', async () => {
    await store.create(CONTAINERS.clients, 'c1', 'profile', {});
    await assert.rejects(store.create(CONTAINERS.clients, 'c1', 'profile', {}), StoreConflictError);
    await assert.rejects(store.upsert(CONTAINERS.clients, 'c1', 'profile', {}, { ifMatch: 'stale' }), StorePreconditionFailedError);
    assert.equal(store.counts().create, 2);
    assert.equal(store.counts().upsert, 1);
  });

  it('gives the calls between two readings with diffCounts, and starts again after reset', async () => {
    await store.read(CONTAINERS.botState, 'k', 'k');
    const before = store.counts();
    await store.read(CONTAINERS.botState, 'k', 'k');
    await store.upsert(CONTAINERS.botState, 'k', 'k', {});
    const turn = diffCounts(store.counts(), before);
    assert.equal(turn.reads, 1);
    assert.equal(turn.writes, 1);
    store.reset();
    assert.equal(store.counts().reads, 0);
    assert.deepEqual(store.countsByContainer(), {});
  });
});
