/**
 * The Teams card of a low-mood notice: who (the name the client gave, as on alert cards), what was seen
 * (numbers only: check-in moods, or the PHQ-9 or GAD-7 total, band, baseline and change), when, and a way to the
 * summary. No Acknowledge: nobody waits for one.
 */
import { DateTime } from 'luxon';
import { Language, t } from '../i18n';
import { ADAPTIVE_CARD } from '../adaptiveCard';
import type { LowMoodNotice } from '../measures/lowMoodNotice';
import { INSTRUMENTS } from '../measures/instruments';
import { CLINICIAN_ACTIONS } from './cards';

const signed = (points: number) => (points > 0 ? `+${points}` : points < 0 ? `−${-points}` : '±0');

export function lowMoodNoticeCard(notice: LowMoodNotice, language: Language, timeZone: string | undefined): Record<string, unknown> {
  const facts = notice.facts;
  const when = DateTime.fromISO(notice.createdAt, { zone: timeZone ?? 'UTC' }).setLocale(language).toLocaleString(DateTime.DATETIME_MED);
  const rows: Array<{ title: string; value: string }> = [{ title: t(language, 'clinician.notice.client'), value: notice.clientName ?? t(language, 'safety.alertCard.unnamedClient') }];
  if (facts?.kind === 'mood') {
    rows.push(
      { title: t(language, 'clinician.notice.what'), value: t(language, 'clinician.notice.mood', { lowDays: facts.lowDays, windowDays: facts.windowDays }) },
      { title: t(language, 'clinician.notice.moods'), value: facts.moods.join(', ') },
    );
  } else if (facts) {
    const instrument = INSTRUMENTS[facts.kind];
    rows.push(
      { title: t(language, 'clinician.notice.what'), value: t(language, 'clinician.notice.worse', { title: instrument.title, points: instrument.reliableChange }) },
      { title: t(language, 'clinician.notice.latest'), value: `${facts.latest} (${t(language, `clinician.band.${facts.band}`)})` },
      { title: t(language, 'clinician.notice.baseline'), value: String(facts.baseline) },
      { title: t(language, 'clinician.notice.change'), value: signed(facts.change) },
    );
  }
  rows.push({ title: t(language, 'clinician.notice.when'), value: when });
  return {
    ...ADAPTIVE_CARD,
    body: [
      { type: 'TextBlock', text: t(language, 'clinician.notice.title'), weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts: rows },
      { type: 'TextBlock', text: t(language, 'clinician.notice.note'), wrap: true, isSubtle: true },
    ],
    actions: [{ type: 'Action.Submit', title: t(language, 'clinician.action.summary'), data: { action: CLINICIAN_ACTIONS.summary, clientId: notice.clientId } }],
  };
}
