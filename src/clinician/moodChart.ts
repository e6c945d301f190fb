import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { Summary } from './summary';
import { yieldToEventLoop } from './yieldToEventLoop';

export const MOOD_CHART_WIDTH = 480;
export const MOOD_CHART_HEIGHT = 200;
/**
 * Most bars drawn. A longer period is drawn as weekly means: rendering is synchronous work on the event
 * loop (about 135 ms for a year of days against 25 ms for a year of weeks, here) and a bar a day stops
 * being readable at this width long before a year.
 */
export const MAX_CHART_BARS = 62;

/** The mood to draw: by day, or as the mean of each 7-day run from the first day when there are too many days. */
export function chartPoints(mood: Summary['mood']): Summary['mood'] {
  if (mood.length <= MAX_CHART_BARS) return mood;
  const weeks: Summary['mood'] = [];
  for (let start = 0; start < mood.length; start += 7) {
    const moods = mood.slice(start, start + 7).flatMap((m) => (m.mood === null ? [] : [m.mood]));
    weeks.push({ date: mood[start].date, mood: moods.length ? Math.round((moods.reduce((sum, m) => sum + m, 0) / moods.length) * 10) / 10 : null });
  }
  return weeks;
}

/** The size and frame every chart a card shows shares: fixed, no padding, on white. */
export const CHART_FRAME = { width: MOOD_CHART_WIDTH, height: MOOD_CHART_HEIGHT, padding: 0, autosize: { type: 'none' }, background: 'white' } as const;

/** A Vega bar chart of mood (0–10) by day (or week, see chartPoints); days without a check-in have no bar. Fixed size, no padding. */
export function moodChartSpec(mood: Summary['mood']): vega.Spec {
  return {
    ...CHART_FRAME,
    data: [{ name: 'mood', values: chartPoints(mood).map((m) => ({ day: m.date.slice(5), mood: m.mood })) }],
    scales: [
      { name: 'x', type: 'band', domain: { data: 'mood', field: 'day' }, range: [30, MOOD_CHART_WIDTH - 5], padding: 0.2 },
      { name: 'y', type: 'linear', domain: [0, 10], range: [MOOD_CHART_HEIGHT - 20, 5] },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', offset: -20, labelFontSize: 10 },
      { orient: 'left', scale: 'y', offset: -30, tickCount: 5, grid: true, labelFontSize: 10 },
    ],
    marks: [
      {
        type: 'rect',
        from: { data: 'mood' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'day' },
            width: { scale: 'x', band: 1 },
            y: { scale: 'y', field: 'mood' },
            y2: { scale: 'y', value: 0 },
            fill: { value: '#4f6bed' },
            fillOpacity: { signal: 'datum.mood === null ? 0 : 1' },
          },
        },
      },
    ],
  };
}

/** The mood chart as a PNG (Vega renders SVG headless; resvg rasterises it: no browser). */
export async function renderMoodChart(mood: Summary['mood']): Promise<Buffer> {
  return renderChart(moodChartSpec(mood));
}

/** Any Vega chart as a PNG, the same way. */
export async function renderChart(spec: vega.Spec): Promise<Buffer> {
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  // Rasterising is synchronous: let a waiting chat turn go first.
  await yieldToEventLoop();
  return Buffer.from(new Resvg(svg, { font: { loadSystemFonts: true } }).render().asPng());
}

export async function moodChartDataUri(mood: Summary['mood']): Promise<string> {
  return `data:image/png;base64,${(await renderMoodChart(mood)).toString('base64')}`;
}
