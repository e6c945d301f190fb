import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { Alert } from '../../src/safety/escalation/alert';
import { verifiedByReceiver } from '../support/webhookReceiver';
import { CaptureServer, CapturedRequest } from '../support/captureServer';
import { say, startTestService, TestService } from '../support/service';

const SECRET = 'e2e-webhook-secret-0123456789';
const MINUTE = 60 * 1000;

interface CardActivity {
  attachments?: Array<{ contentType: string; content: { body: Array<{ type: string; text?: string; facts?: Array<{ title: string; value: string }> }>; actions: Array<{ data: { action: string; alertId: string } }> } }>;
}

function card(request: CapturedRequest) {
  const attachment = (request.body as CardActivity).attachments?.[0];
  assert.equal(attachment?.contentType, 'application/vnd.microsoft.card.adaptive');
  return attachment!.content;
}

describe('safety escalation end to end (service on port 0, Teams and webhook receivers)', function () {
  this.timeout(30000);
  let teams: CaptureServer;
  let webhook: CaptureServer;
  let service: TestService;
  let offset = 0;

  const clinician = (n: 1 | 2, extra: Record<string, unknown> = {}) => ({
    channelId: 'msteams',
    serviceUrl: teams.url,
    conversation: { id: `teams-conv-c${n}`, conversationType: 'personal' },
    from: { id: `29:clinician-${n}`, aadObjectId: `aad-c${n}`, role: 'user' },
    ...extra,
  });

  before(async () => {
    teams = new CaptureServer();
    webhook = new CaptureServer();
    await teams.start();
    await webhook.start();
    service = await startTestService(
      {
        SAFETY_PROGRAMME_ID: 'prog-e2e',
        SAFETY_WEBHOOK_URL: `${webhook.url}/alerts`,
        SAFETY_WEBHOOK_SECRET: SECRET,
        SAFETY_CLINICIANS: JSON.stringify([
          { id: 'c1', name: 'Dr Ana Ruiz', aadObjectId: 'aad-c1', backupId: 'c2' },
          { id: 'c2', name: 'Dr Ben Cole', aadObjectId: 'aad-c2' },
        ]),
        SAFETY_CLIENT_CLINICIAN: JSON.stringify({ 'client-1': 'c1', 'client-2': 'c1' }),
        SAFETY_OUTBOX_POLL_MS: '50',
        SAFETY_RETRY_BASE_SECONDS: '0.1',
      },
      { clock: { now: () => new Date(Date.now() + offset) } },
    );
  });

  after(async () => {
    await service?.dispose();
    await teams?.stop();
    await webhook?.stop();
  });

  it('delivers the alert card and the signed webhook; only the assigned clinician can acknowledge, which stops re-escalation', async () => {
    // The clinicians write to the bot once, so it knows their Teams conversations.
    await say(service.url, { ...clinician(1), text: 'hello' });
    await say(service.url, { ...clinician(2), text: 'hello' });
    const before = teams.requests.length;

    const crisis = await say(service.url, { from: { id: 'client-1' }, conversation: { id: 'client-1-conv' }, localTimezone: 'America/New_York', text: 'I want to kill myself tonight' });
    assert.ok(crisis.texts.some((text) => text.includes('988')), 'the client gets the crisis lines in the same turn');

    // Teams: a proactive card to Dr Ruiz's conversation.
    const cards = (await teams.waitFor(before + 1)).slice(before).filter((r) => r.path.startsWith('/v3/conversations/teams-conv-c1/activities'));
    assert.equal(cards.length, 1);
    const content = card(cards[0]);
    const facts = content.body.find((b) => b.type === 'FactSet')!.facts!;
    assert.deepEqual(facts.find((f) => f.title === 'Level')?.value, t('en', 'safety.levels.urgent'));
    assert.ok(content.body.some((b) => b.text?.includes('kill myself')), 'the card shows the excerpt');
    const { action, alertId } = content.actions[0].data;
    assert.equal(action, 'acknowledgeAlert');

    // Webhook: signed, idempotency key, no excerpt by default.
    const [hook] = await webhook.waitFor(1);
    assert.equal(hook.path, '/alerts');
    const raw = JSON.stringify(hook.body);
    assert.ok(verifiedByReceiver(SECRET, hook, raw), 'a Standard Webhooks receiver verifies the signature');
    assert.ok(!verifiedByReceiver('another-secret-0123456789', hook, raw), 'and refuses it with another secret');
    assert.ok(!verifiedByReceiver(SECRET, { ...hook, headers: { ...hook.headers, 'webhook-id': 'replayed-under-another-id' } }, raw), 'the id is signed');
    const payload = hook.body as { alertId: string; level: string; event: string; idempotencyKey: string; excerpt?: string };
    assert.equal(payload.alertId, alertId);
    assert.equal(payload.level, 'urgent');
    assert.equal(payload.event, 'alert.created');
    assert.equal(hook.headers['idempotency-key'], payload.idempotencyKey);
    assert.equal(payload.excerpt, undefined, 'no excerpt unless the programme says so');
    assert.ok(!raw.includes('kill myself'));

    // Someone else presses Acknowledge: refused.
    const stranger = await say(service.url, {
      channelId: 'msteams',
      serviceUrl: teams.url,
      conversation: { id: 'teams-conv-x', conversationType: 'personal' },
      from: { id: '29:stranger', aadObjectId: 'aad-stranger' },
      value: { action: 'acknowledgeAlert', alertId },
    });
    assert.deepEqual(stranger.texts, [t('en', 'safety.ack.refused')]);

    // Dr Ruiz acknowledges.
    const ack = await say(service.url, { ...clinician(1), value: { action: 'acknowledgeAlert', alertId } });
    assert.deepEqual(ack.texts, [t('en', 'safety.ack.acknowledged')]);

    // A second client's alert is left unacknowledged; then the acknowledgement timeout passes.
    const sent = teams.requests.length;
    await say(service.url, { from: { id: 'client-2' }, conversation: { id: 'client-2-conv' }, text: 'I am going to end my life' });
    await teams.waitFor(sent + 1);
    const secondAlertId = card(teams.requests[sent]).actions[0].data.alertId;
    offset += 16 * MINUTE;
    const toBackup = async () => teams.requests.filter((r) => r.path.startsWith('/v3/conversations/teams-conv-c2/activities') && card(r).actions[0].data.alertId);
    await teams.waitFor(sent + 2);
    const backupCards = (await toBackup()).map((r) => card(r).actions[0].data.alertId);
    assert.deepEqual(backupCards, [secondAlertId], 'the unacknowledged alert went to the backup; the acknowledged one did not');
    const acknowledged = (await service.store.read<Alert>('alerts', alertId, alertId))!.body;
    assert.equal(acknowledged.status, 'acknowledged');
    assert.equal(acknowledged.acknowledgedBy, 'c1');
    assert.equal(acknowledged.nextActionAt, null, 'nothing is left to send or escalate for it');
    assert.deepEqual(
      acknowledged.audit.map((e) => e.event).sort(),
      ['acknowledge_refused', 'acknowledged', 'created', 'delivered', 'delivered'],
      'the audit trail: created, delivered on both channels, a refused acknowledgement, acknowledged',
    );
  });
});

