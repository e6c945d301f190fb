import assert from 'node:assert/strict';
import { Measure } from '../../src/client/records';
import { buildSummary, summarySchema } from '../../src/clinician/summary';
import { measureLines } from '../../src/clinician/measureLines';
import { summaryCard } from '../../src/clinician/cards';
import { bandOf } from '../../src/measures/scoring';
import { INSTRUMENTS } from '../../src/measures/instruments';
import { PNG } from 'pngjs';
import { measuresChartDataUri } from '../../src/clinician/measuresChart';
import { MOOD_CHART_HEIGHT, MOOD_CHART_WIDTH } from '../../src/clinician/moodChart';

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

describe('outcome measures chart', () => {
  it('draws the PHQ-9 and GAD-7 totals over the course as a PNG with the existing renderer', async () => {
    const summary = buildSummary({ ...empty, measures: [measure('phq9', 18, '2026-11-01'), measure('phq9', 9, '2026-11-15'), measure('gad7', 12, '2026-11-01')] }, { days: 7 }, clock);
    const uri = await measuresChartDataUri(summary.measures ?? []);
    const png = PNG.sync.read(Buffer.from(uri.replace('data:image/png;base64,', ''), 'base64'));
    assert.equal(png.width, MOOD_CHART_WIDTH);
    assert.equal(png.height, MOOD_CHART_HEIGHT);
    // The PHQ-9 line's blue (#4f6bed) and the GAD-7 point's orange (#d4693b) are both drawn.
    const has = (r: number, g: number, b: number) => {
      for (let i = 0; i < png.data.length; i += 4) if (Math.abs(png.data[i] - r) < 8 && Math.abs(png.data[i + 1] - g) < 8 && Math.abs(png.data[i + 2] - b) < 8) return true;
      return false;
    };
    assert.ok(has(0x4f, 0x6b, 0xed), 'PHQ-9 drawn');
    assert.ok(has(0xd4, 0x69, 0x3b), 'GAD-7 drawn');
    const card = JSON.stringify(summaryCard('en', 'c', 'MRN-1', summary, 'data:image/png;base64,', { measuresChart: uri }));
    assert.ok(card.includes(uri.slice(0, 60)));
  });
});
