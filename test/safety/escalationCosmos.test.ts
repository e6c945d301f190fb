import assert from 'node:assert/strict';
import { createLogger } from '../../src/logger';
import { Alert, Delivery } from '../../src/safety/escalation/alert';
import { AlertChannel } from '../../src/safety/escalation/alertChannel';
import { AlertService } from '../../src/safety/escalation/alertService';
import { ConfigCareTeamDirectory } from '../../src/safety/escalation/careTeamDirectory';
import { AlertOutboxWorker } from '../../src/safety/escalation/outboxWorker';
import { CONTAINERS } from '../../src/storage/containers';
import { CosmosDocumentStore } from '../../src/storage/cosmosStore';
import { CosmosTestServer, createTestCosmosStore, startCosmosServer } from '../support/cosmosServer';
import { SETTINGS } from './settings';

class Recorder implements AlertChannel {
  readonly sent: string[] = [];
  constructor(readonly channel: Delivery['channel']) {}
  async send(_alert: Alert, delivery: Delivery): Promise<void> {
    this.sent.push(`${delivery.stage}:${delivery.target}`);
  }
}

describe('alerts and their outbox on Cosmos DB (@vercel/cosmosdb-server)', function () {
  this.timeout(30000);
  let server: CosmosTestServer;
  let store: CosmosDocumentStore;
  before(async () => {
    server = await startCosmosServer();
    store = await createTestCosmosStore(server);
  });
  after(async () => {
    await store?.close();
    await server?.stop();
  });

  it('stores, delivers once with two workers, escalates when due, and stops after an acknowledgement', async () => {
    let now = Date.parse('2026-03-01T09:00:00Z');
    const clock = { now: () => new Date(now) };
    const logger = createLogger('silent');
    const directory = new ConfigCareTeamDirectory(SETTINGS);
    const teams = new Recorder('teams');
    const webhook = new Recorder('webhook');
    const alerts = new AlertService({ store, directory, logger, clock, ackTimeoutMinutes: 15 });
    const worker = () => new AlertOutboxWorker({ store, alerts, directory, channels: [teams, webhook], logger, clock, ackTimeoutMinutes: 15, retryBaseMs: 1000, pollMs: 1000 });
    const [a, b] = [worker(), worker()];

    const first = await alerts.raise({
      clientKey: 'webchat:client-1',
      channelId: 'webchat',
      channelUserId: 'client-1',
      language: 'en',
      level: 'urgent',
      categories: ['self_harm_suicide'],
      evidence: ['kill myself'],
      conversationReference: {},
    });
    // client-2 has no clinician: straight to the on-call.
    const second = await alerts.raise({
      clientKey: 'webchat:client-2',
      channelId: 'webchat',
      channelUserId: 'client-2',
      language: 'en',
      level: 'concern',
      categories: [],
      evidence: [],
      conversationReference: {},
    });
    await Promise.all([a.tick(), b.tick()]);
    assert.deepEqual(teams.sent.sort(), ['oncall:aad-oncall', 'primary:aad-c1']);
    assert.equal(webhook.sent.length, 2);

    assert.equal(await alerts.acknowledge(first.alertId, 'aad-c1'), 'acknowledged');
    now += 16 * 60 * 1000;
    await Promise.all([a.tick(), b.tick()]);
    assert.deepEqual(teams.sent.sort(), ['oncall:aad-oncall', 'primary:aad-c1'], 'acknowledged: no backup; the on-call alert had no later stage');
    const stored = (await store.read<Alert>(CONTAINERS.alerts, second.alertId, second.alertId))!.body;
    assert.equal(stored.stage, 'exhausted');
    assert.equal(stored.nextActionAt, null);
  });
});
