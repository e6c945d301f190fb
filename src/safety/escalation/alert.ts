import { z } from 'zod';
import { cssrsAnswersSchema } from '../cssrs';
import { REVIEW_OUTCOMES, REVIEW_REASONS } from '../review/alertReview';

/**
 * The stored safety alert: one document per alert in the `alerts` container, partition = alert id.
 * It is its own outbox: `deliveries` lists every notification owed, and `nextActionAt` (epoch ms, or
 * null when nothing is owed) is what the outbox worker queries to find work.
 */
export const RISK_LEVELS = ['none', 'concern', 'urgent'] as const;
export const RISK_CATEGORIES = ['self_harm_suicide', 'harm_to_others', 'harmed_by_others', 'disordered_eating', 'third_party'] as const;

export const STAGES = ['primary', 'backup', 'oncall', 'exhausted'] as const;
export type Stage = (typeof STAGES)[number];

export const recipientSchema = z.object({
  role: z.enum(['assigned', 'backup', 'oncall', 'programme']),
  clinicianId: z.string().optional(),
  name: z.string().optional(),
});
export type Recipient = z.infer<typeof recipientSchema>;

export const deliverySchema = z.object({
  /** Idempotency key: alert id, notification round, recipient and channel. Sent with every attempt. */
  key: z.string(),
  round: z.number().int(),
  stage: z.enum(STAGES),
  event: z.enum(['alert.created', 'alert.raised', 'alert.escalated']),
  recipient: recipientSchema,
  channel: z.enum(['teams', 'webhook']),
  /** Teams: the recipient's AAD object id. Webhook: the URL. */
  target: z.string(),
  /** failed: refused for good (a 4xx, a refused destination, no secret); never retried. */
  status: z.enum(['pending', 'sending', 'delivered', 'cancelled', 'failed']),
  attempts: z.number().int(),
  /** Epoch ms: when a pending delivery may be tried (again). */
  nextAttemptAt: z.number(),
  /** Epoch ms: a claimed ("sending") delivery whose claim ran out is tried again (its sender crashed). */
  claimedUntil: z.number().optional(),
  claimToken: z.string().optional(),
  deliveredAt: z.string().optional(),
  lastError: z.string().optional(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const auditEntrySchema = z.object({
  at: z.string(),
  event: z.enum(['created', 'updated', 'raised', 'unrouted', 'routed', 'delivered', 'failed', 'escalated', 'acknowledged', 'acknowledge_refused', 'cancelled', 'screening_answers', 'client_erased', 'reviewed', 'review_refused']),
  level: z.enum(RISK_LEVELS).optional(),
  stage: z.enum(STAGES).optional(),
  deliveryKey: z.string().optional(),
  channel: z.enum(['teams', 'webhook']).optional(),
  /** Who did it: a clinician id / AAD object id, or "system". */
  by: z.string().optional(),
  detail: z.string().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const alertSchema = z.object({
  kind: z.literal('safetyAlert'),
  alertId: z.string(),
  /** The chat identity: `<channelId>:<from.id>`. */
  clientKey: z.string(),
  /** The client record's id (`clients` partition) when the person has one. */
  clientId: z.string().optional(),
  clientName: z.string().optional(),
  channelId: z.string(),
  channelUserId: z.string(),
  language: z.enum(['en', 'es']),
  level: z.enum(RISK_LEVELS),
  categories: z.array(z.enum(RISK_CATEGORIES)),
  /** Short excerpt of the words that raised it (never logged); empty once the client deleted their data. */
  excerpt: z.string(),
  /** When the client deleted their data: identity and words are gone, the clinical record stays (see alertErasure). */
  clientErasedAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The client's conversation reference, so a clinician's tool could reach the conversation. */
  conversationReference: z.record(z.unknown()),
  programmeId: z.string().optional(),
  clinicianId: z.string().optional(),
  backupClinicianId: z.string().optional(),
  status: z.enum(['open', 'acknowledged']),
  acknowledgedAt: z.string().optional(),
  acknowledgedBy: z.string().optional(),
  /** The latest clinician review (needed / false alarm); earlier ones are in the audit trail. */
  reviewOutcome: z.enum(REVIEW_OUTCOMES).optional(),
  reviewReason: z.enum(REVIEW_REASONS).optional(),
  reviewedAt: z.string().optional(),
  reviewedBy: z.string().optional(),
  stage: z.enum(STAGES),
  /** Epoch ms when the current stage's notifications were first due: the acknowledgement timer starts here. */
  stageStartedAt: z.number(),
  /** The programme's acknowledgement timeout when the alert was routed; absent on older alerts (the default applies). */
  ackTimeoutMinutes: z.number().positive().optional(),
  /** Notification rounds so far (1 on creation, +1 on a rise from concern to urgent). */
  round: z.number().int(),
  /** True while no one at all could be told (no programme configured). */
  unrouted: z.boolean(),
  deliveries: z.array(deliverySchema),
  nextActionAt: z.number().nullable(),
  audit: z.array(auditEntrySchema),
  /** The client's answers to the C-SSRS screen questions in the chat, as far as they got (yes / no / unclear). */
  screening: cssrsAnswersSchema.optional(),
})
  // Fields other parts of the service add (e.g. the programme API) survive our read-modify-write.
  .passthrough();
export type Alert = z.infer<typeof alertSchema>;

export const ALERT_ID_PREFIX = 'alert:';

/** Longest excerpt kept on an alert. */
export const MAX_EXCERPT_CHARS = 500;

/**
 * How long a closed alert (acknowledged, nothing left to send) is kept when its programme does not say:
 * a year covers a whole IPT course (12–16 weeks) and leaves time to review an incident or answer a
 * complaint about it afterwards. The clinic's own clinical record is where it is kept for longer.
 */
export const DEFAULT_CLOSED_ALERT_RETENTION_DAYS = 365;

/**
 * When the alert closed: acknowledged and nothing left to send or escalate. Undefined while it is open or
 * a delivery is still owed (an unacknowledged alert is never closed, however old).
 */
export function closedAt(alert: Alert): number | undefined {
  if (alert.status !== 'acknowledged' || alert.nextActionAt !== null || !alert.acknowledgedAt) return undefined;
  if (alert.deliveries.some((d) => d.status === 'pending' || d.status === 'sending')) return undefined;
  const times = [Date.parse(alert.acknowledgedAt), ...alert.deliveries.map((d) => (d.deliveredAt ? Date.parse(d.deliveredAt) : 0))];
  return Math.max(...times);
}

/**
 * Delay before retry n (1-based): base × 2^(n−1), at most ten minutes, less up to a fifth at random so
 * that many instances retrying one receiver after an outage do not all arrive at once. The jitter only
 * shortens the wait: a retry never comes later than the plain backoff says.
 */
export function backoffMs(attempts: number, baseMs: number, random: () => number = Math.random): number {
  const plain = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 10 * 60 * 1000);
  return Math.round(plain * (1 - 0.2 * Math.min(1, Math.max(0, random()))));
}

/** The alert's acknowledgement timeout: its programme's, or `defaultMs` when it has none. */
export function ackTimeoutMsOf(alert: Pick<Alert, 'ackTimeoutMinutes'>, defaultMs: number): number {
  return alert.ackTimeoutMinutes !== undefined ? alert.ackTimeoutMinutes * 60 * 1000 : defaultMs;
}

/** When the outbox next has something to do for this alert, or null. `defaultAckTimeoutMs` applies when the alert has no timeout of its own. */
export function computeNextActionAt(alert: Alert, defaultAckTimeoutMs: number): number | null {
  const ackTimeoutMs = ackTimeoutMsOf(alert, defaultAckTimeoutMs);
  const times: number[] = [];
  for (const delivery of alert.deliveries) {
    if (delivery.status === 'pending') times.push(delivery.nextAttemptAt);
    if (delivery.status === 'sending') times.push(delivery.claimedUntil ?? 0);
  }
  if (alert.status === 'open' && alert.stage !== 'exhausted' && !alert.unrouted) times.push(alert.stageStartedAt + ackTimeoutMs);
  if (alert.unrouted) times.push(alert.stageStartedAt + ackTimeoutMs);
  return times.length ? Math.min(...times) : null;
}
