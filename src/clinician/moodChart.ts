import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { Summary } from './summary';

export const MOOD_CHART_WIDTH = 480;
export const MOOD_CHART_HEIGHT = 200;

/** A Vega bar chart of mood (0–10) by day; days without a check-in have no bar. Fixed size, no padding. */
export function moodChartSpec(mood: Summary['mood']): vega.Spec {
  return {
    width: MOOD_CHART_WIDTH,
    height: MOOD_CHART_HEIGHT,
    padding: 0,
    autosize: { type: 'none' },
    background: 'white',
    data: [{ name: 'mood', values: mood.map((m) => ({ day: m.date.slice(5), mood: m.mood })) }],
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
  return Buffer.from(new Resvg(svg, { font: { loadSystemFonts: true } }).render().asPng());
}

export async function moodChartDataUri(mood: Summary['mood']): Promise<string> {
  return `data:image/png;base64,${(await renderMoodChart(mood)).toString('base64')}`;
}
