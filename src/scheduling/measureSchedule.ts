/**
 * When a programme's outcome measures (PHQ-9, GAD-7) are due: a pure function over the same wall-clock rules
 * as every reminder (client's zone, daylight saving, quiet hours, course window), built from RRULEs.
 *
 * - `interval`: the baseline on the first date (course start unless given), then every `everyDays` days;
 * - `beforeSession`: the baseline, then the day before each session, counted from the last session held
 *   (`lastSessionDate`, else the first date) every `sessionEveryDays` days;
 * - and, unless turned off, on the course's last day.
 * Two of them falling on the same instant (the course end on an interval day) are one measure.
 */
import { DateTime } from 'luxon';
import type { InstrumentId } from '../measures/instruments';
import type { LocalTime, ScheduleContext, ScheduleRule } from './schedule';

export const MEASURE_CADENCES = ['interval', 'beforeSession'] as const;

export interface MeasureRule {
  kind: 'measure';
  instruments: InstrumentId[];
  time: LocalTime;
  /** Default `interval`. */
  cadence?: (typeof MEASURE_CADENCES)[number];
  /** Default 14. */
  everyDays?: number;
  /** Default 7. */
  sessionEveryDays?: number;
  /** The baseline's local date; the course start when absent. */
  firstDate?: string;
  /** Default true. */
  atCourseEnd?: boolean;
}

export const DEFAULT_MEASURE_EVERY_DAYS = 14;
export const DEFAULT_SESSION_EVERY_DAYS = 7;

type Occurrence = (rule: ScheduleRule, after: Date, context: ScheduleContext) => Date | undefined;

function plusDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() as string;
}

export function nextMeasureOccurrence(rule: MeasureRule, after: Date, context: ScheduleContext, occurrence: Occurrence): Date | undefined {
  const first = rule.firstDate ?? context.courseStart;
  // A series of RRULE occurrences counted from `start` (never before the course or the first date).
  const series = (rrule: string, start: string | undefined) => {
    const from = [start, first, context.courseStart].filter((d): d is string => !!d).sort().at(-1);
    return occurrence({ kind: 'rrule', rrule, time: rule.time }, after, { ...context, courseStart: from });
  };
  const candidates: Array<Date | undefined> = [];
  if ((rule.cadence ?? 'interval') === 'interval') {
    candidates.push(series(`FREQ=DAILY;INTERVAL=${rule.everyDays ?? DEFAULT_MEASURE_EVERY_DAYS}`, first));
  } else {
    candidates.push(series('FREQ=DAILY;COUNT=1', first));
    const anchor = context.lastSessionDate ?? first;
    const rhythm = rule.sessionEveryDays ?? DEFAULT_SESSION_EVERY_DAYS;
    if (anchor) candidates.push(series(`FREQ=DAILY;INTERVAL=${rhythm}`, plusDays(anchor, rhythm - 1)));
  }
  if (rule.atCourseEnd !== false && context.courseEnd) candidates.push(series('FREQ=DAILY;COUNT=1', context.courseEnd));
  const found = candidates.filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime());
  return found[0];
}
