/**
 * The storage contracts against a real Azure Cosmos DB account or the Cosmos DB emulator.
 *
 * Opt-in: set COSMOS_TEST_ENDPOINT and COSMOS_TEST_KEY (the account's primary key, or the emulator's
 * well-known key), e.g.
 *
 *   COSMOS_TEST_ENDPOINT=https://<account>.documents.azure.com:443/ COSMOS_TEST_KEY=<key> npx mocha test/storage/realCosmos.test.ts
 *
 * For the emulator, trust its certificate for Node with NODE_EXTRA_CA_CERTS=<exported emulator cert .pem>
 * (that adds one CA; never turn TLS verification off). Each run creates a database named
 * `ipt-companion-test-<uuid>` and deletes it at the end; on a provisioned-throughput account its four
 * containers cost the minimum throughput for the few seconds they exist.
 *
 * Without those variables this file registers no tests (it prints one line), so a normal `npm test`
 * neither reaches the network nor counts skipped tests.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CosmosClient } from '@azure/cosmos';
import { BotStateStorage } from '../../src/storage/botStateStorage';
import { CosmosDocumentStore } from '../../src/storage/cosmosStore';
import { describeDocumentStoreContract } from './documentStoreContract';

const endpoint = process.env.COSMOS_TEST_ENDPOINT;
const key = process.env.COSMOS_TEST_KEY;

describe('CosmosDocumentStore (real Cosmos DB account or emulator)', function () {
  if (!endpoint || !key) {
    // eslint-disable-next-line no-console -- the one line that says why this suite is empty
    console.log('    (real Cosmos DB tests not run: set COSMOS_TEST_ENDPOINT and COSMOS_TEST_KEY to run them)');
    return;
  }

  this.timeout(120_000);
  const databaseId = `ipt-companion-test-${randomUUID()}`;
  const stores: CosmosDocumentStore[] = [];
  const newStore = async (): Promise<CosmosDocumentStore> => {
    const store = new CosmosDocumentStore({ endpoint, key, databaseId });
    await store.init();
    stores.push(store);
    return store;
  };

  after(async function () {
    const client = new CosmosClient({ endpoint, key });
    try {
      await client.database(databaseId).delete();
    } finally {
      client.dispose();
      for (const store of stores) await store.close();
    }
  });

  describeDocumentStoreContract('real Cosmos DB', newStore);

  it('keeps botbuilder state with awkward keys and rejects a stale eTag', async function () {
    const storage = new BotStateStorage(await newStore());
    const stateKey = `msteams/conversations/${randomUUID()}/!@#$%^&*()~/\\><,.?';"\`~`;
    await storage.write({ [stateKey]: { step: 1 } });
    const read = await storage.read([stateKey]);
    assert.equal(read[stateKey].step, 1);
    await storage.write({ [stateKey]: { ...read[stateKey], step: 2 } });
    await assert.rejects(storage.write({ [stateKey]: { ...read[stateKey], step: 3 } }));
    assert.equal((await storage.read([stateKey]))[stateKey].step, 2);
  });
});
