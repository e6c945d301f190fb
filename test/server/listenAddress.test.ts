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

  it('local mode with HOST=0.0.0.0 is reachable on the other interfaces (the operator asked for it)', async function () {
    const other = otherInterfaceAddress();
    const service = await startTestService({ HOST: '0.0.0.0' });
    try {
      assert.equal(service.host, '0.0.0.0');
      if (other) assert.equal(await reachable(`http://${other}:${service.port}/healthz`), true);
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
