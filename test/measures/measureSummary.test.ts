import assert from 'node:assert/strict';
import { Measure } from '../../src/client/records';
import { buildSummary, summarySchema } from '../../src/clinician/summary';
import { measureLines } from '../../src/clinician/measureLines';
import { summaryCard } from '../../src/clinician/cards';
import { bandOf } from '../../src/measures/scoring';
import { INSTRUMENTS } from '../../src/measures/instruments';

const clock = { now: () => new Date('2026-12-10T12:00:00Z') };

function measure(instrument: 'phq9' | 'gad7', total: number, localDate: string): Measure {
  const at = `${localDate}T10:00:00.000Z`;
  const count = INSTRUMENTS[instrument].itemCodes.length;
  // Any answers with this total: as many 3s as fit, then the rest.
  const answers = Array.from({ length: count }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));
  return { kind: 'measure', clientId: 'c', createdAt: at, updatedAt: at, id: `${instrument}-${localDate}`, instrument, version: 'v', language: 'en', startedAt: at, completedAt: at, localDate, answers, total, band: bandOf(INSTRUMENTS[instrument], total), source: 'scheduled' };
}

const empty = { timeZone: 'Europe/Madrid', checkIns: [], problems: [], nudges: [], alerts: [], communicationAnalyses: [], scripts: [], reflections: [] };

describe('outcome measures in the clinician’s summary', () => {
  it('shows the latest score and band, the change since baseline and since the last measure, over the whole course', () => {
    const summary = buildSummary(
      { ...empty, measures: [measure('phq9', 10, '2026-11-29'), measure('phq9', 18, '2026-11-01'), measure('phq9', 14, '2026-11-15'), measure('gad7', 6, '2026-11-01'), measure('gad7', 11, '2026-11-29')] },
      { days: 7 },
      clock,
    );
    summarySchema.parse(summary);
    const [phq9, gad7] = summary.measures ?? [];
    assert.deepEqual(
      { ...phq9, series: undefined },
      {
        instrument: 'phq9',
        count: 3,
        baseline: { total: 18, date: '2026-11-01' },
        latest: { total: 10, band: 'moderate', date: '2026-11-29' },
        sinceBaseline: { points: -8, reliable: 'improved' },
        sinceLast: { points: -4, reliable: 'none' },
        response: false,
        remission: false,
        series: undefined,
      },
    );
    assert.deepEqual(phq9.series.map((p) => p.total), [18, 14, 10]);
    assert.deepEqual(gad7.sinceBaseline, { points: 5, reliable: 'worsened' });

    assert.deepEqual(measureLines('en', summary.measures ?? []), [
      'PHQ-9: 10 (moderate) on 2026-11-29',
      '−8 since baseline (18 on 2026-11-01) · −4 since the last measure',
      'Reliable improvement since baseline.',
      'GAD-7: 11 (moderate) on 2026-11-29',
      '+5 since baseline (6 on 2026-11-01) · +5 since the last measure',
      'Reliable worsening since baseline: worth raising in the session.',
    ]);
    const card = JSON.stringify(summaryCard('es', 'c', 'MRN-1', summary, 'data:image/png;base64,'));
    assert.ok(card.includes('Medidas de resultado'));
    assert.ok(card.includes('Empeoramiento fiable desde la línea base'));
  });

  it('says nothing about measures when none was completed', () => {
    const summary = buildSummary(empty, { days: 7 }, clock);
    assert.equal(summary.measures, undefined);
    assert.ok(!JSON.stringify(summaryCard('en', 'c', 'MRN-1', summary, 'data:image/png;base64,')).includes('Outcome measures'));
  });
});
