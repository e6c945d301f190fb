import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import sinon from 'sinon';
import { createLogger } from '../../src/logger';
import { Alert, Delivery } from '../../src/safety/escalation/alert';
import { AlertChannel, PermanentDeliveryError } from '../../src/safety/escalation/alertChannel';
import { AlertService, RaiseInput } from '../../src/safety/escalation/alertService';
import { SafetySettings } from '../../src/safety/escalation/careTeamConfig';
import { CareTeamDirectory, ConfigCareTeamDirectory } from '../../src/safety/escalation/careTeamDirectory';
import { StoreCareTeamDirectory } from '../../src/programmes/storeCareTeamDirectory';
import { seedLinkedClient } from '../support/linkedClient';
import { AlertOutboxWorker } from '../../src/safety/escalation/outboxWorker';
import { CONTAINERS } from '../../src/storage/containers';
import { SqliteDocumentStore } from '../../src/storage/sqliteStore';
import { SETTINGS } from './settings';

const MINUTE = 60 * 1000;

/** A channel that records what it was asked to send, and fails while `failing` says so. */
class RecordingChannel implements AlertChannel {
  readonly sent: Array<{ key: string; target: string; stage: string; event: string; level: string }> = [];
  failing = 0;
  hang = false;
  /** Targets that refuse every delivery for good (a 404, a refused destination). */
  readonly refusing = new Set<string>();
  readonly refused: string[] = [];
  constructor(readonly channel: Delivery['channel']) {}
  async send(alert: Alert, delivery: Delivery): Promise<void> {
    if (this.hang) return new Promise(() => undefined);
    if (this.refusing.has(delivery.target)) {
      this.refused.push(delivery.target);
      throw new PermanentDeliveryError('webhook answered 404');
    }
    if (this.failing > 0) {
      this.failing--;
      throw new Error('receiver down');
    }
    this.sent.push({ key: delivery.key, target: delivery.target, stage: delivery.stage, event: delivery.event, level: alert.level });
  }
}

const RAISE: RaiseInput = {
  clientKey: 'webchat:client-1',
  channelId: 'webchat',
  channelUserId: 'client-1',
  language: 'en',
  level: 'urgent',
  categories: ['self_harm_suicide'],
  evidence: ['kill myself'],
  conversationReference: { conversation: { id: 'conv-1' } },
};

