import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityTypes, MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import { ClientState } from '../../src/bot/clientState';
import { BotStateStorage } from '../../src/storage/botStateStorage';
import { CountingDocumentStore } from '../../src/storage/countingStore';
import { SqliteDocumentStore } from '../../src/storage/sqliteStore';

function contextFor(adapter: TestAdapter, userId: string): TurnContext {
  return new TurnContext(adapter, {
    type: ActivityTypes.Message,
    channelId: 'webchat',
    conversation: { id: 'c1' } as never,
    from: { id: userId, name: '' },
    recipient: { id: 'bot', name: '' },
    text: 'hi',
  });
}

/** Change detection (the state as read against the state at save): a turn writes exactly when it changed something. */
describe('ClientState change detection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipt-clientstate-changes-'));
  const store = new CountingDocumentStore(new SqliteDocumentStore({ dataDir: dir }));
  const state = new ClientState(new BotStateStorage(store));
  const adapter = new TestAdapter();
  const profile = state.createProperty<{ name?: string; days?: number[]; nested?: { at: string } }>('profile');
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function turn(userId: string, work: (context: TurnContext) => Promise<void>): Promise<number> {
    const before = store.counts().writes;
    const context = contextFor(adapter, userId);
    await state.load(context);
    await work(context);
    await state.saveChanges(context);
    return store.counts().writes - before;
  }

  it('writes a stored state back only when the turn changed it', async () => {
    assert.equal(await turn('p1', async (c) => profile.set(c, { name: 'Ana', days: [1, 2], nested: { at: '2026-01-01' } })), 1);
    assert.equal(await turn('p1', async (c) => void (await profile.get(c))), 0, 'read only: nothing written');
    assert.equal(await turn('p1', async (c) => void (await profile.get(c))!.days!.push(3)), 1, 'a nested change is written');
    assert.equal(await turn('p1', async (c) => void ((await profile.get(c))!.nested!.at = '2026-01-01')), 0, 'the same value again: nothing written');
    assert.deepEqual(await profile.get(contextFor(adapter, 'p1')), { name: 'Ana', days: [1, 2, 3], nested: { at: '2026-01-01' } });
  });

  it('saves again after a clear, and a forced save writes an unchanged state', async () => {
    await turn('p2', async (c) => profile.set(c, { name: 'Bo' }));
    assert.equal(await turn('p2', async (c) => state.clear(c)), 1);
    assert.equal(await profile.get(contextFor(adapter, 'p2')), undefined);
    const context = contextFor(adapter, 'p2');
    await state.load(context);
    const before = store.counts().writes;
    await state.saveChanges(context, true);
    assert.equal(store.counts().writes - before, 1);
  });

  it('detects changes over another Storage too', async () => {
    const memory = new ClientState(new MemoryStorage());
    const name = memory.createProperty<string>('name');
    const context = contextFor(adapter, 'p3');
    await name.set(context, 'Cy');
    await memory.saveChanges(context);
    const next = contextFor(adapter, 'p3');
    assert.equal(await name.get(next), 'Cy');
  });
});
