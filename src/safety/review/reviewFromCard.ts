import { Language, t } from '../../i18n';
import { AlertService } from '../escalation/alertService';
import { REVIEW_OUTCOMES, REVIEW_REASONS, ReviewOutcome, ReviewReason, reviewReasonInputId } from './alertReview';

/**
 * A "Needed" / "False alarm" press on an alert card (the Teams alert card or the inbox), from a roster
 * clinician (ClinicianTurns) or from anyone else the card reached, such as a programme's on-call (the safety
 * guard). Teams sends the button's data with the card's inputs as strings: the reason is the chosen value,
 * or empty when none was. Returns what to say to the person who pressed it.
 */
export async function reviewFromCard(alerts: AlertService, language: Language, aadObjectId: string | undefined, value: Record<string, unknown>): Promise<string[]> {
  const alertId = typeof value.alertId === 'string' ? value.alertId : undefined;
  const outcome = REVIEW_OUTCOMES.find((o) => o === value.outcome);
  if (!alertId || !outcome) return [t(language, 'safety.review.notFound')];
  const rawReason = value[reviewReasonInputId(alertId)];
  const reason = REVIEW_REASONS.find((r) => r === rawReason);
  if (rawReason !== undefined && rawReason !== '' && !reason) return [t(language, 'safety.review.invalid')];
  const result = await alerts.review(alertId, aadObjectId, { outcome, ...(reason ? { reason } : {}) });
  if (result.outcome !== 'reviewed') return [t(language, `safety.review.${result.outcome}`)];
  return [t(language, 'safety.review.saved', { outcome: outcomeWords(language, outcome, reason) }), ...(result.open ? [t(language, 'safety.review.stillOpen')] : [])];
}

const outcomeWords = (language: Language, outcome: ReviewOutcome, reason: ReviewReason | undefined) =>
  reason ? `${t(language, `safety.review.outcome.${outcome}`)} (${t(language, `safety.review.reason.${reason}`)})` : t(language, `safety.review.outcome.${outcome}`);
