import assert from 'node:assert/strict';
import { verifiedByReceiver } from '../support/webhookReceiver';
import { CaptureServer } from '../support/captureServer';
import { say, startTestService, TestService } from '../support/service';
import { ADMIN_KEY, apiClient, programmeBody } from '../api/apiClient';

const SECRET = 'routing-webhook-secret-0123456789abcdef';

async function readiness(service: TestService): Promise<{ status: number; reason?: string }> {
  const response = await fetch(`${service.url}/readyz`);
  const body = (await response.json()) as { checks: Array<{ name: string; ok: boolean; reason?: string }> };
  return { status: response.status, reason: body.checks.find((c) => c.name === 'safetyEscalation')?.reason };
}

// A browser in New York, so the crisis lines are the US ones (the zone says where the client is).
const crisis = (userId: string) => ({ from: { id: userId }, conversation: { id: `conv-${userId}` }, localTimezone: 'America/New_York', text: 'I want to kill myself' });

describe('every client reaches someone: routing of clients linked to no programme, and /readyz', function () {
  this.timeout(30000);
  const receivers: CaptureServer[] = [];
  const services: TestService[] = [];

  async function receiver(): Promise<CaptureServer> {
    const server = new CaptureServer();
    await server.start();
    receivers.push(server);
    return server;
  }
  async function start(env: Record<string, string>): Promise<TestService> {
    const service = await startTestService({ ADMIN_API_KEY: ADMIN_KEY, ...env });
    services.push(service);
    return service;
  }

  afterEach(async () => {
    for (const service of services.splice(0)) await service.dispose();
    for (const server of receivers.splice(0)) await server.stop();
  });

  it('with programmes only in the API: not ready until one is the default; then an unenrolled client’s alert reaches it', async () => {
    const hook = await receiver();
    const service = await start({});
    const call = apiClient(service.url);
    const notYet = await readiness(service);
    assert.equal(notYet.status, 503);
    assert.match(String(notYet.reason), /linked to no programme reach no one/);

    const created = await call('POST', '/programmes', { body: programmeBody({ id: 'clinic', alertWebhook: { url: `${hook.url}/alerts`, secret: SECRET } }) });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal((await readiness(service)).status, 503, 'a programme that is not the default does not help unenrolled clients');
    assert.equal((await call('PATCH', '/programmes/clinic', { body: { defaultForUnenrolled: true } })).status, 200);
    assert.deepEqual(await readiness(service), { status: 200, reason: undefined });

    const replies = await say(service.url, crisis('anonymous-visitor'));
    assert.ok(replies.texts.some((text) => text.includes('988')), 'the crisis lines, as always');
    const [request] = await hook.waitFor(1);
    const body = request.body as { programmeId: string; stage: string; level: string };
    assert.equal(body.programmeId, 'clinic');
    assert.equal(body.level, 'urgent');
    assert.ok(verifiedByReceiver(SECRET, request));
  });

  it('with SAFETY_WEBHOOK_URL set, an unenrolled client’s alert goes there, not to an API programme’s webhook', async () => {
    const configured = await receiver();
    const apiHook = await receiver();
    const service = await start({ SAFETY_WEBHOOK_URL: `${configured.url}/alerts`, SAFETY_WEBHOOK_SECRET: SECRET });
    const call = apiClient(service.url);
    assert.equal((await call('POST', '/programmes', { body: programmeBody({ id: 'clinic', alertWebhook: { url: `${apiHook.url}/alerts`, secret: SECRET } }) })).status, 201);
    assert.equal((await readiness(service)).status, 200);

    await say(service.url, crisis('walk-in'));
    const [request] = await configured.waitFor(1);
    assert.equal((request.body as { programmeId: string }).programmeId, 'default');
    assert.equal(apiHook.requests.length, 0);
    // Nor can an API programme take the configured programme's id, which alerts are routed by.
    assert.equal((await call('POST', '/programmes', { body: programmeBody({ id: 'default' }) })).status, 400);
  });

  it('names a programme whose webhooks can never deliver (no secret), without its URLs or secrets', async () => {
    const service = await start({ SAFETY_ONCALL: JSON.stringify({ name: 'Desk', aadObjectId: 'aad-desk' }) });
    assert.equal((await readiness(service)).status, 200);
    // As stored before the API refused it: a clinician webhook on a programme with no secret.
    const now = new Date().toISOString();
    await service.store.upsert('programmes', 'legacy', 'programme', { type: 'programme', id: 'legacy', name: 'Legacy', defaultLocale: 'en', defaultTimeZone: 'UTC', ackTimeoutMinutes: 15, createdAt: now, updatedAt: now });
    await service.store.upsert('programmes', 'legacy', 'clinician:ana', {
      type: 'clinician',
      id: 'ana',
      programmeId: 'legacy',
      name: 'Ana',
      aadObjectId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
      webhookUrl: 'https://pager.example.org/ana?token=abc',
      createdAt: now,
      updatedAt: now,
    });
    const ready = await readiness(service);
    assert.equal(ready.status, 503);
    assert.match(String(ready.reason), /programme "legacy": a clinician webhook cannot be signed/);
    assert.doesNotMatch(String(ready.reason), /pager\.example\.org|token|ana/, 'no URL, token or clinician on an unauthenticated endpoint');
  });
});
