import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Measure } from '../client/records';
import { measureOutcomes } from './measureSummary';

export const OUTCOME_CSV_COLUMNS = ['participant', 'instrument', 'measures', 'baseline', 'latest', 'change', 'reliableChange', 'response', 'remission', 'weeks'] as const;

/**
 * A programme's outcomes for service evaluation, one row per client and instrument, de-identified: no
 * names, no external ids, no dates — the participant is a pseudonym (a hash of programme and client id,
 * the same in every export, so rows can be followed over time but not read back to a person without the
 * programme's own client list), and time is the weeks from baseline to the latest measure.
 */
export function outcomesCsv(programmeId: string, clients: ReadonlyArray<{ clientId: string; measures: readonly Measure[] }>): string {
  const rows: string[][] = [];
  for (const { clientId, measures } of clients) {
    const participant = createHash('sha256').update(`${programmeId}:${clientId}`).digest('hex').slice(0, 16);
    for (const o of measureOutcomes(measures)) {
      const weeks = DateTime.fromISO(o.latest.date).diff(DateTime.fromISO(o.baseline.date), 'weeks').weeks;
      rows.push([
        participant,
        o.instrument,
        String(o.count),
        String(o.baseline.total),
        String(o.latest.total),
        o.sinceBaseline ? String(o.sinceBaseline.points) : '',
        o.sinceBaseline?.reliable ?? '',
        o.response === undefined ? '' : String(o.response),
        o.remission === undefined || o.count < 2 ? '' : String(o.remission),
        (Math.round(weeks * 10) / 10).toString(),
      ]);
    }
  }
  rows.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
  // Every field is a pseudonym, an id, a number or a word: nothing needs quoting.
  return [OUTCOME_CSV_COLUMNS.join(','), ...rows.map((row) => row.join(','))].join('\r\n') + '\r\n';
}
