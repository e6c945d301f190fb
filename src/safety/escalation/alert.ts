import { z } from 'zod';
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
  status: z.enum(['pending', 'sending', 'delivered', 'cancelled']),
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
  event: z.enum(['created', 'updated', 'raised', 'unrouted', 'routed', 'delivered', 'failed', 'escalated', 'acknowledged', 'acknowledge_refused', 'cancelled', 'screening_answers', 'reviewed', 'review_refused']),
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
  /** Short excerpt of the words that raised it (never logged). */
  excerpt: z.string(),
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
  /** Notification rounds so far (1 on creation, +1 on a rise from concern to urgent). */
  round: z.number().int(),
  /** True while no one at all could be told (no programme configured). */
  unrouted: z.boolean(),
  deliveries: z.array(deliverySchema),
  nextActionAt: z.number().nullable(),
  audit: z.array(auditEntrySchema),
})
  // Fields other parts of the service add (e.g. the programme API) survive our read-modify-write.
  .passthrough();
export type Alert = z.infer<typeof alertSchema>;

export const ALERT_ID_PREFIX = 'alert:';

/** Longest excerpt kept on an alert. */
export const MAX_EXCERPT_CHARS = 500;

/** Delay before retry n (1-based): base × 2^(n−1), at most ten minutes. */
export function backoffMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 10 * 60 * 1000);
}

/** When the outbox next has something to do for this alert, or null. */
export function computeNextActionAt(alert: Alert, ackTimeoutMs: number): number | null {
  const times: number[] = [];
  for (const delivery of alert.deliveries) {
    if (delivery.status === 'pending') times.push(delivery.nextAttemptAt);
    if (delivery.status === 'sending') times.push(delivery.claimedUntil ?? 0);
  }
  if (alert.status === 'open' && alert.stage !== 'exhausted' && !alert.unrouted) times.push(alert.stageStartedAt + ackTimeoutMs);
  if (alert.unrouted) times.push(alert.stageStartedAt + ackTimeoutMs);
  return times.length ? Math.min(...times) : null;
}
