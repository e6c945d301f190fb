import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Alert } from '../../src/safety/escalation/alert';
import { CONTAINERS } from '../../src/storage/containers';
import { SqliteDocumentStore } from '../../src/storage/sqliteStore';
import { CaptureServer } from '../support/captureServer';
import { say } from '../support/service';
import { startServiceProcess } from '../support/serviceProcess';

describe('a crash between storing an alert and delivering it', function () {
  this.timeout(60000);
  const dataDir = mkdtempSync(join(tmpdir(), 'ipt-safety-crash-'));
  const teams = new CaptureServer();
  const webhook = new CaptureServer();
  let up = false;
  const accepted = { teams: [] as string[], webhook: [] as string[] };

  before(async () => {
    for (const [name, server] of [['teams', teams], ['webhook', webhook]] as const) {
      // Down (503) until the service has crashed; then each successful receipt is counted by idempotency key.
      server.respond = (request, res) => {
        if (!up) {
          res.writeHead(503);
          res.end();
          return;
        }
        const key = name === 'webhook' ? String(request.headers['idempotency-key']) : String((request.body as { channelData?: { idempotencyKey?: string } }).channelData?.idempotencyKey);
        accepted[name].push(key);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `ok-${accepted[name].length}` }));
      };
      await server.start();
    }
  });

  after(async () => {
    await teams.stop();
    await webhook.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is delivered after a restart on the same data folder, exactly once per channel (SIGKILL)', async () => {
    const env = {
      DATA_DIR: dataDir,
      SAFETY_WEBHOOK_URL: `${webhook.url}/hook`,
      SAFETY_WEBHOOK_SECRET: 'crash-test-secret-0123456789',
      SAFETY_CLINICIANS: JSON.stringify([{ id: 'c1', name: 'Dr Ana Ruiz', aadObjectId: 'aad-c1' }]),
      SAFETY_CLIENT_CLINICIAN: JSON.stringify({ 'crash-client': 'c1' }),
      SAFETY_OUTBOX_POLL_MS: '100',
      SAFETY_RETRY_BASE_SECONDS: '0.2',
      // A claim on a delivery lasts 2 × 1 s + 1 s: the restarted service retries what the killed one had claimed.
      SAFETY_SEND_TIMEOUT_SECONDS: '1',
    };
    const first = await startServiceProcess(env);
    try {
      await say(first.url, { channelId: 'msteams', serviceUrl: teams.url, conversation: { id: 'teams-c1', conversationType: 'personal' }, from: { id: '29:c1', aadObjectId: 'aad-c1' }, text: 'hi' });
      const crisis = await say(first.url, { from: { id: 'crash-client' }, conversation: { id: 'crash-conv' }, localTimezone: 'America/New_York', text: 'I want to kill myself' });
      assert.ok(crisis.texts.some((text) => text.includes('988')));
      // The first attempts reached the (down) receivers: the alert is on disk and nothing has been delivered.
      await webhook.waitFor(1);
      await teams.waitFor(1);
    } finally {
      assert.equal(await first.stop('SIGKILL'), null, 'killed, not exited');
    }
    assert.deepEqual(accepted, { teams: [], webhook: [] });

    up = true;
    const second = await startServiceProcess(env);
    try {
      const deadline = Date.now() + 15000;
      while ((accepted.teams.length < 1 || accepted.webhook.length < 1) && Date.now() < deadline) {
        await Promise.race([teams.waitFor(teams.requests.length + 1, 500).catch(() => undefined), webhook.waitFor(webhook.requests.length + 1, 500).catch(() => undefined)]);
      }
    } finally {
      assert.equal(await second.stop('SIGTERM'), 0);
    }
    assert.equal(accepted.teams.length, 1, 'the Teams card once');
    assert.equal(accepted.webhook.length, 1, 'the webhook once');

    const store = new SqliteDocumentStore({ dataDir });
    try {
      const [alert] = (await store.query<Alert>(CONTAINERS.alerts, {})).map((d) => d.body);
      assert.equal(alert.level, 'urgent');
      assert.deepEqual(alert.deliveries.map((d) => [d.channel, d.status]).sort(), [['teams', 'delivered'], ['webhook', 'delivered']]);
      assert.deepEqual(alert.deliveries.map((d) => d.key).sort(), [accepted.teams[0], accepted.webhook[0]].sort(), 'the same idempotency keys as stored');
      assert.equal(alert.audit.filter((e) => e.event === 'delivered').length, 2);
      for (const delivery of alert.deliveries) assert.ok(delivery.attempts >= 2, 'tried before the crash, delivered after it');
    } finally {
      await store.close();
    }
    const logs = [...second.lines].join('\n');
    assert.ok(!logs.includes('kill myself'), 'logs never carry the words');
  });
});
