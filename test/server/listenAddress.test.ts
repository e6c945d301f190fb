/**
 * Local mode has Bot Framework authentication off: anyone who reaches the port can post as any user. So it
 * listens on loopback only unless HOST says otherwise; with credentials it listens as App Service needs.
 */
import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import { loadConfig } from '../../src/config';
import { startTestService } from '../support/service';

/** An IPv4 address of this machine that is not loopback, when it has one. */
function otherInterfaceAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
}

async function reachable(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(5000) })).status === 200;
  } catch {
    return false;
  }
}

describe('listen address', function () {
  this.timeout(30_000);
  const credentials = { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant' };

  it('local mode listens on 127.0.0.1 only: not reachable on another interface of this machine', async () => {
    const service = await startTestService();
    try {
      assert.equal(service.host, '127.0.0.1');
      assert.equal(await reachable(`${service.url}/healthz`), true);
      const other = otherInterfaceAddress();
      if (other) assert.equal(await reachable(`http://${other}:${service.port}/healthz`), false, `reachable on ${other}`);
    } finally {
      await service.dispose();
    }
  });

  it('local mode with HOST=0.0.0.0 is reachable on the other interfaces (the operator asked for it)', async () => {
    const other = otherInterfaceAddress();
    const service = await startTestService({ HOST: '0.0.0.0' });
    try {
      assert.equal(service.host, '0.0.0.0');
      if (other) assert.equal(await reachable(`http://${other}:${service.port}/healthz`), true);
    } finally {
      await service.dispose();
    }
  });

  it('local mode with HOST set to one address serves the local Web Chat (Direct Line) on that address', async () => {
    // Another interface's address when the machine has one; loopback's own otherwise (still one specific address).
    const host = otherInterfaceAddress() ?? '127.0.0.1';
    const service = await startTestService({ HOST: host });
    try {
      const base = `http://${host}:${service.port}`;
      assert.equal(service.url, base);
      const json = { 'content-type': 'application/json' };
      const started = (await (await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: json, body: JSON.stringify({ user: { id: 'dl-user' } }) })).json()) as { conversationId: string; token: string };
      const headers = { ...json, authorization: `Bearer ${started.token}` };
      const posted = await fetch(`${base}/v3/directline/conversations/${started.conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', from: { id: 'dl-user' }, text: 'hello' }) });
      assert.equal(posted.status, 200);
      const history = (await (await fetch(`${base}/v3/directline/conversations/${started.conversationId}/activities`, { headers })).json()) as { activities: Array<{ from?: { role?: string }; text?: string }> };
      assert.ok(history.activities.some((a) => a.from?.role === 'bot' && a.text === 'Are you happy to go ahead on that basis?'), JSON.stringify(history.activities.map((a) => a.text)));
    } finally {
      await service.dispose();
    }
  });

  it('with Bot Framework credentials listens on every interface, as App Service needs, unless HOST is set', async () => {
    assert.equal(loadConfig({ ...credentials, NODE_ENV: 'production' }).host, '0.0.0.0');
    assert.equal(loadConfig({ ...credentials, HOST: '127.0.0.1' }).host, '127.0.0.1');
    assert.equal(loadConfig({}).host, '127.0.0.1');
    const service = await startTestService(credentials);
    try {
      assert.equal(service.host, '0.0.0.0');
      assert.equal(await reachable(`${service.url}/healthz`), true);
    } finally {
      await service.dispose();
    }
  });

  it('refuses a HOST that is not an IP address, naming the key', () => {
    assert.throws(() => loadConfig({ HOST: 'everywhere' }), /HOST must be an IP address to listen on/);
  });
});
