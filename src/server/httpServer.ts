import { Activity, TurnContext } from 'botbuilder';
import * as restify from 'restify';
import { Logger } from '../logger';
import { IptBot } from '../bot/iptBot';
import { ApiError, errorBody } from '../api/apiRouter';
import { readInboundActivity } from './inboundActivity';
import type { IptAdapter } from '../bot/adapter';

/** A readiness check: resolves when the dependency is usable, rejects with a reason otherwise. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface HttpServerOptions {
  adapter: IptAdapter;
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

/** `application/json` or a `+json` type (what every route here reads). */
const isJsonType = (contentType: string | undefined) => /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType ?? '');

/** What restify's own errors (no route, body too large, bad JSON) say, in the API's `{errors:[…]}` shape. */
function restifyErrorBody(status: number, message: string): { errors: ApiError[] } {
  const text: Record<number, string> = {
    400: 'The body is not valid JSON.',
    404: 'There is no such route. The programme API is under /api/v1 (see /api/v1/openapi.json); the bot listens at /api/messages.',
    405: 'This route does not take that method.',
    413: 'The body is larger than this service accepts.',
    415: 'Send the body as JSON (Content-Type: application/json).',
  };
  return errorBody([{ path: status === 404 || status === 405 ? '' : 'body', message: text[status] ?? message }]);
}

export function createHttpServer(options: HttpServerOptions): { server: restify.Server; inFlight: InFlight } {
  const { adapter, bot, logger, maxBodyBytes, readiness } = options;
  const server = restify.createServer({ name: 'ipt-companion', handleUncaughtExceptions: false });
  const inFlight = new InFlight();

  server.use(restify.plugins.queryParser({ mapParams: false }));
  // Every route reads JSON: a form or any other body is refused before it is read, not parsed into something else.
  server.use((req, res, next) => {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && !isJsonType(req.headers['content-type'])) {
      res.send(415, restifyErrorBody(415, ''));
      return next(false);
    }
    return next();
  });
  // jsonBodyParser hands its options to the body reader, which enforces maxBodySize (413); the typings omit it.
  server.use(restify.plugins.jsonBodyParser({ maxBodySize: maxBodyBytes, mapParams: false } as restify.plugins.JsonBodyParserOptions));

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
    const inbound = readInboundActivity(req.body);
    if (!inbound.ok) {
      res.send(400, errorBody(inbound.errors));
      return;
    }
    const token = await adapter.tokens.check(inbound.activity, req.headers.authorization);
    if (!token.ok) {
      // One line, never the token or the validator's words; the caller learns only that it was refused.
      if (token.kind === 'refused') {
        logger.warn({ route: '/api/messages', reason: token.reason }, 'request refused: bad Bot Framework token');
        res.setHeader('www-authenticate', 'Bearer');
        res.send(401, errorBody([{ path: 'authorization', message: 'A valid Bot Framework token is required.' }]));
      } else {
        logger.error({ route: '/api/messages', error: token.reason }, 'could not check a Bot Framework token (signing keys unavailable)');
        res.send(503, errorBody([{ path: '', message: 'The token could not be checked right now; try again shortly.' }]));
      }
      return;
    }
    const { activity } = inbound;
    if (!inbound.identified && !inbound.canReply) activity.deliveryMode = 'expectReplies';
    let answered = true;
    const logic = inbound.identified
      ? (context: TurnContext) => bot.run(context)
      : async (context: TurnContext) => {
          answered = await bot.runUnidentified(context);
        };
    await inFlight.track(async () => {
      try {
        const response = await adapter.runAuthenticated(token.result, activity as Activity, logic);
        if (!answered) {
          // Nothing at risk was said and there is nobody to hold a conversation with: say what is missing.
          const missing = inbound.identified ? [] : inbound.missing;
          res.send(400, errorBody(missing.map((path) => ({ path, message: 'is required: it says who wrote the message' }))));
          return;
        }
        if (response?.body === undefined) res.send(response?.status ?? 200);
        else res.send(response.status, response.body);
      } catch (error) {
        logger.error({ err: { name: (error as Error).name }, route: '/api/messages' }, 'activity failed');
        res.send(500, errorBody([{ path: '', message: 'Something went wrong on our side; the error is logged.' }]));
      }
    });
  });

  server.on('restifyError', (req, res, err, callback) => {
    // restify's own answers (no route, too large, bad JSON) in the documented shape.
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    (err as { toJSON?: () => unknown }).toJSON = () => restifyErrorBody(status, 'The request could not be handled.');
    // Never echo the body back or log it: only the status and the route.
    logger.warn({ status, route: req.getRoute()?.path, error: err.name }, 'request rejected');
    return callback();
  });

  return { server, inFlight };
}
