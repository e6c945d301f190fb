/**
 * Every bad token on /api/messages gets the same answer: 401, one fixed sentence, one log line, no stack
 * trace. The tokens are forged here with node:crypto; Bot Framework's signing key is the test's (preloaded
 * into the service process), so nothing leaves this machine.
 */
import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activity } from '../support/service';
import { ServiceProcess, startServiceProcess } from '../support/serviceProcess';

const APP_ID = '00000000-0000-4000-8000-0000000000a1';
const APP_PASSWORD = 'test-app-password';
const KID = 'test-signing-key';
const SERVICE_URL = 'http://127.0.0.1:9/';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = (overrides: Record<string, unknown> = {}) => ({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: SERVICE_URL, nbf: now() - 60, exp: now() + 3600, ...overrides });

function rs256(payload: Record<string, unknown>, key: KeyObject, header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT', kid: KID }): string {
  const signed = `${b64(header)}.${b64(payload)}`;
  return `${signed}.${sign('sha256', Buffer.from(signed), key).toString('base64url')}`;
}

describe('/api/messages tokens', function () {
  this.timeout(60_000);
  const botFramework = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let service: ServiceProcess;
  const dataDir = mkdtempSync(join(tmpdir(), 'ipt-token-'));

  before(async () => {
    service = await startServiceProcess(
      {
        NODE_ENV: 'test',
        DATA_DIR: dataDir,
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: APP_PASSWORD,
        MicrosoftAppTenantId: 'tenant',
        SCHEDULER_ENABLED: 'false',
        BOT_FRAMEWORK_TEST_KID: KID,
        BOT_FRAMEWORK_TEST_PUBLIC_KEY: botFramework.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      },
      [join(__dirname, '..', 'support', 'botFrameworkKeys.ts')],
    );
  });
  after(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Resolves when the process has written a line after the first `count` (rejects after 10 s). */
  const untilLogged = (count: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no log line')), 10_000);
      const poll = () => {
        if (service.lines.length > count) {
          clearTimeout(timer);
          service.child.stdout!.off('data', poll);
          resolve();
        }
      };
      service.child.stdout!.on('data', poll);
      poll();
    });

  const post = (authorization: string | undefined, overrides: Record<string, unknown> = {}) =>
    fetch(`${service.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
      body: JSON.stringify(activity({ text: 'hello', serviceUrl: SERVICE_URL, channelId: 'webchat', deliveryMode: 'expectReplies', ...overrides })),
    });

  it('accepts a token signed with the Bot Framework key (the control: the checks below fail for their own reason)', async () => {
    const linesBefore = service.lines.length;
    const response = await post(`Bearer ${rs256(claims(), botFramework.privateKey)}`);
    assert.equal(response.status, 200, await response.clone().text());
    const body = (await response.json()) as { activities: Array<{ text?: string }> };
    assert.ok(body.activities.length > 0);
    // The turn's own log line comes through a pipe: wait for it, so it is not counted for the next request.
    await untilLogged(linesBefore);
  });

  const valid = () => rs256(claims(), botFramework.privateKey);
  const forged: Array<[string, () => string | undefined]> = [
    ['no token at all', () => undefined],
    ['garbage', () => 'Bearer not-a-token'],
    ['another scheme', () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['alg=none', () => `Bearer ${b64({ alg: 'none', typ: 'JWT', kid: KID })}.${b64(claims())}.`],
    ['alg=none with a junk signature', () => `Bearer ${b64({ alg: 'none', typ: 'JWT', kid: KID })}.${b64(claims())}.AAAA`],
    [
      'HS256 signed with the app password',
      () => {
        const signed = `${b64({ alg: 'HS256', typ: 'JWT', kid: KID })}.${b64(claims())}`;
        return `Bearer ${signed}.${createHmac('sha256', APP_PASSWORD).update(signed).digest('base64url')}`;
      },
    ],
    ['RS256 signed with the wrong key', () => `Bearer ${rs256(claims(), attacker.privateKey)}`],
    ['RS256 with a key id nobody published', () => `Bearer ${rs256(claims(), attacker.privateKey, { alg: 'RS256', typ: 'JWT', kid: 'unknown-kid' })}`],
    [
      'a tampered payload (another audience)',
      () => {
        const [head, , signature] = valid().split('.');
        return `Bearer ${head}.${b64(claims({ aud: '00000000-0000-4000-8000-0000000000ff' }))}.${signature}`;
      },
    ],
    ['expired', () => `Bearer ${rs256(claims({ nbf: now() - 7200, exp: now() - 3600 }), botFramework.privateKey)}`],
    ['for another bot', () => `Bearer ${rs256(claims({ aud: '00000000-0000-4000-8000-0000000000ff' }), botFramework.privateKey)}`],
    ['not a JSON header', () => `Bearer ${Buffer.from('{oops').toString('base64url')}.${b64(claims())}.${valid().split('.')[2]}`],
  ];

  for (const [name, token] of forged) {
    it(`refuses ${name} with 401, a fixed sentence and one log line without a stack trace`, async () => {
      const linesBefore = service.lines.length;
      const stderrBefore = service.stderr().length;
      const response = await post(token());
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer');
      assert.deepEqual(await response.json(), { errors: [{ path: 'authorization', message: 'A valid Bot Framework token is required.' }] });
      // The log line arrives through a pipe: wait for it (bounded), then ask something else so a second one would show.
      await untilLogged(linesBefore);
      await fetch(`${service.url}/healthz`);
      const logged = service.lines.slice(linesBefore).map((line) => JSON.parse(line) as { msg: string; stack?: string; err?: unknown });
      assert.deepEqual(logged.map((l) => l.msg), ['request refused: bad Bot Framework token'], JSON.stringify(logged));
      assert.ok(!JSON.stringify(logged).includes(' at '), 'no stack trace in the log');
      assert.equal(service.stderr().slice(stderrBefore).replace(/.*DEP0111.*\n|.*trace-deprecation.*\n/g, ''), '', 'nothing on stderr');
    });
  }
});
