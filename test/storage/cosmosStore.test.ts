import assert from 'node:assert/strict';
import https from 'node:https';
import { randomUUID } from 'node:crypto';
import { CONTAINERS, CONTAINER_NAMES } from '../../src/storage/containers';
import { CosmosDocumentStore, toCosmosId } from '../../src/storage/cosmosStore';
import { createDocumentStore } from '../../src/storage/createStore';
import { CosmosTestServer, createTestCosmosStore, startCosmosServer } from '../support/cosmosServer';
import { AWKWARD_IDS, describeDocumentStoreContract } from './documentStoreContract';

describe('CosmosDocumentStore (on @vercel/cosmosdb-server)', function () {
  let server: CosmosTestServer;

  before(async function () {
    server = await startCosmosServer();
  });

  afterEach(function () {
    server.intercept(undefined);
  });

  after(async function () {
    await server?.stop();
  });

  describeDocumentStoreContract('Cosmos DB test server', () => createTestCosmosStore(server));

  describe('ids', function () {
    it('maps every id to a Cosmos-safe id of at most 255 bytes, deterministically and without collisions', function () {
      const mapped = AWKWARD_IDS.map(toCosmosId);
      for (const [i, cosmosId] of mapped.entries()) {
        assert.doesNotMatch(cosmosId, /[/\\?#]/, `id ${JSON.stringify(AWKWARD_IDS[i])}`);
        assert.ok(cosmosId.length > 0 && Buffer.byteLength(cosmosId) <= 255);
        assert.equal(toCosmosId(AWKWARD_IDS[i]), cosmosId);
      }
      assert.equal(new Set(mapped).size, AWKWARD_IDS.length);
    });

    it('keeps short ids readable and hashes only what does not fit', function () {
      assert.equal(toCosmosId('msteams/users/29:1a'), 'msteams*2fusers*2f29:1a');
      assert.equal(toCosmosId('profile'), 'profile');
      assert.match(toCosmosId('z'.repeat(256)), /^\*h[0-9a-f]{64}$/);
      assert.match(toCosmosId(''), /^\*h[0-9a-f]{64}$/);
      assert.notEqual(toCosmosId('\ud800'), toCosmosId('\udc00'));
    });
  });

  describe('init', function () {
    it('creates the database and every container, and is safe to run again', async function () {
      const databaseId = `test-${randomUUID()}`;
      const first = await createTestCosmosStore(server, { databaseId });
      const second = await createTestCosmosStore(server, { databaseId });
      try {
        await first.upsert(CONTAINERS.programmes, 'prog-1', 'prog-1', { name: 'IPT 12 weeks' });
        assert.equal((await second.read<{ name: string }>(CONTAINERS.programmes, 'prog-1', 'prog-1'))?.body.name, 'IPT 12 weeks');
      } finally {
        await first.close();
        await second.close();
      }
    });

    it('accepts existing resources when the identity may not create them (403)', async function () {
      const databaseId = `test-${randomUUID()}`;
      await (await createTestCosmosStore(server, { databaseId })).close();
      server.intercept(forbidCreation);
      const store = await createTestCosmosStore(server, { databaseId });
      await store.ping();
      await store.close();
    });

    it('names each missing container when the identity may not create them', async function () {
      const databaseId = `test-${randomUUID()}`;
      const store = new CosmosDocumentStore({
        endpoint: server.endpoint,
        key: server.key,
        databaseId,
        agent: server.agent,
        connectionPolicy: { enableEndpointDiscovery: false },
      });
      // The identity may create the database but no container.
      server.intercept((req, res) => (/\/colls$/.test(req.url ?? '') ? forbidCreation(req, res) : false));
      await assert.rejects(store.init(), (err: Error) => {
        for (const name of CONTAINER_NAMES) assert.match(err.message, new RegExp(`\\b${name}\\b`));
        assert.match(err.message, /lacks container\(s\).*not allowed to create them \(403\).*partition key \/pk/);
        return true;
      });
      server.intercept(forbidCreation);
      await assert.rejects(
        new CosmosDocumentStore({ ...storeNetwork(server), databaseId: `missing-${randomUUID()}` }).init(),
        /database "missing-[^"]+" does not exist, and this identity is not allowed to create it \(403\)/,
      );
      await store.close();
    });
  });

  describe('client', function () {
    it('retries throttled requests (429) as the server asks', async function () {
      const store = await createTestCosmosStore(server);
      let throttled = 0;
      server.intercept((req, res) => {
        if (req.method !== 'POST' || !/\/docs$/.test(req.url ?? '') || throttled >= 3) return false;
        throttled++;
        req.resume();
        res.writeHead(429, { 'content-type': 'application/json', 'x-ms-retry-after-ms': '5', 'x-ms-substatus': '3200' });
        res.end(JSON.stringify({ code: 'TooManyRequests', message: 'Request rate is large' }));
        return true;
      });
      try {
        const created = await store.create(CONTAINERS.clients, 'c-429', 'doc', { v: 1 });
        assert.equal(throttled, 3);
        assert.deepEqual((await store.read(CONTAINERS.clients, 'c-429', 'doc'))?.etag, created.etag);
      } finally {
        await store.close();
      }
    });

    it('is what createDocumentStore builds for kind "cosmos" with a key', async function () {
      const store = await createDocumentStore(
        { kind: 'cosmos', endpoint: server.endpoint, key: server.key, databaseId: `test-${randomUUID()}` },
        { cosmosNetwork: { agent: server.agent, connectionPolicy: { enableEndpointDiscovery: false } } },
      );
      try {
        assert.ok(store instanceof CosmosDocumentStore);
        await store.upsert(CONTAINERS.clients, 'c', 'doc', { v: 1 });
        assert.deepEqual((await store.read(CONTAINERS.clients, 'c', 'doc'))?.body, { v: 1 });
      } finally {
        await store.close();
      }
    });

    it('trusts the test certificate on its own client only: a default client refuses the server', async function () {
      const store = new CosmosDocumentStore({
        endpoint: server.endpoint,
        key: server.key,
        databaseId: `test-${randomUUID()}`,
        agent: new https.Agent({ keepAlive: false }),
        connectionPolicy: { enableEndpointDiscovery: false },
      });
      await assert.rejects(store.ping(), /self[- ]signed certificate/);
      await store.close();
    });
  });

  // The last suite in this file (mocha runs sibling suites in order): every connection the clients above
  // opened through the test agent went to the loopback test server.
  describe('network', function () {
    it('talked to nothing but the local test server', function () {
      assert.ok(server.connectedHosts.size > 0);
      assert.deepEqual([...server.connectedHosts], ['127.0.0.1']);
    });
  });
});

function storeNetwork(server: CosmosTestServer) {
  return { endpoint: server.endpoint, key: server.key, agent: server.agent, connectionPolicy: { enableEndpointDiscovery: false } };
}

/** What Cosmos DB answers an identity with data-plane rights only when it tries to create a database or container. */
function forbidCreation(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): boolean {
  if (req.method !== 'POST' || !/\/(dbs|colls)$/.test(req.url ?? '')) return false;
  req.resume();
  res.writeHead(403, { 'content-type': 'application/json', 'x-ms-substatus': '5300' });
  res.end(JSON.stringify({ code: 'Forbidden', message: 'Request blocked by Auth: the principal cannot perform control-plane operations.' }));
  return true;
}
