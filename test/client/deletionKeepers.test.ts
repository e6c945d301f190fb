/**
 * "Delete my data" with the keepers the service wires (alerts, access audit, the programme's record), on
 * SQLite and the Cosmos DB double: nothing names the client afterwards, what is kept shares one pseudonym.
 */
import assert from 'node:assert/strict';
import { createLogger } from '../../src/logger';
import { ClientRepository, PSEUDONYM_PREFIX } from '../../src/client/clientRepository';
import { AccessAuditStore } from '../../src/clinician/accessAudit';
import { ClientUnlinking } from '../../src/programmes/clientUnlinking';
import { chatLinkPartition } from '../../src/programmes/programmeStore';
import { StoreCareTeamDirectory } from '../../src/programmes/storeCareTeamDirectory';
import { Alert } from '../../src/safety/escalation/alert';
import { AlertErasure } from '../../src/safety/escalation/alertErasure';
import { AlertService } from '../../src/safety/escalation/alertService';
import { CONTAINER_NAMES, CONTAINERS } from '../../src/storage/containers';
import { DocumentStore } from '../../src/storage/documentStore';
import { CosmosTestServer, createTestCosmosStore, startCosmosServer } from '../support/cosmosServer';
import { seedLinkedClient } from '../support/linkedClient';
import { tempStore } from '../support/tempStore';

function suite(name: string, open: () => Promise<{ store: DocumentStore; dispose(): Promise<void> }>) {
  describe(`delete my data with the service's keepers (${name})`, function () {
    this.timeout(30000);
    it('unlinks the programme record, pseudonymises the alert and the access audit alike, and leaves nothing to export', async () => {
      const { store, dispose } = await open();
      try {
        const clock = { now: () => new Date('2026-11-25T12:00:00Z') };
        const identity = { channelId: 'msteams', userId: `29:user-${crypto.randomUUID()}` };
        const { programmes, clientId } = await seedLinkedClient(store, clock, identity);
        await programmes.createSchedule('p', clientId, { kind: 'checkIn', rule: { kind: 'weekly', time: '19:00' }, paused: false });
        const repo = new ClientRepository(store, clock);
        await repo.saveProfile(clientId, { preferredName: 'Zephyrine' });
        const alerts = new AlertService({ store, directory: new StoreCareTeamDirectory(programmes), logger: createLogger('silent'), clock, ackTimeoutMinutes: 15 });
        const raised = await alerts.raise({
          clientKey: `${identity.channelId}:${identity.userId}`,
          clientId,
          clientName: 'Zephyrine',
          channelId: identity.channelId,
          channelUserId: identity.userId,
          language: 'en',
          level: 'concern',
          categories: ['self_harm_suicide'],
          evidence: ['wish I could disappear'],
          conversationReference: { user: { id: identity.userId, name: 'Zephyrine Q' } },
        });
        const audit = new AccessAuditStore(store, clock);
        await audit.record({ programmeId: 'p', actor: 'ana', via: 'teams', clientId, action: 'summary', outcome: 'allowed', basis: 'assigned' });

        const keepers = [new AlertErasure(store, clock), audit, new ClientUnlinking(programmes, store, clock)];
        const report = await new ClientRepository(store, clock, keepers).deleteEverything(clientId, [], identity);
        assert.deepEqual(report.kept, { safetyAlerts: 1, accessAudit: 1, programmeRecord: 1 });
        assert.equal(report.profile, 1);

        const alert = (await store.read<Alert>(CONTAINERS.alerts, raised.alertId, raised.alertId))!.body;
        assert.ok(alert.clientId?.startsWith(PSEUDONYM_PREFIX));
        assert.equal(alert.status, 'open');
        const [entry] = await audit.page('p', {}, { limit: 200 }).then((p) => p.items);
        assert.equal(entry.clientId, alert.clientId, 'one pseudonym per deletion, so kept records still belong together');

        const record = await programmes.getClient('p', clientId);
        assert.equal(record?.chat, undefined);
        assert.equal(record?.status, 'enrolled');
        assert.ok(record?.dataDeletedAt);
        assert.equal(await programmes.clientForChat(identity.channelId, identity.userId), undefined);
        assert.equal(await store.read(CONTAINERS.programmes, chatLinkPartition(identity.channelId, identity.userId), 'pointer'), undefined);
        assert.deepEqual(await programmes.listSchedules('p', clientId), []);

        const exported = await repo.exportEverything(clientId, []);
        assert.deepEqual([exported.records, exported.related], [[], []]);
        for (const container of CONTAINER_NAMES) {
          const docs = await store.query(container, {});
          const raw = JSON.stringify(docs.map((d) => d.body));
          for (const gone of ['Zephyrine', identity.userId, 'disappear']) assert.ok(!raw.includes(gone), `${container} holds no "${gone}"`);
        }
      } finally {
        await dispose();
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
