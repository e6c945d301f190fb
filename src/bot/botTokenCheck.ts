/**
 * Checking the Bot Framework token of a request to `/api/messages`, with one answer for every bad token:
 * 401, a fixed sentence, one log line. botbuilder's validator throws errors of several kinds for bad tokens
 * (its AuthenticationError, jsonwebtoken's errors for a bad signature or algorithm) and writes a stack
 * trace or the signing keys to the console; none of that reaches the caller or the log here.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

/** What checks a request's token: botbuilder's BotFrameworkAuthentication (the adapter's). */
export type BotAuthentication = Pick<ConfigurationBotFrameworkAuthentication, 'authenticateRequest'>;
export type AuthenticateRequestResult = Awaited<ReturnType<BotAuthentication['authenticateRequest']>>;

/** The algorithms Bot Framework signs with (what botbuilder's validator allows). */
const BOT_FRAMEWORK_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);
/** botbuilder's clock tolerance for `exp` and `nbf`. */
const CLOCK_TOLERANCE_SECONDS = 300;
const MAX_TOKEN_LENGTH = 16_384;

export type TokenCheck = { ok: true; result: AuthenticateRequestResult } | { ok: false; kind: 'refused'; reason: string } | { ok: false; kind: 'unavailable'; reason: string };

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why a header cannot hold a Bot Framework token, from its shape alone (no key is fetched for these):
 * not "Bearer <jwt>", an unsigned or HMAC token, no key id, expired or not yet valid. Undefined: the
 * signature and claims still have to be checked.
 */
export function tokenShapeProblem(header: string, now: Date): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(header.trim());
  if (!match || header.length > MAX_TOKEN_LENGTH) return 'not a bearer JWT';
  const head = decodePart(match[1]);
  const payload = decodePart(match[2]);
  if (!head || !payload) return 'not a JWT';
  if (typeof head.alg !== 'string' || !BOT_FRAMEWORK_ALGORITHMS.has(head.alg)) return 'algorithm not allowed';
  if (typeof head.kid !== 'string' || !head.kid) return 'no key id';
  const seconds = now.getTime() / 1000;
  if (typeof payload.exp !== 'number' || payload.exp + CLOCK_TOLERANCE_SECONDS < seconds) return 'expired';
  if (typeof payload.nbf === 'number' && payload.nbf - CLOCK_TOLERANCE_SECONDS > seconds) return 'not yet valid';
  return undefined;
}

/** Errors that mean "this token is not good" (as against "the signing keys could not be fetched"). */
function isBadTokenError(error: unknown): boolean {
  // botframework-connector's AuthenticationError carries the status it means: 401 for a bad token, 500 when keys could not be loaded.
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof status === 'number') return status === 401 || status === 403;
  const name = (error as Error | undefined)?.name;
  return name === 'JsonWebTokenError' || name === 'TokenExpiredError' || name === 'NotBeforeError' || name === 'SyntaxError';
}

const quiet = new AsyncLocalStorage<true>();
let consoleFiltered = false;

/** botbuilder's validator prints to console.error while it checks a token; that output is dropped (only there). */
function filterValidatorConsole(): void {
  if (consoleFiltered) return;
  consoleFiltered = true;
  // The one place that touches the console: to drop what the library prints, not to print anything.
  /* eslint-disable no-console */
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (!quiet.getStore()) original(...args);
  };
  /* eslint-enable no-console */
}

export class BotTokenCheck {
  constructor(
    private readonly authentication: BotAuthentication,
    private readonly now: () => Date = () => new Date(),
  ) {
    filterValidatorConsole();
  }

  async check(activity: Partial<Activity>, header: string | undefined): Promise<TokenCheck> {
    const value = header ?? '';
    if (value) {
      const problem = tokenShapeProblem(value, this.now());
      if (problem) return { ok: false, kind: 'refused', reason: problem };
    }
    try {
      const result = await quiet.run(true, () => this.authentication.authenticateRequest(activity as Activity, value));
      return { ok: true, result };
    } catch (error) {
      if (isBadTokenError(error)) return { ok: false, kind: 'refused', reason: value ? 'signature or claims rejected' : 'no token' };
      return { ok: false, kind: 'unavailable', reason: (error as Error | undefined)?.name ?? 'Error' };
    }
  }
}
