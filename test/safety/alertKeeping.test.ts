/**
 * Safety alerts through "delete my data" and after they close, on both stores: erasure strips the client
 * and keeps the clinical record (and its outbox) working; closed alerts leave after their programme's
 * retention, open ones never (fake clock).
 */
import assert from 'node:assert/strict';
import { createLogger } from '../../src/logger';
import { Alert, Delivery } from '../../src/safety/escalation/alert';
import { AlertChannel } from '../../src/safety/escalation/alertChannel';
import { AlertErasure, eraseClient } from '../../src/safety/escalation/alertErasure';
import { alertCard } from '../../src/safety/escalation/teamsChannel';
import { t } from '../../src/i18n';
import { AlertRetention } from '../../src/safety/escalation/alertRetention';
import { AlertService, RaiseInput } from '../../src/safety/escalation/alertService';
import { CareTeamDirectory, ConfigCareTeamDirectory } from '../../src/safety/escalation/careTeamDirectory';
import { AlertOutboxWorker } from '../../src/safety/escalation/outboxWorker';
import { CONTAINERS } from '../../src/storage/containers';
import { DocumentStore } from '../../src/storage/documentStore';
import { CosmosTestServer, createTestCosmosStore, startCosmosServer } from '../support/cosmosServer';
import { tempStore } from '../support/tempStore';
import { SETTINGS } from './settings';

const DAY = 24 * 60 * 60 * 1000;

class Recorder implements AlertChannel {
  readonly sent: Array<{ stage: string; excerpt: string; clientName?: string; clientId?: string }> = [];
  failing = false;
  constructor(readonly channel: Delivery['channel']) {}
  async send(alert: Alert, delivery: Delivery): Promise<void> {
    if (this.failing) throw new Error('receiver down');
    this.sent.push({ stage: delivery.stage, excerpt: alert.excerpt, clientName: alert.clientName, clientId: alert.clientId });
  }
}

const raise = (userId: string, clientId: string, name: string): RaiseInput => ({
  clientKey: `webchat:${userId}`,
  clientId,
  clientName: name,
  channelId: 'webchat',
  channelUserId: userId,
  language: 'en',
  level: 'urgent',
  categories: ['self_harm_suicide'],
  evidence: ['I am going to kill myself tonight'],
  conversationReference: { user: { id: userId, name }, conversation: { id: `conv-${userId}` } },
});

