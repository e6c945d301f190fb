import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Clock, systemClock } from '../../clock';
import { Alert, Delivery } from './alert';
import { AlertChannel, PermanentDeliveryError } from './alertChannel';
import { CareTeamDirectory } from './careTeamDirectory';
import { checkedLookup, DestinationPolicy, DEVELOPMENT_POLICY, RefusedDestinationError, Resolver, webhookUrlProblem } from './webhookDestination';

/** Standard Webhooks (standardwebhooks.com): the headers every receiver library verifies. */
export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';
/** The same value as `webhook-id`, for receivers that deduplicate on the common header. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

const STANDARD_SECRET_PREFIX = 'whsec_';

/**
 * The HMAC key of a secret: a Standard Webhooks secret (`whsec_<base64>`) is its decoded bytes; any other
 * string is used as it is (a receiver's library takes it with `{ format: 'raw' }`).
 */
export function signingKey(secret: string): Buffer {
  return secret.startsWith(STANDARD_SECRET_PREFIX) ? Buffer.from(secret.slice(STANDARD_SECRET_PREFIX.length), 'base64') : Buffer.from(secret, 'utf8');
}

/**
 * `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<raw body>")>`: the id and the timestamp (Unix seconds) are
 * inside the signature, so a receiver can refuse replays and a changed idempotency key.
 */
export function standardSignature(secret: string, id: string, timestamp: string, rawBody: string): string {
  return `v1,${createHmac('sha256', signingKey(secret)).update(`${id}.${timestamp}.${rawBody}`).digest('base64')}`;
}

/** The webhook body. The excerpt of the client's words is included only when the programme says so. */
export function webhookPayload(alert: Alert, delivery: Delivery, includeExcerpt: boolean): Record<string, unknown> {
  return {
    event: delivery.event,
    idempotencyKey: delivery.key,
    alertId: alert.alertId,
    programmeId: alert.programmeId,
    level: alert.level,
    categories: alert.categories,
    status: alert.status,
    stage: delivery.stage,
    recipient: delivery.recipient,
    clinicianId: alert.clinicianId,
    client: { key: alert.clientKey, clientId: alert.clientId, name: alert.clientName, channelId: alert.channelId },
    createdAt: alert.createdAt,
    updatedAt: alert.updatedAt,
    // The client's yes / no / unclear answers to the screening questions: no words of theirs, like the level.
    ...(alert.screening ? { screening: alert.screening } : {}),
    ...(includeExcerpt ? { excerpt: alert.excerpt } : {}),
  };
}

export interface WebhookChannelOptions {
  directory: CareTeamDirectory;
  clock?: Clock;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Which destinations are allowed (checked again on every delivery). Default: development's. */
  policy?: DestinationPolicy;
  /** Resolves host names at connection time (tests answer with a fake). */
  resolver?: Resolver;
}

/**
 * The headers that sign one webhook request (Standard Webhooks). The id is the delivery's idempotency key,
 * the same on every retry. Each active secret signs, space-separated, so a receiver keeps verifying while
 * a programme rotates its secret (the new one in `secret`, the old one in `previousSecret`).
 */
export function signedHeaders(secrets: readonly string[], timestamp: string, rawBody: string, id: string): Record<string, string> {
  return {
    [WEBHOOK_ID_HEADER]: id,
    [WEBHOOK_TIMESTAMP_HEADER]: timestamp,
    [WEBHOOK_SIGNATURE_HEADER]: secrets.map((secret) => standardSignature(secret, id, timestamp, rawBody)).join(' '),
    [IDEMPOTENCY_HEADER]: id,
  };
}

/** A receiver's answer that retrying may fix: a 5xx, a timeout (408), or "slow down" (429). */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/**
 * Signed POST of the alert to a webhook. The destination is checked again on every delivery: the URL
 * against the policy, and each address its host name resolves to, right before connecting to it. A
 * redirect is never followed (the signed body would go to a place nobody checked). A 5xx, 408, 429 or a
 * network error is a failure to retry; any other answer that is not 2xx, a refused destination, or a
 * missing secret is permanent.
 */
export class WebhookAlertChannel implements AlertChannel {
  readonly channel = 'webhook' as const;
  private readonly clock: Clock;
  private readonly policy: DestinationPolicy;
  private readonly lookup: ReturnType<typeof checkedLookup>;

  constructor(private readonly options: WebhookChannelOptions) {
    this.clock = options.clock ?? systemClock;
    this.policy = options.policy ?? DEVELOPMENT_POLICY;
    this.lookup = checkedLookup(this.policy, options.resolver);
  }

  async send(alert: Alert, delivery: Delivery): Promise<void> {
    const programme = alert.programmeId ? await this.options.directory.programme(alert.programmeId) : undefined;
    if (!programme?.webhookSecret) throw new PermanentDeliveryError('no webhook secret is configured for this programme');
    const problem = webhookUrlProblem(delivery.target, this.policy);
    if (problem) throw new PermanentDeliveryError(`the webhook URL ${problem}`);
    const body = JSON.stringify(webhookPayload(alert, delivery, programme.webhookIncludeExcerpt));
    const timestamp = String(Math.floor(this.clock.now().getTime() / 1000));
    let status: number;
    try {
      status = await post(new URL(delivery.target), { 'content-type': 'application/json', ...signedHeaders([programme.webhookSecret, ...(programme.webhookPreviousSecret ? [programme.webhookPreviousSecret] : [])], timestamp, body, delivery.key) }, body, {
        lookup: this.lookup,
        timeoutMs: this.options.timeoutMs ?? 15000,
      });
    } catch (error) {
      if (error instanceof RefusedDestinationError) throw new PermanentDeliveryError(error.message);
      throw error;
    }
    if (status >= 200 && status < 300) return;
    if (status >= 300 && status < 400) throw new PermanentDeliveryError(`webhook answered ${status} (a redirect, which is never followed: set the final URL)`);
    if (isRetryableStatus(status)) throw new Error(`webhook answered ${status}`);
    throw new PermanentDeliveryError(`webhook answered ${status}`);
  }
}

/** One POST with node:http(s), connecting through `lookup`; resolves with the status (the body is drained). */
function post(url: URL, headers: Record<string, string>, body: string, options: { lookup: ReturnType<typeof checkedLookup>; timeoutMs: number }): Promise<number> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: options.lookup as unknown as LookupFunction,
        // One connection per delivery: a pooled socket would skip the address check of this delivery.
        agent: false,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res) => {
        res.on('error', reject);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.resume();
      },
    );
    req.on('error', (error) => reject(error.name === 'AbortError' ? new Error(`no answer within ${options.timeoutMs} ms`) : error));
    req.end(body);
  });
}
