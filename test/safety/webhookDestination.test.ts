import assert from 'node:assert/strict';
import { Alert, Delivery } from '../../src/safety/escalation/alert';
import { PermanentDeliveryError } from '../../src/safety/escalation/alertChannel';
import { ConfigCareTeamDirectory } from '../../src/safety/escalation/careTeamDirectory';
import { WebhookAlertChannel } from '../../src/safety/escalation/webhookChannel';
import { addressProblem, destinationPolicy, Resolver, webhookUrlProblem } from '../../src/safety/escalation/webhookDestination';
import { CaptureServer } from '../support/captureServer';
import { SETTINGS } from './settings';

const PRODUCTION = destinationPolicy('production');
const PRODUCTION_PRIVATE = destinationPolicy('production', true);
const DEVELOPMENT = destinationPolicy('development');

describe('webhook destinations: the address policy', () => {
  const refusedEverywhere = [
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['100.64.0.1', 'CGNAT'],
    ['100.127.255.254', 'CGNAT'],
    ['224.0.0.251', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::7f00:1', 'IPv4-compatible'],
    ['::a9fe:a9fe', 'IPv4-compatible'],
  ];
  for (const [address, kind] of refusedEverywhere) {
    it(`refuses ${address} (${kind}) in every environment, private allowed or not`, () => {
      for (const policy of [PRODUCTION, PRODUCTION_PRIVATE, DEVELOPMENT]) assert.match(String(addressProblem(address, policy)), new RegExp(kind));
    });
  }

  const loopback = ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1'];
  for (const address of loopback) {
    it(`refuses loopback ${address} in production, allows it outside`, () => {
      assert.match(String(addressProblem(address, PRODUCTION)), /loopback/);
      assert.match(String(addressProblem(address, PRODUCTION_PRIVATE)), /loopback/, 'allowing private ranges does not allow loopback');
      assert.equal(addressProblem(address, DEVELOPMENT), undefined);
    });
  }

  const privateAddresses = ['10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.10', 'fc00::1', 'fd12:3456::1', '::ffff:10.1.2.3', '::ffff:c0a8:101'];
  for (const address of privateAddresses) {
    it(`refuses private ${address} unless SAFETY_WEBHOOK_ALLOW_PRIVATE`, () => {
      assert.match(String(addressProblem(address, PRODUCTION)), /private.*SAFETY_WEBHOOK_ALLOW_PRIVATE/);
      assert.match(String(addressProblem(address, DEVELOPMENT)), /private/);
      assert.equal(addressProblem(address, PRODUCTION_PRIVATE), undefined);
    });
  }

  const publicAddresses = ['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::6810:85e5', '::ffff:93.184.216.34'];
  for (const address of publicAddresses) {
    it(`allows public ${address}`, () => assert.equal(addressProblem(address, PRODUCTION), undefined));
  }

  const urls: Array<[string, RegExp | undefined, RegExp | undefined]> = [
    // [url, problem in production, problem in development]
    ['https://hooks.example.org/ipt', undefined, undefined],
    ['http://hooks.example.org/ipt', /https/, undefined],
    ['ftp://hooks.example.org/ipt', /https/, /http\(s\)/],
    ['https://user:pw@hooks.example.org/ipt', /user name or password/, /user name or password/],
    ['https://token@hooks.example.org/ipt', /user name or password/, /user name or password/],
    ['https://127.0.0.1/ipt', /loopback/, undefined],
    ['https://2130706433/ipt', /loopback/, undefined],
    ['https://0x7f000001/ipt', /loopback/, undefined],
    ['https://0x7f.1/ipt', /loopback/, undefined],
    ['https://127.1/ipt', /loopback/, undefined],
    ['https://0177.0.0.1/ipt', /loopback/, undefined],
    ['https://[::1]/ipt', /loopback/, undefined],
    ['https://[::ffff:127.0.0.1]/ipt', /loopback/, undefined],
    ['https://localhost/ipt', /loopback/, undefined],
    ['https://api.localhost/ipt', /loopback/, undefined],
    ['https://localhost./ipt', /loopback/, undefined],
    ['https://127.0.0.1./ipt', /loopback/, undefined],
    ['https://[0:0:0:0:0:ffff:7f00:1]/ipt', /loopback/, undefined],
    ['https://0/ipt', /unspecified/, /unspecified/],
    ['https://169.254.169.254/latest/meta-data', /link-local/, /link-local/],
    ['https://2852039166/latest/meta-data', /link-local/, /link-local/],
    ['https://[::ffff:169.254.169.254]/', /link-local/, /link-local/],
    ['https://10.0.0.5/ipt', /private/, /private/],
    ['https://0xa000005/ipt', /private/, /private/],
    ['https://[fd00::5]/ipt', /private/, /private/],
    ['https://100.64.1.1/ipt', /CGNAT/, /CGNAT/],
    ['https://0.0.0.0/ipt', /unspecified/, /unspecified/],
    ['https://[::]/ipt', /unspecified/, /unspecified/],
    ['not a url', /URL/, /URL/],
  ];
  for (const [url, production, development] of urls) {
    it(`URL ${url}: ${production ? 'refused' : 'allowed'} in production, ${development ? 'refused' : 'allowed'} in development`, () => {
      const inProduction = webhookUrlProblem(url, PRODUCTION);
      const inDevelopment = webhookUrlProblem(url, DEVELOPMENT);
      if (production) assert.match(String(inProduction), production);
      else assert.equal(inProduction, undefined);
      if (development) assert.match(String(inDevelopment), development);
      else assert.equal(inDevelopment, undefined);
    });
  }
});

const ALERT: Alert = {
  kind: 'safetyAlert',
  alertId: 'alert:1',
  clientKey: 'webchat:client-1',
  channelId: 'webchat',
  channelUserId: 'client-1',
  language: 'en',
  level: 'urgent',
  categories: ['self_harm_suicide'],
  excerpt: 'kill myself',
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
  conversationReference: {},
  programmeId: 'prog-1',
  clinicianId: 'c1',
  status: 'open',
  stage: 'primary',
  stageStartedAt: 0,
  round: 1,
  unrouted: false,
  deliveries: [],
  nextActionAt: null,
  audit: [],
};

const delivery = (target: string): Delivery => ({
  key: 'alert:1:r1:primary:programme:webhook:1',
  round: 1,
  stage: 'primary',
  event: 'alert.created',
  recipient: { role: 'programme' },
  channel: 'webhook',
  target,
  status: 'sending',
  attempts: 1,
  nextAttemptAt: 0,
});

/** A resolver that answers from a table and records what it was asked. */
function fakeResolver(table: Record<string, string[]>): Resolver & { asked: string[] } {
  const asked: string[] = [];
  const resolver = async (hostname: string) => {
    asked.push(hostname);
    return (table[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolver, { asked });
}

describe('webhook destinations: checked again when a delivery connects', () => {
  const directory = new ConfigCareTeamDirectory(SETTINGS);
  let receiver: CaptureServer;
  let elsewhere: CaptureServer;

  beforeEach(async () => {
    receiver = new CaptureServer();
    elsewhere = new CaptureServer();
    await receiver.start();
    await elsewhere.start();
  });
  afterEach(async () => {
    await receiver.stop();
    await elsewhere.stop();
  });

  it('refuses a host name that now resolves to the metadata address, without connecting anywhere (permanent)', async () => {
    const resolver = fakeResolver({ 'hooks.example.org': ['169.254.169.254'] });
    const channel = new WebhookAlertChannel({ directory, policy: PRODUCTION, resolver });
    await assert.rejects(channel.send(ALERT, delivery('https://hooks.example.org/ipt')), (error: Error) => error instanceof PermanentDeliveryError && /link-local/.test(error.message));
    assert.deepEqual(resolver.asked, ['hooks.example.org'], 'it resolved the name at connection time');
  });

  it('refuses a name with one public and one private address (every address is checked)', async () => {
    const resolver = fakeResolver({ 'hooks.example.org': ['93.184.216.34', '10.0.0.7'] });
    const channel = new WebhookAlertChannel({ directory, policy: PRODUCTION, resolver });
    await assert.rejects(channel.send(ALERT, delivery('https://hooks.example.org/ipt')), (error: Error) => error instanceof PermanentDeliveryError && /private/.test(error.message));
  });

  it('connects to the address it checked: a name resolved to the local receiver reaches it (development)', async () => {
    const port = new URL(receiver.url).port;
    const resolver = fakeResolver({ 'receiver.test': ['127.0.0.1'] });
    const channel = new WebhookAlertChannel({ directory, policy: DEVELOPMENT, resolver });
    await channel.send(ALERT, delivery(`http://receiver.test:${port}/hook`));
    assert.equal(receiver.requests.length, 1);
    assert.equal(receiver.requests[0].headers.host, `receiver.test:${port}`);
    // The same name answering a private address is refused at connection time, and nothing arrives.
    const moved = new WebhookAlertChannel({ directory, policy: DEVELOPMENT, resolver: fakeResolver({ 'receiver.test': ['192.168.0.10'] }) });
    await assert.rejects(moved.send(ALERT, delivery(`http://receiver.test:${port}/hook`)), PermanentDeliveryError);
    assert.equal(receiver.requests.length, 1);
  });

  it('refuses a literal internal address before connecting, even if the URL was stored before the check existed', async () => {
    const channel = new WebhookAlertChannel({ directory, policy: PRODUCTION });
    await assert.rejects(channel.send(ALERT, delivery(`${receiver.url}/hook`)), (error: Error) => error instanceof PermanentDeliveryError && /https/.test(error.message));
    assert.equal(receiver.requests.length, 0);
  });

  it('never follows a redirect: a 307 is a permanent failure and the signed body goes nowhere else', async () => {
    receiver.respond = (_request, res) => {
      res.writeHead(307, { location: `${elsewhere.url}/stolen` });
      res.end();
    };
    const channel = new WebhookAlertChannel({ directory, policy: DEVELOPMENT });
    await assert.rejects(channel.send(ALERT, delivery(`${receiver.url}/hook`)), (error: Error) => error instanceof PermanentDeliveryError && /307/.test(error.message));
    assert.equal(receiver.requests.length, 1);
    assert.equal(elsewhere.requests.length, 0);
  });

  it('a 4xx is permanent; 408, 429 and 5xx are retried', async () => {
    const channel = new WebhookAlertChannel({ directory, policy: DEVELOPMENT });
    for (const [status, permanent] of [[400, true], [401, true], [404, true], [410, true], [408, false], [429, false], [500, false], [503, false]] as const) {
      receiver.respond = (_request, res) => {
        res.writeHead(status);
        res.end();
      };
      await assert.rejects(channel.send(ALERT, delivery(`${receiver.url}/hook`)), (error: Error) => error instanceof PermanentDeliveryError === permanent && error.message.includes(String(status)), `status ${status}`);
    }
  });

  it('with no signing secret the delivery fails permanently and nothing is sent', async () => {
    const settings = { ...SETTINGS, programme: { ...SETTINGS.programme!, webhookSecret: undefined } };
    const channel = new WebhookAlertChannel({ directory: new ConfigCareTeamDirectory(settings), policy: DEVELOPMENT });
    await assert.rejects(channel.send(ALERT, delivery(`${receiver.url}/hook`)), (error: Error) => error instanceof PermanentDeliveryError && /secret/.test(error.message));
    assert.equal(receiver.requests.length, 0);
  });
});
