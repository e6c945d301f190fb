import { createHmac, timingSafeEqual } from 'node:crypto';
import { Clock, systemClock } from '../../clock';
import { Alert, Delivery } from './alert';
import { AlertChannel } from './alertChannel';
import { CareTeamDirectory } from './careTeamDirectory';

export const SIGNATURE_HEADER = 'x-ipt-signature';
export const TIMESTAMP_HEADER = 'x-ipt-timestamp';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<raw body>"). The timestamp (Unix seconds, also sent
 * in `X-IPT-Timestamp`) is inside the signature so a receiver can refuse replays of old requests.
 */
export function signWebhook(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time. */
export function verifyWebhook(secret: string, timestamp: string, rawBody: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
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
  fetch?: typeof fetch;
}

/** Signed POST of the alert to a webhook; a non-2xx answer or a network error is a failure to retry. */
export class WebhookAlertChannel implements AlertChannel {
  readonly channel = 'webhook' as const;
  private readonly clock: Clock;

  constructor(private readonly options: WebhookChannelOptions) {
    this.clock = options.clock ?? systemClock;
  }

  async send(alert: Alert, delivery: Delivery): Promise<void> {
    const programme = alert.programmeId ? await this.options.directory.programme(alert.programmeId) : undefined;
    if (!programme?.webhookSecret) throw new Error('no webhook secret is configured for this programme');
    const body = JSON.stringify(webhookPayload(alert, delivery, programme.webhookIncludeExcerpt));
    const timestamp = String(Math.floor(this.clock.now().getTime() / 1000));
    const response = await (this.options.fetch ?? fetch)(delivery.target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signWebhook(programme.webhookSecret, timestamp, body),
        [TIMESTAMP_HEADER]: timestamp,
        [IDEMPOTENCY_HEADER]: delivery.key,
      },
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 15000),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`webhook answered ${response.status}`);
  }
}
