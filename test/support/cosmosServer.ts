/**
 * An in-process Cosmos DB (NoSQL API) test double: `@vercel/cosmosdb-server` over HTTPS with keep-alive,
 * serving a self-signed certificate generated for this run. Only the agent handed to our own CosmosClient
 * trusts that certificate; TLS verification stays on everywhere else in the process.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import selfsigned from 'selfsigned';
import { CosmosDocumentStore, CosmosDocumentStoreOptions } from '../../src/storage/cosmosStore';

/** Lets a test answer a request itself (e.g. a 403 or a 429) before the server sees it; return true when handled. */
export type RequestInterceptor = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface CosmosTestServer {
  endpoint: string;
  /** Any base64 string works: the test server does not check signatures. */
  key: string;
  /** Trusts this server's certificate only, keeps connections alive, refuses any non-loopback host. */
  agent: https.Agent;
  /** Hosts the agent has opened connections to (for asserting that nothing left the machine). */
  connectedHosts: ReadonlySet<string>;
  /** Replaces the current interceptor (undefined removes it). */
  intercept(interceptor: RequestInterceptor | undefined): void;
  stop(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

function generateCertificate(): Promise<{ cert: string; key: string }> {
  const attrs = [{ name: 'commonName', value: 'localhost' }];
  const options = {
    days: 1,
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' }, // DNS
          { type: 7, ip: '127.0.0.1' }, // IP
        ],
      },
    ],
  };
  // The callback form generates the RSA key without blocking the event loop for the whole time.
  return new Promise((resolve, reject) => {
    selfsigned.generate(attrs, options, (err, pems) => {
      if (err) reject(err);
      else resolve({ cert: pems.cert, key: pems.private });
    });
  });
}

/** An https.Agent that refuses to connect anywhere but the loopback interface. */
class LoopbackOnlyAgent extends https.Agent {
  readonly connectedHosts = new Set<string>();

  override createConnection(options: Parameters<https.Agent['createConnection']>[0], callback?: Parameters<https.Agent['createConnection']>[1]) {
    const host = String(options.host ?? options.hostname ?? 'localhost');
    this.connectedHosts.add(host);
    if (!LOOPBACK_HOSTS.has(host) && !(isIP(host) && host.startsWith('127.'))) {
      throw new Error(`The Cosmos test client tried to reach ${host}; tests must only talk to the local test server.`);
    }
    return super.createConnection(options, callback);
  }
}

export async function startCosmosServer(): Promise<CosmosTestServer> {
  const { cert, key } = await generateCertificate();
  const server = createHttpsServer({ cert, key, keepAlive: true } as https.ServerOptions);

  // Wrap the server's own request handler so a test can inject responses the double never sends.
  let interceptor: RequestInterceptor | undefined;
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (interceptor?.(req, res)) return;
    for (const handler of handlers) handler(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const agent = new LoopbackOnlyAgent({ ca: cert, keepAlive: true });

  return {
    endpoint: `https://127.0.0.1:${port}`,
    key: randomBytes(64).toString('base64'),
    agent,
    connectedHosts: agent.connectedHosts,
    intercept(next) {
      interceptor = next;
    },
    async stop() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A store against the test server, in a database of its own, with its containers created. */
export async function createTestCosmosStore(
  server: CosmosTestServer,
  overrides: Partial<CosmosDocumentStoreOptions> = {},
): Promise<CosmosDocumentStore> {
  const store = new CosmosDocumentStore({
    endpoint: server.endpoint,
    key: server.key,
    databaseId: `test-${randomUUID()}`,
    agent: server.agent,
    // The test server's account metadata is not worth following; stay on the endpoint we were given.
    connectionPolicy: { enableEndpointDiscovery: false },
    ...overrides,
  });
  await store.init();
  return store;
}
