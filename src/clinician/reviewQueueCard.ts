/**
 * The second card of the clinician's inbox: alerts already acknowledged that nobody has reviewed yet, each
 * with the review controls. Acknowledging comes first in a crisis; this is where the verdict can follow.
 */
import { DateTime } from 'luxon';
import { Language, t } from '../i18n';
import { ADAPTIVE_CARD } from '../adaptiveCard';
import { reviewActions, reviewInputs } from '../safety/review/reviewCard';
import { InboxItem } from './cards';

export function reviewQueueCard(language: Language, items: readonly Omit<InboxItem, 'escalated'>[], zone: string): Record<string, unknown> {
  const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: value, wrap: true, ...extra });
  const body: unknown[] = [text(t(language, 'clinician.inbox.toReviewTitle'), { weight: 'Bolder', size: 'Medium' }), text(t(language, 'clinician.inbox.toReviewHint'), { isSubtle: true, spacing: 'None' })];
  for (const { alert, clientLabel } of items) {
    const time = DateTime.fromISO(alert.createdAt, { zone }).setLocale(language).toFormat('d LLL HH:mm');
    body.push({
      type: 'Container',
      separator: true,
      items: [
        text(t(language, 'clinician.inbox.item', { level: t(language, `clinician.level.${alert.level}`), client: clientLabel, time }), { weight: 'Bolder' }),
        ...reviewInputs(language, alert.alertId),
        { type: 'ActionSet', actions: reviewActions(language, alert.alertId) },
      ],
    });
  }
  return { ...ADAPTIVE_CARD, body };
}
