/**
 * botbuilder's storage contract (as botbuilder-core's storage base tests define it) for BotStateStorage,
 * on both adapters.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AutoSaveStateMiddleware, ConversationState, MemoryStorage, MessageFactory, StoreItems, TestAdapter } from 'botbuilder';
import { Dialog, DialogSet, DialogState, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { BotStateConflictError, BotStateStorage, botStatePartitionKey } from '../../src/storage/botStateStorage';
import { CONTAINERS } from '../../src/storage/containers';
import { DocumentStore } from '../../src/storage/documentStore';
import { SqliteDocumentStore } from '../../src/storage/sqliteStore';
import { CosmosTestServer, createTestCosmosStore, startCosmosServer } from '../support/cosmosServer';

const CRAZY_KEY = '!@#$%^&*()~/\\><,.?\';"`~';

function describeBotStorageContract(name: string, factory: () => Promise<DocumentStore>): void {
  describe(`BotStateStorage on ${name}`, function () {
    let store: DocumentStore;
    let storage: BotStateStorage;
    let prefix = 0;
    /** Keys unique to one test, so tests never see each other's items. */
    const keyFor = (key: string): string => `t${prefix}:${key}`;

    before(async function () {
      store = await factory();
      storage = new BotStateStorage(store);
    });

    beforeEach(function () {
      prefix++;
    });

    after(async function () {
      await store?.close();
    });

    it('returns {} for unknown keys', async function () {
      assert.deepEqual(await storage.read([keyFor('unknown'), keyFor('also-unknown')]), {});
      assert.deepEqual(await storage.read([]), {});
    });

    it('refuses a missing key list or change set', async function () {
      await assert.rejects(storage.read(null as unknown as string[]), ReferenceError);
      await assert.rejects(storage.write(null as unknown as StoreItems), ReferenceError);
    });

    it('accepts a write with no items', async function () {
      await storage.write({});
      await storage.write([] as unknown as StoreItems);
    });

    it('reads back what it wrote, each item with an eTag', async function () {
      const [a, b] = [keyFor('createPoco'), keyFor('createPocoStoreItem')];
      await storage.write({ [a]: { id: 1 }, [b]: { id: 2, eTag: '*' } });
      const items = await storage.read([a, b]);
      assert.equal(items[a].id, 1);
      assert.equal(items[b].id, 2);
      assert.equal(typeof items[a].eTag, 'string');
      assert.ok(items[a].eTag.length > 0 && items[b].eTag.length > 0 && items[b].eTag !== '*');
    });

    for (const [label, key] of [
      ['a key with every special character', CRAZY_KEY],
      ['a Teams-like conversation key', 'msteams/conversations/a:1Xyz-_AbC==;messageid=1712/'],
      ['a 300-character key', 'k'.repeat(300)],
      ['a 3000-character key', 'q'.repeat(3000)],
    ]) {
      it(`round-trips ${label}`, async function () {
        await storage.write({ [key]: { id: 1 } });
        const items = await storage.read([key]);
        assert.deepEqual(Object.keys(items), [key]);
        assert.equal(items[key].id, 1);
        await storage.delete([key]);
        assert.deepEqual(await storage.read([key]), {});
      });
    }

    it('follows the eTag rules: stale is rejected, none or "*" overwrites, every write changes the eTag', async function () {
      const [poco, storeItem] = [keyFor('pocoItem'), keyFor('pocoStoreItem')];
      await storage.write({ [poco]: { id: 1, count: 1 }, [storeItem]: { id: 1, count: 1 } });

      const loaded = await storage.read([poco, storeItem]);
      const pocoItem = loaded[poco];
      delete pocoItem.eTag; // an item without an eTag always overwrites
      const item = loaded[storeItem];
      const firstEtag: string = item.eTag;
      pocoItem.count++;
      item.count++;
      await storage.write(loaded);

      const reloaded = await storage.read([poco, storeItem]);
      assert.equal(reloaded[poco].count, 2);
      assert.equal(reloaded[storeItem].count, 2);
      assert.notEqual(reloaded[storeItem].eTag, firstEtag);

      pocoItem.count = 123;
      await storage.write({ [poco]: pocoItem });
      item.count = 123; // still carries the first eTag, which is stale now
      await assert.rejects(storage.write({ [storeItem]: item }), (err: Error) => {
        assert.ok(err instanceof BotStateConflictError);
        assert.match(err.message, /eTag conflict/);
        return true;
      });

      const afterConflict = await storage.read([poco, storeItem]);
      assert.equal(afterConflict[poco].count, 123);
      assert.equal(afterConflict[storeItem].count, 2);

      await storage.write({ [poco]: { ...afterConflict[poco], count: 100 }, [storeItem]: { ...afterConflict[storeItem], count: 100, eTag: '*' } });
      const final = await storage.read([poco, storeItem]);
      assert.equal(final[poco].count, 100);
      assert.equal(final[storeItem].count, 100);
    });

    it('lets only one of two turns that read the same state save it with its eTag', async function () {
      const key = keyFor('conversation');
      await storage.write({ [key]: { step: 1 } });
      const [turnA, turnB] = [await storage.read([key]), await storage.read([key])];
      const results = await Promise.allSettled([
        storage.write({ [key]: { ...turnA[key], step: 2, by: 'a' } }),
        storage.write({ [key]: { ...turnB[key], step: 2, by: 'b' } }),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      const winner = results[0].status === 'fulfilled' ? 'a' : 'b';
      assert.equal((await storage.read([key]))[key].by, winner);
    });

    it('does not keep the eTag inside the stored document', async function () {
      const key = keyFor('doc');
      await storage.write({ [key]: { a: 1, eTag: '*' } });
      const doc = await store.read<Record<string, unknown>>(CONTAINERS.botState, botStatePartitionKey(key), key);
      assert.deepEqual(doc?.body, { a: 1 });
    });

    it('deletes items and ignores unknown keys', async function () {
      const key = keyFor('delete1');
      await storage.write({ [key]: { id: 1, count: 1 } });
      assert.equal((await storage.read([key]))[key].count, 1);
      await storage.delete([key]);
      assert.deepEqual(await storage.read([key]), {});
      await storage.delete([keyFor('unknown_key')]);
    });

    it('handles several keys per call', async function () {
      const keys = ['batch1', 'batch2', 'batch3'].map(keyFor);
      await storage.write({ [keys[0]]: { count: 10 }, [keys[1]]: { count: 20 }, [keys[2]]: { count: 30 } });
      const items = await storage.read([...keys, keyFor('missing')]);
      assert.deepEqual(Object.keys(items).sort(), [...keys].sort());
      assert.deepEqual(
        keys.map((k) => items[k].count),
        [10, 20, 30],
      );
      await storage.delete(keys);
      assert.deepEqual(await storage.read(keys), {});
    });

    it('returns nested objects and dates exactly as botbuilder MemoryStorage does', async function () {
      const key = keyFor('nested');
      const item = {
        when: new Date('2025-01-02T03:04:05.006Z'),
        profile: { name: 'Sam', goals: [{ text: 'walk', done: false, at: new Date(0) }], empty: {} },
        list: [1, 'two', null, [3]],
        skipped: undefined,
      };
      const memory = new MemoryStorage();
      await memory.write({ [key]: item });
      await storage.write({ [key]: item });
      const { eTag: _memoryEtag, ...expected } = (await memory.read([key]))[key];
      const { eTag, ...actual } = (await storage.read([key]))[key];
      assert.equal(typeof eTag, 'string');
      assert.deepEqual(actual, expected);
      assert.equal(actual.when, '2025-01-02T03:04:05.006Z');
    });

    it('carries a waterfall dialog through a prompt that retries', async function () {
      const conversationState = new ConversationState(storage);
      const dialogState = conversationState.createProperty<DialogState>('dialogState');
      const dialogs = new DialogSet(dialogState);
      dialogs.add(
        new TextPrompt('namePrompt', async (prompt) => {
          const name = prompt.recognized.value ?? '';
          if (name.length > 3) {
            await prompt.context.sendActivity(`Accepted on attempt ${prompt.attemptCount}.`);
            return true;
          }
          await prompt.context.sendActivity(`Please use more than 3 characters (attempt ${prompt.attemptCount}).`);
          return false;
        }),
      );
      dialogs.add(
        new WaterfallDialog('intake', [
          async (step: WaterfallStepContext) => {
            await step.context.sendActivity('step 1');
            return Dialog.EndOfTurn;
          },
          async (step: WaterfallStepContext) => step.prompt('namePrompt', { prompt: MessageFactory.text('What is your name?') }),
          async (step: WaterfallStepContext) => {
            await step.context.sendActivity(`step 3: ${String(step.result)}`);
            return step.endDialog();
          },
        ]),
      );

      const adapter = new TestAdapter(async (context) => {
        const dc = await dialogs.createContext(context);
        await dc.continueDialog();
        if (!context.responded) await dc.beginDialog('intake');
      }).use(new AutoSaveStateMiddleware(conversationState));
      adapter.conversation = TestAdapter.createConversation(keyFor('waterfall'));

      await adapter
        .send('hello')
        .assertReply('step 1')
        .send('hello')
        .assertReply('What is your name?')
        .send('hi')
        .assertReply('Please use more than 3 characters (attempt 1).')
        .send('hi')
        .assertReply('Please use more than 3 characters (attempt 2).')
        .send('Kyle')
        .assertReply('Accepted on attempt 3.')
        .assertReply('step 3: Kyle')
        .startTest();

      // The dialog stack went through the store: the conversation's state is there, with the dialog ended.
      const conversationKey = `${adapter.conversation.channelId}/conversations/${adapter.conversation.conversation.id}/`;
      const stored = (await storage.read([conversationKey]))[conversationKey];
      assert.deepEqual(stored.dialogState, { dialogStack: [] });
    });
  });
}

describe('BotStateStorage', function () {
  const tempDirs: string[] = [];
  let server: CosmosTestServer;

  before(async function () {
    server = await startCosmosServer();
  });

  after(async function () {
    await server?.stop();
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  describeBotStorageContract('SQLite', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-botstate-'));
    tempDirs.push(dir);
    return new SqliteDocumentStore({ dataDir: dir });
  });

  describeBotStorageContract('Cosmos DB (test server)', () => createTestCosmosStore(server));

  it('partitions each state key on itself, hashing only keys too long for Cosmos DB', function () {
    assert.equal(botStatePartitionKey('msteams/users/29:1a'), 'msteams/users/29:1a');
    assert.match(botStatePartitionKey('q'.repeat(3000)), /^sha256:[0-9a-f]{64}$/);
  });
});