function suite(name: string, open: () => Promise<{ store: DocumentStore; dispose(): Promise<void> }>) {
  describe(`safety alerts kept through deletion and retention (${name})`, function () {
    this.timeout(30000);
    let handle: { store: DocumentStore; dispose(): Promise<void> };
    let now: number;
    const clock = { now: () => new Date(now) };
    const logger = createLogger('silent');
    let retentionDays: number | undefined;
    // The configured programme, with the retention the test sets.
    const config = new ConfigCareTeamDirectory(SETTINGS);
    const directory: CareTeamDirectory = {
      programmeFor: () => config.programmeFor(),
      programme: async (id) => {
        const contacts = await config.programme(id);
        return contacts && { ...contacts, ...(retentionDays ? { closedAlertRetentionDays: retentionDays } : {}) };
      },
      clinicianFor: (c, u) => config.clinicianFor(c, u),
      clinician: (p, c) => config.clinician(p, c),
      isCareTeamMember: (a) => config.isCareTeamMember(a),
      defaultProgramme: () => config.defaultProgramme(),
      deliveryProblems: () => config.deliveryProblems(),
    };
    let teams: Recorder;
    let webhook: Recorder;
    let alerts: AlertService;
    let worker: AlertOutboxWorker;

    beforeEach(async () => {
      handle = await open();
      now = Date.parse('2026-03-01T09:00:00Z');
      retentionDays = undefined;
      teams = new Recorder('teams');
      webhook = new Recorder('webhook');
      alerts = new AlertService({ store: handle.store, directory, logger, clock, ackTimeoutMinutes: 15 });
      worker = new AlertOutboxWorker({
        store: handle.store,
        alerts,
        directory,
        channels: [teams, webhook],
        logger,
        clock,
        ackTimeoutMinutes: 15,
        retryBaseMs: 1000,
        pollMs: 1000,
        retention: new AlertRetention({ store: handle.store, directory, logger, clock }),
        retentionSweepMs: 0,
      });
    });
    afterEach(async () => handle.dispose());

    it('erasure strips the client from an alert still owed, which is then delivered and escalated as before', async () => {
      teams.failing = webhook.failing = true;
      const mine = await alerts.raise(raise('client-1', 'rec-1', 'Zephyrine'));
      const other = await alerts.raise(raise('client-9', 'c9', 'Olwen'));
      await worker.tick();
      assert.equal(teams.sent.length + webhook.sent.length, 0, 'the receivers are down');

      const changed = await new AlertErasure(handle.store, clock).forgetClient({ clientId: 'rec-1', identity: { channelId: 'webchat', userId: 'client-1' }, pseudonym: 'erased-p1' });
      assert.equal(changed, 1);
      const stored = (await handle.store.read<Alert>(CONTAINERS.alerts, mine.alertId, mine.alertId))!.body;
      const raw = JSON.stringify(stored);
      for (const gone of ['kill myself', 'Zephyrine', 'client-1', 'conv-client-1', 'rec-1']) assert.ok(!raw.includes(gone), `"${gone}" is gone`);
      assert.deepEqual([stored.clientId, stored.clientKey, stored.channelUserId, stored.excerpt], ['erased-p1', 'erased-p1', 'erased-p1', '']);
      assert.deepEqual([stored.level, stored.categories, stored.status, stored.stage], ['urgent', ['self_harm_suicide'], 'open', 'primary']);
      assert.ok(stored.audit.some((e) => e.event === 'failed'), 'the delivery audit so far is kept');
      assert.equal(stored.audit.at(-1)?.event, 'client_erased');
      assert.ok(stored.deliveries.every((d) => d.status === 'pending'), 'nothing cancelled');
      const untouched = (await handle.store.read<Alert>(CONTAINERS.alerts, other.alertId, other.alertId))!.body;
      assert.equal(untouched.clientName, 'Olwen');

      // The receivers come back: the owed notifications go out, without the client.
      teams.failing = webhook.failing = false;
      now += 60_000;
      await worker.tick();
      const forMine = [...teams.sent, ...webhook.sent].filter((s) => s.clientId === 'erased-p1');
      assert.ok(forMine.length >= 2, 'delivered on both channels');
      assert.ok(forMine.every((s) => s.excerpt === '' && s.clientName === undefined));
      // Nobody acknowledges: the backup is told.
      now += 16 * 60_000;
      await worker.tick();
      assert.ok(teams.sent.some((s) => s.clientId === 'erased-p1' && s.stage === 'backup'), 'escalated to the backup');
    });

    it("the clinician's Teams card for an erased alert says why the name and words are missing", async () => {
      const raised = await alerts.raise(raise('client-1', 'rec-1', 'Zephyrine'));
      const alert = (await alerts.read(raised.alertId))!.body;
      for (const language of ['en', 'es'] as const) {
        const card = JSON.stringify(alertCard(eraseClient(alert, 'erased-p2', '2026-03-01T10:00:00Z'), alert.deliveries[0], language, 'Europe/Madrid'));
        assert.ok(card.includes(t(language, 'safety.alertCard.erasedClient')) && card.includes(t(language, 'safety.alertCard.excerptErased')));
        assert.ok(card.includes(t(language, 'safety.levels.urgent')), 'the level is still there');
        assert.ok(!card.includes('kill myself') && !card.includes('Zephyrine'));
      }
    });

    it("removes a closed alert once its programme's retention has passed since it closed; never an open one", async () => {
      retentionDays = 30;
      const closed = await alerts.raise(raise('client-1', 'rec-1', 'Zephyrine'));
      const open = await alerts.raise(raise('client-9', 'c9', 'Olwen'));
      await worker.tick();
      assert.equal(await alerts.acknowledge(closed.alertId, 'aad-c1'), 'acknowledged');
      const closedTime = now;

      now = closedTime + 30 * DAY - 1;
      await worker.tick();
      assert.ok(await handle.store.read(CONTAINERS.alerts, closed.alertId, closed.alertId), 'kept until its retention has passed');
      now = closedTime + 30 * DAY;
      await worker.tick();
      assert.equal(await handle.store.read(CONTAINERS.alerts, closed.alertId, closed.alertId), undefined, 'removed after 30 days');
      assert.ok(await handle.store.read(CONTAINERS.alerts, open.alertId, open.alertId), 'the unacknowledged alert stays, however old');

      // Without a programme setting the default (365 days) applies.
      retentionDays = undefined;
      assert.equal(await alerts.acknowledge(open.alertId, 'aad-oncall'), 'acknowledged', 'client-9 has no clinician: the on-call has it');
      const second = now;
      now = second + 364 * DAY;
      await worker.tick();
      assert.ok(await handle.store.read(CONTAINERS.alerts, open.alertId, open.alertId));
      now = second + 365 * DAY;
      await worker.tick();
      assert.equal(await handle.store.read(CONTAINERS.alerts, open.alertId, open.alertId), undefined);
    });
  });
}

suite('SQLite', () => tempStore());

let server: CosmosTestServer | undefined;
suite('Cosmos DB double', async () => {
  server ??= await startCosmosServer();
  const store = await createTestCosmosStore(server);
  return {
    store,
    async dispose() {
      // The double keeps everything in memory: empty the alerts so the next test starts clean.
      for (const doc of await store.query(CONTAINERS.alerts, {})) await store.delete(CONTAINERS.alerts, doc.partitionKey, doc.id);
      await store.close();
    },
  };
});
after(async () => server?.stop());
