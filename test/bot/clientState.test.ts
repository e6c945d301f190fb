import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityTypes, TestAdapter, TurnContext } from 'botbuilder';
import { ClientState } from '../../src/bot/clientState';
import { KeyedLock } from '../../src/bot/keyedLock';
import { BotStateStorage } from '../../src/storage/botStateStorage';
import { SqliteDocumentStore } from '../../src/storage/sqliteStore';
import { BotStateConflictError } from '../../src/storage/botStateStorage';

function contextFor(adapter: TestAdapter, userId: string, conversation: Record<string, unknown> = { id: 'c1' }): TurnContext {
  return new TurnContext(adapter, {
    type: ActivityTypes.Message,
    channelId: 'webchat',
    conversation: conversation as never,
    from: { id: userId, name: '' },
    recipient: { id: 'bot', name: '' },
    text: 'hi',
  });
}

describe('ClientState', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipt-clientstate-'));
  const store = new SqliteDocumentStore({ dataDir: dir });
  const adapter = new TestAdapter();
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keys 1:1 state by the person, and group-chat state by conversation and person', () => {
    assert.equal(ClientState.keyFor(contextFor(adapter, 'u1')), 'webchat/users/u1/client');
    assert.equal(
      ClientState.keyFor(contextFor(adapter, 'u1', { id: 'g1', isGroup: true, conversationType: 'groupChat' })),
      'webchat/conversations/g1/users/u1/client',
    );
  });

  it('rejects a save based on a stale read instead of losing the other write', async () => {
    const state = new ClientState(new BotStateStorage(store));
    const seed = contextFor(adapter, 'race');
    await state.load(seed);
    await state.createProperty<number>('count').set(seed, 0);
    await state.saveChanges(seed);

    const first = contextFor(adapter, 'race');
    const second = contextFor(adapter, 'race');
    await state.load(first);
    await state.load(second);
    await state.createProperty<number>('count').set(first, 1);
    await state.createProperty<number>('count').set(second, 2);
    await state.saveChanges(first);
    await assert.rejects(state.saveChanges(second), BotStateConflictError);

    const check = contextFor(adapter, 'race');
    assert.equal(await state.createProperty<number>('count').get(check), 1);
  });

  it('can save twice in one turn', async () => {
    const state = new ClientState(new BotStateStorage(store));
    const context = contextFor(adapter, 'twice');
    await state.load(context);
    await state.createProperty<string>('step').set(context, 'one');
    await state.saveChanges(context);
    await state.createProperty<string>('step').set(context, 'two');
    await state.saveChanges(context);
    const check = contextFor(adapter, 'twice');
    assert.equal(await state.createProperty<string>('step').get(check), 'two');
  });

  it('writes nothing when nothing changed', async () => {
    const state = new ClientState(new BotStateStorage(store));
    const context = contextFor(adapter, 'unchanged');
    await state.load(context);
    await state.saveChanges(context);
    assert.equal(await store.read('botState', 'webchat/users/unchanged/client', 'webchat/users/unchanged/client'), undefined);
  });
});

describe('KeyedLock', () => {
  it('runs work for one key in arrival order, and other keys alongside', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    let releaseFirst!: () => void;
    const first = lock.run('a', async () => {
      events.push('a1 start');
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      events.push('a1 end');
    });
    const second = lock.run('a', async () => {
      events.push('a2');
    });
    await lock.run('b', async () => {
      events.push('b');
    });
    releaseFirst();
    await Promise.all([first, second]);
    assert.deepEqual(events, ['a1 start', 'b', 'a1 end', 'a2']);
    assert.equal(lock.size, 0);
  });

  it('keeps going after a failed piece of work', async () => {
    const lock = new KeyedLock();
    await assert.rejects(lock.run('k', async () => Promise.reject(new Error('boom'))));
    assert.equal(await lock.run('k', async () => 'next'), 'next');
  });
});
