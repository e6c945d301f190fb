import * as vega from 'vega';
import { INSTRUMENTS, maxTotal } from '../measures/instruments';
import type { MeasureOutcome } from '../measures/measureSummary';
import { CHART_FRAME, MOOD_CHART_HEIGHT, MOOD_CHART_WIDTH, renderChart } from './moodChart';

/**
 * The PHQ-9 and GAD-7 totals over the course as lines, one per instrument, each as a share of its maximum
 * (27 and 21) so both fit one axis; the points carry the totals as labels.
 */
export function measuresChartSpec(outcomes: readonly MeasureOutcome[]): vega.Spec {
  const values = outcomes.flatMap((o) => o.series.map((p) => ({ date: p.date, instrument: INSTRUMENTS[o.instrument].title, share: p.total / maxTotal(INSTRUMENTS[o.instrument]), total: p.total })));
  return {
    ...CHART_FRAME,
    data: [{ name: 'scores', values, format: { parse: { date: 'date' } } }],
    scales: [
      { name: 'x', type: 'utc', domain: { data: 'scores', field: 'date' }, range: [40, MOOD_CHART_WIDTH - 20], nice: false },
      { name: 'y', type: 'linear', domain: [0, 1], range: [MOOD_CHART_HEIGHT - 20, 10] },
      { name: 'colour', type: 'ordinal', domain: ['PHQ-9', 'GAD-7'], range: ['#4f6bed', '#d4693b'] },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', offset: -20, labelFontSize: 10, tickCount: 6, format: '%m-%d' },
      { orient: 'left', scale: 'y', offset: -40, tickCount: 4, grid: true, format: '.0%', labelFontSize: 10 },
    ],
    legends: [{ fill: 'colour', orient: 'top-right', labelFontSize: 10 }],
    marks: [
      {
        type: 'group',
        from: { facet: { name: 'series', data: 'scores', groupby: 'instrument' } },
        marks: [
          { type: 'line', from: { data: 'series' }, encode: { enter: { x: { scale: 'x', field: 'date' }, y: { scale: 'y', field: 'share' }, stroke: { scale: 'colour', field: 'instrument' }, strokeWidth: { value: 2 } } } },
          { type: 'symbol', from: { data: 'series' }, encode: { enter: { x: { scale: 'x', field: 'date' }, y: { scale: 'y', field: 'share' }, fill: { scale: 'colour', field: 'instrument' }, size: { value: 30 } } } },
          { type: 'text', from: { data: 'series' }, encode: { enter: { x: { scale: 'x', field: 'date' }, y: { scale: 'y', field: 'share', offset: -6 }, text: { field: 'total' }, align: { value: 'center' }, fontSize: { value: 10 } } } },
        ],
      },
    ],
  };
}

export async function measuresChartDataUri(outcomes: readonly MeasureOutcome[]): Promise<string> {
  return `data:image/png;base64,${(await renderChart(measuresChartSpec(outcomes))).toString('base64')}`;
}
