import assert from 'node:assert/strict';
import { CaptureServer } from '../support/captureServer';
import { activity, say, startTestService, TestService } from '../support/service';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocumentStore } from '../../src/storage/createStore';
import { ADMIN_KEY } from '../api/apiClient';

describe('HTTP service', () => {
  let service: TestService;
  before(async () => {
    // With the programme API served, so its routes answer in the same shapes.
    service = await startTestService({ ADMIN_API_KEY: ADMIN_KEY });
  });
  after(async () => service.dispose());

  const post = (path: string, body: string, contentType = 'application/json') =>
    fetch(`${service.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('answers /healthz', async () => {
    const response = await fetch(`${service.url}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'alive' });
  });

  it('answers /readyz with the store reachable (and, with no one to alert, not ready)', async () => {
    const response = await fetch(`${service.url}/readyz`);
    const body = (await response.json()) as { status: string; checks: Array<{ name: string; ok: boolean; reason?: string }> };
    assert.deepEqual(body.checks.find((c) => c.name === 'store'), { name: 'store', ok: true });
    assert.equal(response.status, 503, 'this service has no programme: a client in crisis would reach no one');
    assert.equal(body.status, 'unavailable');
  });

  const errorsOf = async (response: Response) => {
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    return ((await response.json()) as { errors: Array<{ path: string; message: string }> }).errors;
  };

  it('rejects malformed JSON with 400 in the documented {errors} shape', async () => {
    for (const path of ['/api/messages', '/api/v1/programmes']) {
      const response = await post(path, '{"type": "message",');
      assert.equal(response.status, 400);
      assert.deepEqual(await errorsOf(response), [{ path: 'body', message: 'The body is not valid JSON.' }]);
    }
  });

  for (const [name, body] of [
    ['an array', '[1, 2]'],
    ['an object without a type', '{"text": "hello"}'],
    ['a number', '42'],
    ['an empty body', ''],
  ]) {
    it(`rejects ${name} with 400 and a reason`, async () => {
      const response = await post('/api/messages', body);
      assert.equal(response.status, 400);
      const errors = await errorsOf(response);
      assert.ok(errors.length > 0 && errors.every((e) => typeof e.path === 'string' && e.message.length > 0), JSON.stringify(errors));
    });
  }

  it('rejects a body over the limit with 413 in the documented shape', async () => {
    const response = await post('/api/messages', JSON.stringify(activity({ text: 'x'.repeat(300_000) })));
    assert.equal(response.status, 413);
    assert.deepEqual(await errorsOf(response), [{ path: 'body', message: 'The body is larger than this service accepts.' }]);
  });

  it('answers an unknown route with 404 in the documented shape', async () => {
    for (const response of [await fetch(`${service.url}/api/v2/nothing`), await post('/api/nothing', '{}'), await fetch(`${service.url}/api/v1/no-such-thing`)]) {
      assert.equal(response.status, 404);
      const errors = await errorsOf(response);
      assert.equal(errors.length, 1);
      assert.match(errors[0].message, /no such route/);
    }
  });

  it('refuses a form-encoded or plain-text body with 415 instead of reading it', async () => {
    for (const [path, contentType, body] of [
      ['/api/messages', 'application/x-www-form-urlencoded', 'type=message&text=hello'],
      ['/api/messages', 'text/plain', JSON.stringify(activity({ text: 'hello' }))],
      ['/api/v1/programmes', 'application/x-www-form-urlencoded', 'name=North&defaultTimeZone=UTC'],
      ['/api/v1/programmes', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nNorth\r\n--x--'],
    ]) {
      const response = await post(path, body, contentType);
      assert.equal(response.status, 415, `${path} ${contentType}`);
      assert.deepEqual(await errorsOf(response), [{ path: 'body', message: 'Send the body as JSON (Content-Type: application/json).' }]);
    }
  });

  it('is still healthy after bad requests', async () => {
    assert.equal((await fetch(`${service.url}/healthz`)).status, 200);
  });

  it('converses over /api/messages with expectReplies', async () => {
    const conversation = { id: 'http-expect' };
    const from = { id: 'user-expect' };
    const first = await say(service.url, { text: 'hello', conversation, from });
    assert.equal(first.status, 200);
    // Onboarding (issue 4): what the bot is, consent, an enrolment code, then the name.
    assert.equal(first.texts.at(-1), 'Are you happy to go ahead on that basis?');
    await say(service.url, { text: 'yes', conversation, from });
    assert.deepEqual((await say(service.url, { text: "I don't have one", conversation, from })).texts, ['What would you like me to call you?']);
    const second = await say(service.url, { text: 'Robin', conversation, from });
    assert.match(second.texts[0], /Robin/);
    const third = await say(service.url, { text: 'London', conversation, from });
    assert.match(third.texts[0], /Robin/);
    assert.equal(third.texts[1], 'What would you like to do?');
  });

  it('answers in Spanish when the channel says es-ES', async () => {
    const result = await say(service.url, { text: 'hola', conversation: { id: 'es-conv' }, from: { id: 'es-user' }, locale: 'es-ES' });
    assert.equal(result.texts.at(-1), '¿Te parece bien que sigamos así?');
  });

  it('posts replies to the channel at serviceUrl', async () => {
    const channel = new CaptureServer();
    await channel.start();
    try {
      const response = await post('/api/messages', JSON.stringify(activity({ text: 'hi', serviceUrl: channel.url, conversation: { id: 'conv-capture' }, from: { id: 'user-capture' } })));
      assert.equal(response.status, 200);
      const replies = await channel.waitFor(3);
      const reply = replies[2];
      assert.equal(reply.method, 'POST');
      assert.match(reply.path, /^\/v3\/conversations\/conv-capture\/activities\//);
      assert.equal((reply.body as { text: string }).text, 'Are you happy to go ahead on that basis?');
    } finally {
      await channel.stop();
    }
  });

  it('keeps dialog state apart for two people in one group chat', async () => {
    const conversation = { id: 'group-1', isGroup: true, conversationType: 'groupChat' };
    for (const text of ['hi', 'yes', 'skip']) {
      await say(service.url, { text, conversation, from: { id: 'member-a' } });
      await say(service.url, { text, conversation, from: { id: 'member-b' } });
    }
    const a = await say(service.url, { text: 'Ana', conversation, from: { id: 'member-a' } });
    const b = await say(service.url, { text: 'Ben', conversation, from: { id: 'member-b' } });
    assert.match(a.texts[0], /Ana/);
    assert.match(b.texts[0], /Ben/);
  });
});

