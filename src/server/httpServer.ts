import { CloudAdapter } from 'botbuilder';
import * as restify from 'restify';
import { z } from 'zod';
import { Logger } from '../logger';
import { IptBot } from '../bot/iptBot';

/** What `/api/messages` accepts before the adapter sees it: an object that looks like an activity. */
const activityBodySchema = z
  .object({
    type: z.string().min(1, 'type is required'),
    channelId: z.string().optional(),
    serviceUrl: z.string().optional(),
    conversation: z.object({ id: z.string() }).passthrough().optional(),
    from: z.object({ id: z.string() }).passthrough().optional(),
  })
  .passthrough();

/** A readiness check: resolves when the dependency is usable, rejects with a reason otherwise. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface HttpServerOptions {
  adapter: CloudAdapter;
  bot: IptBot;
  logger: Logger;
  maxBodyBytes: number;
  readiness: ReadinessCheck[];
}

/** Counts turns in flight so a shutdown can wait for them. */
export class InFlight {
  private count = 0;
  private waiters: Array<() => void> = [];

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await work();
    } finally {
      this.count--;
      if (this.count === 0) this.waiters.splice(0).forEach((resolve) => resolve());
    }
  }

  get size(): number {
    return this.count;
  }

  /** Resolves when nothing is in flight, or after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    if (this.count === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

export function createHttpServer(options: HttpServerOptions): { server: restify.Server; inFlight: InFlight } {
  const { adapter, bot, logger, maxBodyBytes, readiness } = options;
  const server = restify.createServer({ name: 'ipt-companion', handleUncaughtExceptions: false });
  const inFlight = new InFlight();

  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: maxBodyBytes, mapParams: false, mapFiles: false, keepExtensions: false }));

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'alive' });
  });

  server.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      readiness.map(async ({ name, check }) => {
        try {
          await check();
          return { name, ok: true as const };
        } catch (error) {
          return { name, ok: false as const, reason: (error as Error).message };
        }
      }),
    );
    const failing = results.filter((r) => !r.ok);
    res.send(failing.length ? 503 : 200, { status: failing.length ? 'unavailable' : 'ready', checks: results });
  });

  server.post('/api/messages', async (req, res) => {
    const parsed = activityBodySchema.safeParse(req.body);
    if (!parsed.success || Array.isArray(req.body)) {
      res.send(400, {
        error: 'The body must be a Bot Framework activity (a JSON object with a "type").',
        issues: parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
      return;
    }
    await inFlight.track(() => adapter.process(req, res, (context) => bot.run(context)));
  });

  server.on('restifyError', (req, res, err, callback) => {
    // Never echo the body back or log it: only the status and the route.
    logger.warn({ status: err.statusCode, route: req.getRoute()?.path, error: err.name }, 'request rejected');
    return callback();
  });

  return { server, inFlight };
}
