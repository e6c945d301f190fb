import { z } from 'zod';
import type { Measure } from '../client/records';
import { INSTRUMENT_IDS, INSTRUMENTS } from './instruments';
import { outcome } from './scoring';

const changeSchema = z.object({ points: z.number().int(), reliable: z.enum(['improved', 'worsened', 'none']) }).strict();

/** Per instrument, over the whole course: the latest score and how it moved. */
export const measureOutcomeSchema = z
  .object({
    instrument: z.enum(INSTRUMENT_IDS),
    count: z.number().int().describe('Completed measures so far.'),
    baseline: z.object({ total: z.number().int(), date: z.string() }).strict(),
    latest: z.object({ total: z.number().int(), band: z.string(), date: z.string() }).strict(),
    sinceBaseline: changeSchema.optional(),
    sinceLast: changeSchema.optional(),
    response: z.boolean().optional().describe('A drop of at least 50 % from baseline.'),
    remission: z.boolean().optional().describe('PHQ-9 below 5.'),
    series: z.array(z.object({ date: z.string(), total: z.number().int() }).strict()).describe('Every completed measure, oldest first.'),
  })
  .strict();
export type MeasureOutcome = z.infer<typeof measureOutcomeSchema>;

/** A pure function of the client's completed measures: one outcome per instrument that has any. */
export function measureOutcomes(measures: readonly Measure[]): MeasureOutcome[] {
  return INSTRUMENT_IDS.flatMap((id) => {
    const series = measures.filter((m) => m.instrument === id).sort((a, b) => a.completedAt.localeCompare(b.completedAt));
    const result = outcome(INSTRUMENTS[id], series.map((m) => m.total));
    if (!result) return [];
    const first = series[0];
    const last = series[series.length - 1];
    return [
      {
        instrument: id,
        count: series.length,
        baseline: { total: first.total, date: first.localDate },
        latest: { total: last.total, band: result.band, date: last.localDate },
        ...(result.sinceBaseline ? { sinceBaseline: result.sinceBaseline } : {}),
        ...(result.sinceLast ? { sinceLast: result.sinceLast } : {}),
        ...(result.response !== undefined ? { response: result.response } : {}),
        ...(result.remission !== undefined ? { remission: result.remission } : {}),
        series: series.map((m) => ({ date: m.localDate, total: m.total })),
      },
    ];
  });
}
