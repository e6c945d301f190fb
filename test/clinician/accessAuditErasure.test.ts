import assert from 'node:assert/strict';
import { AccessAuditStore } from '../../src/clinician/accessAudit';
import { DocumentStore } from '../../src/storage/documentStore';
import { CosmosTestServer, createTestCosmosStore, startCosmosServer } from '../support/cosmosServer';
import { tempStore } from '../support/tempStore';

function suite(name: string, open: () => Promise<{ store: DocumentStore; dispose(): Promise<void> }>) {
  describe(`access audit after "delete my data" (${name})`, function () {
    this.timeout(30000);
    it('keeps every entry, naming the pseudonym instead of the client, in every programme; other clients untouched', async () => {
      const handle = await open();
      try {
        const audit = new AccessAuditStore(handle.store, { now: () => new Date('2026-03-01T09:00:00Z') });
        const gone = `client-${crypto.randomUUID()}`;
        const stays = `client-${crypto.randomUUID()}`;
        await audit.record({ programmeId: 'pa', actor: 'ana', via: 'teams', clientId: gone, action: 'summary', outcome: 'allowed', basis: 'assigned' });
        await audit.record({ programmeId: 'pb', actor: 'ben', via: 'api', clientId: gone, action: 'safetyPlan.read', outcome: 'refused' });
        await audit.record({ programmeId: 'pa', actor: 'ana', via: 'teams', clientId: stays, action: 'summary', outcome: 'allowed', basis: 'assigned' });

        assert.equal(await audit.forgetClient({ clientId: gone, pseudonym: 'erased-q' }), 2);
        assert.deepEqual(await audit.page('pa', { clientId: gone }, { limit: 200 }).then((p) => p.items), []);
        const pa = await audit.page('pa', {}, { limit: 200 }).then((p) => p.items);
        assert.deepEqual(pa.map((e) => e.clientId).sort(), ['erased-q', stays].sort());
        const [pb] = await audit.page('pb', {}, { limit: 200 }).then((p) => p.items);
        assert.deepEqual([pb.clientId, pb.actor, pb.action, pb.outcome], ['erased-q', 'ben', 'safetyPlan.read', 'refused']);
        assert.equal(await audit.forgetClient({ pseudonym: 'erased-r' }), 0, 'no client id: nothing to find');
      } finally {
        await handle.dispose();
      }
    });
  });
}

suite('SQLite', () => tempStore());
let server: CosmosTestServer | undefined;
suite('Cosmos DB double', async () => {
  server ??= await startCosmosServer();
  const store = await createTestCosmosStore(server);
  return { store, dispose: () => store.close() };
});
after(async () => server?.stop());
