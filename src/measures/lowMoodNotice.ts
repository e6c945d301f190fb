/**
 * The clinician's notice of a sustained low mood: one document per episode in the client's partition
 * (`lowMoodNotice:<episode id>`), created once whichever instance gets there first, and its own outbox:
 * `delivery` is the Teams card owed to the assigned clinician and `nextActionAt` (epoch ms, null when
 * nothing is owed) is what the notice outbox looks for. It is not a safety alert: nobody acknowledges
 * it, it is never escalated, and the on-call never hears of it.
 *
 * Notices stored before they had a delivery of their own (they went out as alerts) have only the ids.
 */
import { z } from 'zod';

export const LOW_MOOD_NOTICE_KIND = 'lowMoodNotice';

export function lowMoodNoticeId(episodeId: string): string {
  return `${LOW_MOOD_NOTICE_KIND}:${episodeId}`;
}

const band = z.enum(['minimal', 'mild', 'moderate', 'moderatelySevere', 'severe']);

export const lowMoodFactsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mood'), lowDays: z.number().int(), windowDays: z.number().int(), moods: z.array(z.number().int()) }).strict(),
  measureFacts('phq9'),
  measureFacts('gad7'),
]);

function measureFacts<K extends 'phq9' | 'gad7'>(kind: K) {
  return z.object({ kind: z.literal(kind), latest: z.number().int(), band, baseline: z.number().int(), change: z.number().int() }).strict();
}

export const NOTICE_DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'failed', 'undeliverable'] as const;

export const noticeDeliverySchema = z.object({
  channel: z.literal('teams'),
  /** The assigned clinician's AAD object id. */
  target: z.string(),
  /** Sent with every attempt (`channelData.idempotencyKey`), the same on a retry. */
  key: z.string(),
  /** undeliverable: nobody to send it to (no assigned clinician in Teams); failed: given up after retries. */
  status: z.enum(NOTICE_DELIVERY_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.number(),
  claimToken: z.string().optional(),
  claimedUntil: z.number().optional(),
  deliveredAt: z.string().optional(),
  /** Why the last attempt failed (never personal data). */
  lastError: z.string().optional(),
});
export type NoticeDelivery = z.infer<typeof noticeDeliverySchema>;

export const lowMoodNoticeSchema = z.object({
  kind: z.literal(LOW_MOOD_NOTICE_KIND),
  clientId: z.string(),
  episodeId: z.string(),
  createdAt: z.string(),
  facts: lowMoodFactsSchema.optional(),
  programmeId: z.string().optional(),
  clinicianId: z.string().optional(),
  /** The name the client gave the bot, shown on the card as on alert cards; absent when they gave none. */
  clientName: z.string().optional(),
  delivery: noticeDeliverySchema.optional(),
  nextActionAt: z.number().nullable().optional(),
});
export type LowMoodNotice = z.infer<typeof lowMoodNoticeSchema>;
