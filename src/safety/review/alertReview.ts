import { z } from 'zod';

/**
 * A clinician's verdict on a safety alert after seeing it: was it needed, or a false alarm? The verdict is
 * kept on the alert (last one wins, every one in its audit trail) and, where the programme allows it,
 * becomes a candidate line for the screening corpus.
 */
export const REVIEW_OUTCOMES = ['needed', 'false_alarm'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** Why, from a fixed list, so the corpus can learn the kind of mistake (free text could carry names). */
export const REVIEW_REASONS = ['idiom_hyperbole', 'fiction_news', 'third_party', 'past_history', 'other'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export const reviewSchema = z
  .object({
    outcome: z.enum(REVIEW_OUTCOMES).describe('needed = the alert was right to be raised; false_alarm = it was not.'),
    reason: z.enum(REVIEW_REASONS).optional().describe('Why (optional): idiom_hyperbole, fiction_news, third_party, past_history or other.'),
  })
  .strict();
export type Review = z.infer<typeof reviewSchema>;

/** The card's "Needed" and "False alarm" buttons submit this; ClinicianTurns handles it. */
export const REVIEW_ACTION = 'reviewAlert';

/** The id of the reason input on a card: one per alert, since the inbox shows several alerts on one card. */
export const reviewReasonInputId = (alertId: string): string => `reviewReason:${alertId}`;

export type ReviewResult = { outcome: 'reviewed'; open: boolean } | { outcome: 'refused' | 'notFound' };
