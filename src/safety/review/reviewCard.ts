/**
 * The review controls shown with an alert on a card (the Teams alert card and the clinician's inbox): an
 * optional reason from the fixed list, and "Needed" / "False alarm" buttons beside Acknowledge.
 */
import { Language, t } from '../../i18n';
import { REVIEW_ACTION, REVIEW_OUTCOMES, REVIEW_REASONS, ReviewOutcome, ReviewReason, reviewReasonInputId } from './alertReview';

type Element = Record<string, unknown>;

/** The card line that says how the alert was reviewed, e.g. "Reviewed: false alarm (idiom or hyperbole)". */
export function reviewLabel(language: Language, outcome: ReviewOutcome, reason?: ReviewReason): string {
  const verdict = t(language, `safety.review.outcome.${outcome}`);
  return reason ? t(language, 'safety.review.labelWithReason', { outcome: verdict, reason: t(language, `safety.review.reason.${reason}`) }) : t(language, 'safety.review.label', { outcome: verdict });
}

/** The body elements: the question and the optional reason (its value comes back with either button). */
export function reviewInputs(language: Language, alertId: string, current?: ReviewReason): Element[] {
  return [
    { type: 'TextBlock', text: t(language, 'safety.review.question'), wrap: true, weight: 'Bolder', separator: true },
    {
      type: 'Input.ChoiceSet',
      id: reviewReasonInputId(alertId),
      label: t(language, 'safety.review.reasonLabel'),
      style: 'compact',
      isRequired: false,
      placeholder: t(language, 'safety.review.reasonPlaceholder'),
      ...(current ? { value: current } : {}),
      choices: REVIEW_REASONS.map((reason) => ({ title: t(language, `safety.review.reason.${reason}`), value: reason })),
    },
  ];
}

/** The "Needed" and "False alarm" submit actions. */
export function reviewActions(language: Language, alertId: string): Element[] {
  return REVIEW_OUTCOMES.map((outcome) => ({ type: 'Action.Submit', title: t(language, `safety.review.outcome.${outcome}Button`), data: { action: REVIEW_ACTION, alertId, outcome } }));
}