describe('HTTP service with an app id', () => {
  let service: TestService;
  before(async () => {
    service = await startTestService({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant' });
  });
  after(async () => service.dispose());

  it('refuses an unauthenticated activity with 401', async () => {
    const response = await fetch(`${service.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity({ text: 'hello' })),
    });
    assert.equal(response.status, 401);
  });

  it('does not serve the local Web Chat page or Direct Line', async () => {
    assert.equal((await fetch(`${service.url}/`)).status, 404);
    assert.equal((await fetch(`${service.url}/v3/directline/tokens/generate`, { method: 'POST' })).status, 404);
  });
});

describe('readiness', () => {
  it('answers 503 when the store is unreachable', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ipt-ready-'));
    const real = await createDocumentStore({ kind: 'sqlite', dataDir });
    // The same store, except that it cannot be reached.
    const unreachable = new Proxy(real, {
      get: (target, property) =>
        property === 'ping'
          ? async () => {
              throw new Error('store unreachable');
            }
          : Reflect.get(target, property, target),
    });
    const service = await startTestService({}, { store: unreachable });
    try {
      const response = await fetch(`${service.url}/readyz`);
      assert.equal(response.status, 503);
      const body = (await response.json()) as { status: string; checks: Array<{ name: string; ok: boolean; reason?: string }> };
      assert.equal(body.status, 'unavailable');
      assert.deepEqual(body.checks.find((c) => c.name === 'store'), { name: 'store', ok: false, reason: 'store unreachable' });
    } finally {
      await service.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
