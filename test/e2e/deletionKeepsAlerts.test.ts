/**
 * "Delete my data" while a safety alert is still owed: the alert is a clinical record. Through the real
 * service: a crisis message while the webhook receiver is down, "cancel", "delete my data", "yes"; the
 * programme still lists the alert (without the client's words or ids), it is delivered once the receiver
 * is back, and it still escalates to the backup when nobody acknowledges it.
 */
import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { Alert } from '../../src/safety/escalation/alert';
import { ClientRepository, PSEUDONYM_PREFIX } from '../../src/client/clientRepository';
import { CONTAINERS } from '../../src/storage/containers';
import { chatLinkPartition } from '../../src/programmes/programmeStore';
import { verifiedByReceiver } from '../support/webhookReceiver';
import { apiClient, ADMIN_KEY, clinicianBody, programmeBody } from '../api/apiClient';
import { CaptureServer, CapturedRequest } from '../support/captureServer';
import { say, startTestService, TestService } from '../support/service';

const SECRET = 'deletion-webhook-secret-0123456789abcdef';
const MINUTE = 60_000;
const NAME = 'Zephyrine Quillfeather';
const WORDS = 'I am going to kill myself tonight';

describe('delete my data keeps a pending safety alert (real service, webhook receiver down)', function () {
  this.timeout(60_000);
  let service: TestService;
  let receiver: CaptureServer;
  let offset = 0;
  let receiverUp = false;

  before(async function () {
    receiver = new CaptureServer();
    receiver.respond = (_request, res) => {
      res.writeHead(receiverUp ? 200 : 503, { 'content-type': 'application/json' });
      res.end('{}');
    };
    await receiver.start();
    service = await startTestService(
      { ADMIN_API_KEY: ADMIN_KEY, SAFETY_OUTBOX_POLL_MS: '50', SAFETY_RETRY_BASE_SECONDS: '0.1', SCHEDULER_ENABLED: 'false' },
      { clock: { now: () => new Date(Date.now() + offset) } },
    );
  });
  after(async function () {
    await service?.dispose();
    await receiver?.stop();
  });

  /** Waits until a request the receiver answered 200 matches. */
  async function delivered(match: (request: CapturedRequest) => boolean): Promise<CapturedRequest> {
    for (;;) {
      const seen = receiver.requests.length;
      const found = receiver.requests.find((r, index) => index >= upFrom && match(r));
      if (found) return found;
      await receiver.waitFor(seen + 1);
    }
  }
  let upFrom = 0;

  it('lists the alert without the words, delivers it when the receiver is back, and escalates it', async function () {
    const call = apiClient(service.url);
    assert.equal(
      (await call('POST', '/programmes', { body: programmeBody({ id: 'del', defaultLocale: 'en', alertWebhook: { url: `${receiver.url}/programme`, secret: SECRET } }) })).status,
      201,
    );
    assert.equal((await call('POST', '/programmes/del/clinicians', { body: clinicianBody({ id: 'ben', aadObjectId: crypto.randomUUID(), webhookUrl: `${receiver.url}/ben` }) })).status, 201);
    assert.equal(
      (await call('POST', '/programmes/del/clinicians', { body: clinicianBody({ id: 'ana', aadObjectId: crypto.randomUUID(), webhookUrl: `${receiver.url}/ana`, backupClinicianId: 'ben' }) })).status,
      201,
    );
    const enrolled = await call<{ client: { id: string }; enrolment: { code: string } }>('POST', '/programmes/del/clients', {
      body: { externalId: 'MRN-del', clinicianId: 'ana', courseStart: '2026-11-01', courseEnd: '2027-02-28', timeZone: 'Europe/Madrid' },
    });
    const clientId = enrolled.body.client.id;

    const identity = { channelId: 'webchat', userId: 'deleting-user-7f3a' };
    const chat = { serviceUrl: 'http://127.0.0.1:1', channelId: identity.channelId, conversation: { id: 'deleting-conv' }, from: { id: identity.userId, name: NAME }, locale: 'en-US' };
    const transcript: string[] = [];
    const turn = async (text: string) => {
      const reply = await say(service.url, { ...chat, text });
      transcript.push(`> ${text}`, ...reply.texts);
      return reply.texts;
    };
    await turn('hi');
    await turn('yes');
    assert.ok((await turn(enrolled.body.enrolment.code)).includes(t('en', 'onboarding.codeAccepted')), transcript.join('\n'));
    await turn(NAME);
    await turn('Europe/Madrid');
    assert.equal((await call<{ linked: boolean }>('GET', `/programmes/del/clients/${clientId}`)).body.linked, true, transcript.join('\n'));

    // The crisis message, while every webhook answers 503.
    const crisis = await turn(WORDS);
    assert.ok(crisis.some((text) => text.includes('024')), 'the crisis lines for Spain, at once');
    await receiver.waitFor(2);
    const [before] = (await call<{ items: Array<{ alertId: string; clientId: string; status: string }> }>('GET', '/programmes/del/alerts')).body.items;
    assert.equal(before.clientId, clientId);

    await turn('cancel');
    const confirm = await turn('delete my data');
    assert.equal(confirm[0], t('en', 'menu.deleteConfirm'), 'the client is told the alert stays before they answer');
    assert.match(confirm[0], /alert stays with them/);
    const done = await turn('yes');
    assert.equal(done.at(-1), t('en', 'menu.deletedAlertsKept'), transcript.join('\n'));

    // The programme still lists it, open, filed under a pseudonym, not the client id.
    const after = (await call<{ items: Array<{ alertId: string; clientId: string; status: string; level: string; categories: string[] }> }>('GET', '/programmes/del/alerts')).body.items;
    assert.equal(after.length, 1);
    assert.equal(after[0].alertId, before.alertId);
    assert.equal(after[0].status, 'open');
    assert.equal(after[0].level, 'urgent');
    assert.ok(after[0].categories.includes('self_harm_suicide'));
    assert.ok(after[0].clientId.startsWith(PSEUDONYM_PREFIX) && after[0].clientId !== clientId);
    const stored = (await service.store.read<Alert>(CONTAINERS.alerts, before.alertId, before.alertId))!.body;
    const raw = JSON.stringify(stored);
    for (const gone of ['kill myself', 'Zephyrine', identity.userId, 'deleting-conv', clientId]) assert.ok(!raw.includes(gone), `the alert no longer holds "${gone}"`);
    assert.ok(stored.audit.some((e) => e.event === 'failed'), 'the failed deliveries are still in its audit');
    assert.ok(stored.deliveries.every((d) => d.status !== 'cancelled'), 'nothing was cancelled');

    // Nothing about the client is left to export, and the programme's record is unlinked.
    const exported = await new ClientRepository(service.store).exportEverything(clientId, []);
    assert.deepEqual([exported.records, exported.related], [[], []]);
    const record = await call<{ status: string; linked: boolean; dataDeletedAt?: string; channelId?: string }>('GET', `/programmes/del/clients/${clientId}`);
    assert.equal(record.body.linked, false);
    assert.equal(record.body.status, 'enrolled');
    assert.equal(record.body.channelId, undefined);
    assert.ok(record.body.dataDeletedAt);
    const recordRaw = JSON.stringify((await service.store.read(CONTAINERS.programmes, 'del', `client:${clientId}`))!.body);
    for (const gone of ['Zephyrine', identity.userId, 'deleting-conv']) assert.ok(!recordRaw.includes(gone), `the programme record no longer holds "${gone}"`);
    assert.equal(await service.store.read(CONTAINERS.programmes, chatLinkPartition(identity.channelId, identity.userId), 'pointer'), undefined);

    // The receiver comes back: the owed deliveries go out, signed, without the client.
    upFrom = receiver.requests.length;
    receiverUp = true;
    const toAna = await delivered((r) => r.path === '/ana');
    const payload = toAna.body as { alertId: string; event: string; client: Record<string, unknown>; excerpt?: string };
    assert.ok(verifiedByReceiver(SECRET, toAna));
    assert.equal(payload.alertId, before.alertId);
    assert.equal(payload.event, 'alert.created');
    assert.equal(payload.client.name, undefined);
    assert.equal(payload.client.key, after[0].clientId);
    assert.ok(!JSON.stringify(payload).includes('kill myself'));

    // Nobody acknowledges: after the timeout it goes to the backup, as it would have without the deletion.
    offset += 16 * MINUTE;
    const toBen = await delivered((r) => r.path === '/ben');
    assert.equal((toBen.body as { event: string; alertId: string }).event, 'alert.escalated');
    assert.equal((toBen.body as { alertId: string }).alertId, before.alertId);
  });
});