describe('safety escalation with no programme configured', () => {
  it('still answers the client and stores the alert, and /readyz reports that no one could be notified', async () => {
    const service = await startTestService();
    try {
      const before = await fetch(`${service.url}/readyz`);
      assert.equal(before.status, 503, 'not ready: a client in crisis would reach no one');
      const beforeBody = (await before.json()) as { checks: Array<{ name: string; ok: boolean; reason?: string }> };
      assert.match(String(beforeBody.checks.find((c) => c.name === 'safetyEscalation')?.reason), /linked to no programme reach no one/);
      const crisis = await say(service.url, { from: { id: 'lonely-client' }, conversation: { id: 'lonely-conv' }, localTimezone: 'America/New_York', text: 'I want to kill myself' });
      assert.ok(crisis.texts.some((text) => text.includes('988')));
      assert.ok(!crisis.texts.some((text) => text.startsWith(t('en', 'safety.careTeamTold'))), 'no promise that someone was told');
      assert.ok(crisis.texts.includes(t('en', 'safety.careTeamNobody')), 'told plainly that nobody could be notified');
      const alerts = await service.store.query<{ unrouted: boolean; level: string }>('alerts', {});
      assert.deepEqual(alerts.map((a) => [a.body.level, a.body.unrouted]), [['urgent', true]]);
      const ready = await fetch(`${service.url}/readyz`);
      assert.equal(ready.status, 503);
      const body = (await ready.json()) as { checks: Array<{ name: string; ok: boolean; reason?: string }> };
      const check = body.checks.find((c) => c.name === 'safetyEscalation');
      assert.equal(check?.ok, false);
      assert.match(String(check?.reason), /no one could be notified/);
    } finally {
      await service.dispose();
    }
  });
});