describe('alert escalation and the outbox (fake clock)', () => {
  let clock: sinon.SinonFakeTimers;
  let dir: string;
  let store: SqliteDocumentStore;
  let teams: RecordingChannel;
  let webhook: RecordingChannel;
  let logs: string[];

  function build(settings: SafetySettings = SETTINGS, options: { leaseMs?: number; random?: () => number; directory?: CareTeamDirectory } = {}) {
    const logger = createLogger(
      'info',
      new Writable({
        write(chunk, _encoding, callback) {
          logs.push(String(chunk));
          callback();
        },
      }),
    );
    const directory = options.directory ?? new ConfigCareTeamDirectory(settings);
    const clockPort = { now: () => new Date() };
      const alerts = new AlertService({ store, directory, logger, clock: clockPort, ackTimeoutMinutes: settings.ackTimeoutMinutes, onStored: () => worker.kick() });
    const worker = new AlertOutboxWorker({
      store,
      alerts,
      directory,
      channels: [teams, webhook],
      logger,
      clock: clockPort,
      ackTimeoutMinutes: settings.ackTimeoutMinutes,
      retryBaseMs: settings.retryBaseSeconds * 1000,
      pollMs: settings.outboxPollMs,
      leaseMs: options.leaseMs,
      // No jitter unless a test asks for it, so retry times are exact.
      random: options.random ?? (() => 0),
    });
    return { alerts, worker };
  }

  async function stored(alertId: string): Promise<Alert> {
    return (await store.read<Alert>(CONTAINERS.alerts, alertId, alertId))!.body;
  }

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: Date.parse('2026-03-01T09:00:00Z'), toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    dir = mkdtempSync(join(tmpdir(), 'ipt-escalation-'));
    store = new SqliteDocumentStore({ dataDir: dir });
    teams = new RecordingChannel('teams');
    webhook = new RecordingChannel('webhook');
    logs = [];
  });

  afterEach(async () => {
    clock.restore();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('unacknowledged: the assigned clinician, then the backup, then the on-call, each once', async () => {
    const { alerts, worker } = build();
    worker.start();
    const { alertId } = await alerts.raise(RAISE);
    await clock.tickAsync(0);
    assert.deepEqual(teams.sent.map((s) => [s.target, s.stage, s.event]), [['aad-c1', 'primary', 'alert.created']]);
    assert.deepEqual(webhook.sent.map((s) => [s.target, s.stage]), [['http://127.0.0.1:9/unused', 'primary']]);

    await clock.tickAsync(14 * MINUTE);
    assert.equal(teams.sent.length, 1, 'nothing before the acknowledgement timeout');
    await clock.tickAsync(1 * MINUTE + 5000);
    assert.deepEqual(teams.sent.map((s) => s.target), ['aad-c1', 'aad-c2'], 'the backup after 15 minutes');
    assert.equal(teams.sent[1].event, 'alert.escalated');

    await clock.tickAsync(15 * MINUTE + 5000);
    assert.deepEqual(teams.sent.map((s) => s.target), ['aad-c1', 'aad-c2', 'aad-oncall'], 'then the on-call');

    await clock.tickAsync(3 * 60 * MINUTE);
    assert.deepEqual(teams.sent.map((s) => s.target), ['aad-c1', 'aad-c2', 'aad-oncall'], 'each once, however long it stays open');
    assert.equal(webhook.sent.length, 3, 'the programme webhook hears of each stage once');
    assert.equal(new Set([...teams.sent, ...webhook.sent].map((s) => s.key)).size, 6, 'one idempotency key per notification');

    const alert = await stored(alertId);
    assert.deepEqual(
      alert.audit.filter((e) => e.event === 'escalated').map((e) => e.stage),
      ['backup', 'oncall', 'exhausted'],
    );
    assert.equal(alert.audit.filter((e) => e.event === 'delivered').length, 6);
    assert.equal(alert.nextActionAt, null, 'nothing left to do');
    await worker.stop();
  });

  it('an acknowledgement by the assigned clinician stops the escalation; anyone else is refused', async () => {
    const { alerts, worker } = build();
    worker.start();
    const { alertId } = await alerts.raise(RAISE);
    await clock.tickAsync(0);
    assert.equal(await alerts.acknowledge(alertId, 'aad-stranger'), 'refused');
    assert.equal(await alerts.acknowledge(alertId, 'aad-oncall'), 'refused', 'the on-call only once it reached them');
    assert.equal(await alerts.acknowledge(alertId, undefined), 'refused');
    assert.equal(await alerts.acknowledge(alertId, 'aad-c1'), 'acknowledged');
    assert.equal(await alerts.acknowledge(alertId, 'aad-c2'), 'already');
    await clock.tickAsync(2 * 60 * MINUTE);
    assert.deepEqual(teams.sent.map((s) => s.target), ['aad-c1']);
    const alert = await stored(alertId);
    assert.equal(alert.status, 'acknowledged');
    assert.equal(alert.acknowledgedBy, 'c1');
    assert.deepEqual(alert.audit.filter((e) => e.event === 'acknowledge_refused').map((e) => e.by), ['aad-stranger', 'aad-oncall', 'unknown']);
    assert.equal(alert.audit.filter((e) => e.event === 'acknowledged').length, 1);
    await worker.stop();
  });

  it('the backup clinician can acknowledge once it reached them', async () => {
    const { alerts, worker } = build();
    worker.start();
    const { alertId } = await alerts.raise(RAISE);
    await clock.tickAsync(15 * MINUTE + 5000);
    assert.equal(await alerts.acknowledge(alertId, 'aad-c2'), 'acknowledged');
    await clock.tickAsync(60 * MINUTE);
    assert.deepEqual(teams.sent.map((s) => s.target), ['aad-c1', 'aad-c2']);
    await worker.stop();
  });

  it('repeated risk messages update the open alert without notifying; a rise from concern to urgent notifies again', async () => {
    const { alerts, worker } = build();
    worker.start();
    const first = await alerts.raise({ ...RAISE, level: 'concern', evidence: ['wish I was dead'] });
    await clock.tickAsync(0);
    const again = await alerts.raise({ ...RAISE, level: 'concern', previousAlertId: first.alertId, evidence: ['better off without me'] });
    await clock.tickAsync(0);
    assert.equal(again.alertId, first.alertId);
    assert.equal(again.notifies, false);
    assert.equal(teams.sent.length, 1);
    const raised = await alerts.raise({ ...RAISE, level: 'urgent', previousAlertId: first.alertId, evidence: ['tonight'] });
    await clock.tickAsync(0);
    assert.equal(raised.alertId, first.alertId);
    assert.deepEqual(teams.sent.map((s) => [s.level, s.event]), [['concern', 'alert.created'], ['urgent', 'alert.raised']]);
    const alert = await stored(first.alertId);
    assert.equal(alert.excerpt, 'wish I was dead … better off without me … tonight');
    assert.deepEqual(alert.audit.map((e) => e.event).filter((e) => e !== 'delivered'), ['created', 'updated', 'raised']);
    await worker.stop();
  });

  it('retries a failed delivery with exponential backoff until it is delivered', async () => {
    const { alerts, worker } = build();
    webhook.failing = 3;
    worker.start();
    const { alertId } = await alerts.raise(RAISE);
    await clock.tickAsync(0);
    assert.equal(webhook.sent.length, 0);
    await clock.tickAsync(10_000); // retry 1 after 10 s: fails
    await clock.tickAsync(20_000); // retry 2 after 20 s more: fails
    assert.equal(webhook.sent.length, 0);
    await clock.tickAsync(40_000); // retry 3 after 40 s more: delivered
    assert.equal(webhook.sent.length, 1);
    const delivery = (await stored(alertId)).deliveries.find((d) => d.channel === 'webhook')!;
    assert.equal(delivery.status, 'delivered');
    assert.equal(delivery.attempts, 4);
    assert.equal((await stored(alertId)).audit.filter((e) => e.event === 'failed').length, 3);
    await worker.stop();
  });

  it('a sender that died after claiming a delivery: it is sent again after the lease, with the same idempotency key', async () => {
    const first = build(SETTINGS, { leaseMs: 60_000 });
    teams.hang = true; // the send never returns, as if the process died mid-send
    const { alertId } = await first.alerts.raise(RAISE);
    void first.worker.process(alertId);
    await clock.tickAsync(0);
    const claimed = (await stored(alertId)).deliveries.find((d) => d.channel === 'teams')!;
    assert.equal(claimed.status, 'sending');

    teams.hang = false;
    const second = build(SETTINGS, { leaseMs: 60_000 });
    await second.worker.process(alertId);
    assert.equal(teams.sent.length, 0, 'not while the claim holds');
    await clock.tickAsync(61_000);
    await second.worker.process(alertId);
    assert.deepEqual(teams.sent.map((s) => s.key), [claimed.key]);
    assert.equal((await stored(alertId)).deliveries.find((d) => d.channel === 'teams')!.status, 'delivered');
  });

  it('two workers at once send each notification once (eTag-conditional claims)', async () => {
    const a = build();
    const b = build();
    const { alertId } = await a.alerts.raise(RAISE);
    await Promise.all([a.worker.process(alertId), b.worker.process(alertId), a.worker.process(alertId), b.worker.process(alertId)]);
    assert.equal(teams.sent.length, 1);
    assert.equal(webhook.sent.length, 1);
  });

  it('a client with no clinician goes to the on-call, who can acknowledge', async () => {
    const { alerts, worker } = build();
    const { alertId } = await alerts.raise({ ...RAISE, channelUserId: 'anonymous-webchat-user' });
    await worker.tick();
    assert.deepEqual(teams.sent.map((s) => [s.target, s.stage]), [['aad-oncall', 'oncall']]);
    assert.equal(await alerts.acknowledge(alertId, 'aad-oncall'), 'acknowledged');
  });

  it('with no programme at all the alert is stored, a log line (without text) says no one could be notified', async () => {
    const { alerts, worker } = build({ ...SETTINGS, programme: undefined });
    const { alertId, routed } = await alerts.raise(RAISE);
    await worker.tick();
    assert.equal(routed, false);
    const alert = await stored(alertId);
    assert.equal(alert.unrouted, true);
    assert.equal(alert.level, 'urgent');
    assert.deepEqual(alert.deliveries, []);
    const line = logs.find((l) => l.includes('no one could be notified'));
    assert.ok(line, 'logged');
    assert.ok(!logs.join('\n').includes('kill myself'), 'never the words');
    assert.equal(teams.sent.length + webhook.sent.length, 0);
  });

  it('jitter only ever brings a retry earlier than the plain backoff (never later)', async () => {
    const { alerts, worker } = build(SETTINGS, { random: () => 0.999 });
    webhook.failing = 1;
    const { alertId } = await alerts.raise(RAISE);
    await worker.tick();
    const retry = (await stored(alertId)).deliveries.find((d) => d.channel === 'webhook')!;
    const waited = retry.nextAttemptAt - Date.now();
    assert.ok(waited >= 8000 && waited < 10_000, `the first retry after 8 to 10 s, not ${waited} ms`);
  });

  it('a permanent failure is not retried, is marked failed, and the next person is told at once', async () => {
    const pager = 'https://pager.example.org/ana';
    const settings: SafetySettings = {
      ...SETTINGS,
      programme: {
        ...SETTINGS.programme!,
        clinicians: [
          { id: 'c1', name: 'Dr Ana Ruiz', webhookUrl: pager, backupId: 'c2' },
          { id: 'c2', name: 'Dr Ben Cole', aadObjectId: 'aad-c2' },
        ],
      },
    };
    const { alerts, worker } = build(settings);
    webhook.refusing.add(pager);
    worker.start();
    const { alertId } = await alerts.raise(RAISE);
    await clock.tickAsync(0);
    assert.deepEqual(teams.sent.map((s) => [s.target, s.stage]), [['aad-c2', 'backup']], 'the backup at once, not after 15 minutes');
    await clock.tickAsync(60 * MINUTE);
    assert.deepEqual(webhook.refused, [pager], 'tried once, never again');
    const alert = await stored(alertId);
    const refused = alert.deliveries.find((d) => d.target === pager)!;
    assert.equal(refused.status, 'failed');
    assert.equal(refused.attempts, 1);
    const failed = alert.audit.find((e) => e.event === 'failed' && e.deliveryKey === refused.key);
    assert.match(String(failed?.detail), /permanent/);
    const escalation = alert.audit.find((e) => e.event === 'escalated');
    assert.equal(escalation?.stage, 'backup');
    assert.match(String(escalation?.detail), /cannot be reached/);
    assert.equal(alert.audit.filter((e) => e.event === 'escalated')[0].at, alert.createdAt, 'escalated the moment it failed');
    await worker.stop();
  });

  it("a refused on-call with no one after it: the alert is marked exhausted at once, with nothing left to retry", async () => {
    const pager = 'https://pager.example.org/oncall';
    const settings: SafetySettings = { ...SETTINGS, programme: { ...SETTINGS.programme!, webhookUrl: undefined, onCall: { name: 'On-call', webhookUrl: pager } } };
    const { alerts, worker } = build(settings);
    webhook.refusing.add(pager);
    const { alertId } = await alerts.raise({ ...RAISE, channelUserId: 'anonymous-webchat-user' });
    await worker.tick();
    const alert = await stored(alertId);
    assert.equal(alert.stage, 'exhausted');
    assert.deepEqual(webhook.refused, [pager]);
    assert.equal(alert.nextActionAt, null, 'nothing left to retry');
  });

  it("the programme's ackTimeoutMinutes drives its escalation, not the service default", async () => {
    const { programmes } = await seedLinkedClient(store, { now: () => new Date() }, { channelId: 'webchat', userId: 'client-1' });
    await programmes.updateProgramme('p', { ackTimeoutMinutes: 5, onCall: { name: 'Night desk', aadObjectId: '0f8fad5b-d9cb-469f-a165-70867728950e' } });
    const directory = new StoreCareTeamDirectory(programmes);
    const { alerts, worker } = build({ ...SETTINGS, ackTimeoutMinutes: 30 }, { directory });
    worker.start();
    const { alertId } = await alerts.raise(RAISE);
    await clock.tickAsync(0);
    assert.equal(teams.sent.length, 1, 'the clinician');
    await clock.tickAsync(4 * MINUTE);
    assert.equal(teams.sent.length, 1, 'not before 5 minutes');
    await clock.tickAsync(1 * MINUTE + 5000);
    assert.deepEqual(teams.sent.map((s) => s.stage), ['primary', 'oncall'], 'no backup: the on-call after the programme\'s 5 minutes, not the default 30');
    const alert = await stored(alertId);
    assert.equal(alert.ackTimeoutMinutes, 5);
    assert.match(String(alert.audit.find((e) => e.event === 'escalated')?.detail), /within 5 minutes/);
    await worker.stop();
  });

  it('a programme that sets no ackTimeoutMinutes follows SAFETY_ACK_TIMEOUT_MINUTES', async () => {
    const { programmes } = await seedLinkedClient(store, { now: () => new Date() }, { channelId: 'webchat', userId: 'client-1' });
    await programmes.updateProgramme('p', { ackTimeoutMinutes: null, onCall: { name: 'Night desk', aadObjectId: '0f8fad5b-d9cb-469f-a165-70867728950e' } });
    const { alerts, worker } = build({ ...SETTINGS, ackTimeoutMinutes: 30 }, { directory: new StoreCareTeamDirectory(programmes) });
    worker.start();
    const { alertId } = await alerts.raise(RAISE);
    await clock.tickAsync(29 * MINUTE);
    assert.equal(teams.sent.length, 1, 'only the clinician before 30 minutes');
    await clock.tickAsync(1 * MINUTE + 5000);
    assert.deepEqual(teams.sent.map((s) => s.stage), ['primary', 'oncall']);
    assert.equal((await stored(alertId)).ackTimeoutMinutes, undefined);
    await worker.stop();
  });
});
