/**
 * The programme API on the service's own HTTP server (`createHttpServer`: same body parser, body limit and
 * error handling), over a fresh SQLite store, without the bot. The whole service is exercised end to end
 * in test/scheduling/endToEnd.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import type { CloudAdapter } from 'botbuilder';
import { createHttpServer } from '../../src/server/httpServer';
import type { IptBot } from '../../src/bot/iptBot';
import type { IptAdapter } from '../../src/bot/adapter';
import { Clock } from '../../src/clock';
import { createLogger } from '../../src/logger';
import { SqliteDocumentStore } from '../../src/storage/sqliteStore';
import { createProgrammes, ProgrammeServices } from '../../src/programmes/createProgrammes';
import type { AlertAcknowledger } from '../../src/api/programmeApi';
import type { ApiRouter } from '../../src/api/apiRouter';
import { ADMIN_KEY } from './apiClient';
import type { DestinationPolicy } from '../../src/safety/escalation/webhookDestination';

export interface ApiTestServer {
  url: string;
  store: SqliteDocumentStore;
  services: ProgrammeServices;
  router: ApiRouter;
  /** Every route restify has, as "METHOD path". */
  registeredRoutes(): string[];
  stop(): Promise<void>;
}

export async function startApiServer(options: {
  clock: Clock;
  maxBodyBytes?: number;
  acknowledgeAlert?: AlertAcknowledger;
  webhookPolicy?: DestinationPolicy;
  configuredProgrammeId?: string;
}): Promise<ApiTestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ipt-api-'));
  const store = new SqliteDocumentStore({ dataDir: dir, clock: options.clock });
  const logger = createLogger('silent');
  const services = createProgrammes({
    settings: { adminApiKey: ADMIN_KEY, enrolmentCodeTtlDays: 14, reminderGraceMinutes: 120, schedulerEnabled: false, schedulerIntervalSeconds: 30 },
    store,
    logger,
    clock: options.clock,
    adapter: () => ({}) as CloudAdapter,
    botAppId: '',
    reminderSender: { send: async () => undefined },
    webhookPolicy: options.webhookPolicy,
    configuredProgrammeId: options.configuredProgrammeId,
  });
  const { server } = createHttpServer({
    adapter: {} as IptAdapter,
    bot: {} as IptBot,
    logger,
    maxBodyBytes: options.maxBodyBytes ?? 262144,
    readiness: [],
  });
  const router = services.registerApi(server, options.acknowledgeAlert)!;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    services,
    router,
    registeredRoutes: () => {
      const routes = server.router.getRoutes() as unknown as Record<string, { method: string; spec: { path: string } }>;
      return Object.values(routes).map((route) => `${route.method} ${route.spec.path}`);
    },
    stop: async () => {
      server.server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
