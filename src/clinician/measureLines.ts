import { Language, t } from '../i18n';
import { INSTRUMENTS } from '../measures/instruments';
import type { MeasureOutcome } from '../measures/measureSummary';

const signed = (points: number) => (points > 0 ? `+${points}` : points < 0 ? `−${-points}` : '±0');

/** The clinician's lines for the outcome measures: latest score and band, change, and what it means. */
export function measureLines(language: Language, outcomes: readonly MeasureOutcome[]): string[] {
  return outcomes.flatMap((o) => {
    const instrument = INSTRUMENTS[o.instrument].title;
    const lines = [t(language, 'clinician.summary.measure', { instrument, total: o.latest.total, band: t(language, `clinician.band.${o.latest.band}`), date: o.latest.date })];
    if (o.sinceBaseline && o.sinceLast) {
      lines.push(
        t(language, 'clinician.summary.measureChange', { sinceBaseline: signed(o.sinceBaseline.points), baseline: o.baseline.total, baselineDate: o.baseline.date, sinceLast: signed(o.sinceLast.points) }),
      );
      if (o.sinceBaseline.reliable !== 'none') lines.push(t(language, `clinician.summary.measureReliable.${o.sinceBaseline.reliable}`));
      else if (o.sinceLast.reliable === 'worsened') lines.push(t(language, 'clinician.summary.measureReliableLast.worsened'));
      if (o.response) lines.push(t(language, 'clinician.summary.measureResponse'));
    }
    if (o.remission && o.count > 1) lines.push(t(language, 'clinician.summary.measureRemission'));
    return lines;
  });
}
