/**
 * Pure schedule computation: when does a reminder fire next, in the client's own time zone?
 *
 * A schedule is a local wall-clock time plus days of the week, or an RFC 5545 RRULE (the `rrule` package).
 * Recurrences are expanded in "floating" wall-clock time (rrule's UTC fields stand for local fields), and
 * each local time is then placed in the client's IANA zone with luxon. That keeps "19:00 every weekday"
 * at 19:00 local across daylight-saving changes.
 *
 * Daylight saving (the rule, exactly):
 * - **Skipped time (spring forward).** A local time that does not exist that day fires once, at the instant
 *   the clocks jump, i.e. the first local time after the gap: 02:30 in New York on 8 March 2026 fires at
 *   03:00 EDT (07:00Z); 02:15 at Lord Howe (02:00 → 02:30) fires at 02:30. Several skipped times of one
 *   day collapse into that one instant and fire once.
 * - **Repeated time (fall back).** A local time that happens twice fires once, at its first occurrence
 *   (the earlier instant, still on summer time): 01:30 in New York on 1 November 2026 fires at 01:30 EDT
 *   (05:30Z), not again at 01:30 EST.
 *
 * Course window: occurrences fire only on local dates from `courseStart` to `courseEnd`, both inclusive.
 * Quiet hours: an occurrence whose local time falls inside the client's quiet hours is skipped (not moved).
 */
import { DateTime, IANAZone } from 'luxon';
import { Frequency, Options, RRule, Weekday } from 'rrule';
import { MeasureRule, nextMeasureOccurrence } from './measureSchedule';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayName = (typeof WEEKDAYS)[number];

const RRULE_WEEKDAYS: Record<WeekdayName, Weekday> = {
  mon: RRule.MO,
  tue: RRule.TU,
  wed: RRule.WE,
  thu: RRule.TH,
  fri: RRule.FR,
  sat: RRule.SA,
  sun: RRule.SU,
};

/** "HH:mm", 24-hour clock. */
export type LocalTime = string;

export type ScheduleRule =
  /** At `time` on the given days of the week (every day when `days` is empty or absent). */
  | { kind: 'weekly'; time: LocalTime; days?: WeekdayName[] }
  /**
   * An RRULE without DTSTART (e.g. `FREQ=WEEKLY;INTERVAL=2;BYDAY=TU`). `time` is the local time of day
   * unless the rule itself has BYHOUR/BYMINUTE.
   */
  | { kind: 'rrule'; rrule: string; time: LocalTime }
  /** A programme's outcome measures (see measureSchedule.ts). */
  | MeasureRule;

export interface ScheduleContext {
  /** IANA time zone of the client, e.g. Europe/Madrid. */
  timeZone: string;
  /** First local date (YYYY-MM-DD) a reminder may fire on. */
  courseStart?: string;
  /** Last local date (YYYY-MM-DD) a reminder may fire on, inclusive. */
  courseEnd?: string;
  /** Local quiet hours; `start` > `end` spans midnight (e.g. 22:00–07:00). */
  quietHours?: { start: LocalTime; end: LocalTime };
  /** The client's last session (local date): measures before each session count from it. */
  lastSessionDate?: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** One BYDAY value: a weekday in RFC 5545's upper-case two letters, with an optional position (-1FR, +2MO). */
const BYDAY_VALUE = /^[+-]?\d{0,2}(MO|TU|WE|TH|FR|SA|SU)$/;
/** Frequencies a reminder may use: more than once a day is not a reminder, it is noise. */
const ALLOWED_FREQUENCIES = new Set<Frequency>([RRule.DAILY, RRule.WEEKLY, RRule.MONTHLY, RRule.YEARLY]);
/** Far enough to find the next occurrence of any sane rule; bounds the work on a rule that never fires. */
const MAX_SCAN_OCCURRENCES = 1000;

export function parseLocalTime(time: LocalTime): { hour: number; minute: number } {
  const match = TIME.exec(time);
  if (!match) throw new Error(`"${time}" is not a time of day: use HH:mm on a 24-hour clock, e.g. 19:00.`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

const zoneValidity = new Map<string, boolean>();

/** Whether `zone` is an IANA zone this runtime knows (cached: the check builds an Intl formatter). */
export function isValidTimeZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (zoneValidity.size < 1000) zoneValidity.set(zone, valid);
  }
  return valid;
}

/**
 * Checks an RRULE a programme sent; returns a sentence saying what is wrong, or undefined when it is usable.
 */
export function rruleProblem(rrule: string): string | undefined {
  // rrule reads a day it does not know (BYDAY=XX, or lower case) as null and then fires on no day, or fails
  // with a TypeError (BYDAY=1XX): name the field instead.
  const byday = /(?:^|;)\s*BYDAY=([^;]*)/i.exec(rrule)?.[1];
  const badDay = byday?.split(',').find((day) => !BYDAY_VALUE.test(day));
  if (badDay !== undefined) return `has a BYDAY that is not a day of the week ("${badDay}"): use MO, TU, WE, TH, FR, SA or SU, e.g. BYDAY=MO,TH or BYDAY=-1FR`;
  // parseString leaves a field the text does not set undefined, never null.
  let options: Partial<Options>;
  try {
    options = RRule.parseString(rrule);
  } catch (error) {
    return `is not a valid RRULE (${(error as Error).message})`;
  }
  if (/(^|;)\s*(DTSTART|TZID)/i.test(rrule) || /\n/.test(rrule)) return 'must not contain DTSTART or TZID: the course start and the client time zone are used';
  if (options.freq === undefined) return 'needs a FREQ, e.g. FREQ=WEEKLY;BYDAY=MO,TH';
  if (!ALLOWED_FREQUENCIES.has(options.freq)) return 'must repeat at most once a day (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)';
  if (options.bysecond !== undefined) return 'must not use BYSECOND';
  return undefined;
}

/** How far ahead a rule must have a day: eight years hold every leap day and every weekday of every date. */
const RRULE_HORIZON_YEARS = 8;
/** The Gregorian calendar repeats every 400 years, weekdays included. */
const GREGORIAN_CYCLE_YEARS = 400;
/** rrule's last year: it walks period by period up to it when a rule matches no day at all. */
const RRULE_MAX_YEAR = 9999;

/**
 * Why a usable RRULE (see rruleProblem) would still never send a reminder, or undefined: no day in the next
 * few years matches it (BYMONTH=2;BYMONTHDAY=30), or its UNTIL has passed. Checked when a programme sends a
 * rule, not when planning.
 *
 * Bounded on purpose: rrule looks for the next day of a rule that matches none by walking every period up
 * to the year 9999 (34 s for a daily rule). So the question is asked where the walk is short, in the same
 * place of the 400-year calendar cycle near that year, and for daily and weekly rules as the yearly rule
 * with the same filters (the same days, a period a year instead of a day).
 */
export function rruleOccurrenceProblem(rrule: string, from: Date = new Date()): string | undefined {
  const options = RRule.parseString(rrule);
  const never = `never occurs: no day in the next ${RRULE_HORIZON_YEARS} years matches it (e.g. BYMONTH=2;BYMONTHDAY=30)`;
  if (options.until && options.until < from) return 'never occurs: its UNTIL has passed';
  if (options.count === 0) return never;
  const daily = options.freq === Frequency.DAILY || options.freq === Frequency.WEEKLY;
  if (daily && options.bysetpos !== undefined) return 'must use BYSETPOS only with FREQ=MONTHLY or YEARLY';
  const cycles = Math.floor((RRULE_MAX_YEAR - RRULE_HORIZON_YEARS - 1 - from.getUTCFullYear()) / GREGORIAN_CYCLE_YEARS);
  const year = from.getUTCFullYear() + cycles * GREGORIAN_CYCLE_YEARS;
  const start = new Date(Date.UTC(year, from.getUTCMonth(), from.getUTCDate()));
  const end = new Date(Date.UTC(year + RRULE_HORIZON_YEARS, from.getUTCMonth(), from.getUTCDate()));
  const weekdays = options.byweekday === undefined ? undefined : ([] as unknown[]).concat(options.byweekday);
  const probe: Partial<Options> = {
    ...options,
    ...(daily ? { freq: Frequency.YEARLY, interval: 1, ...(weekdays ? { byweekday: weekdays.map((day) => (day instanceof Weekday ? day.weekday : (day as number))) } : {}) } : {}),
    count: null,
    until: null,
    dtstart: start,
  };
  return new RRule(probe).between(start, end, true, (_date, found) => found < 1).length > 0 ? undefined : never;
}

const QUARTER_HOUR_MS = 15 * 60_000;
const offsetCache = new Map<string, number>();

/**
 * The zone's UTC offset in minutes at an instant (luxon). Cached per zone and UTC quarter hour: every
 * offset change in use today happens on a quarter hour (Lord Howe's at :30), and asking Intl is the
 * slowest step of planning a reminder.
 */
export function zoneOffset(zone: string, instantMs: number): number {
  const key = `${zone}|${Math.floor(instantMs / QUARTER_HOUR_MS)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = IANAZone.create(zone).offset(Math.floor(instantMs / QUARTER_HOUR_MS) * QUARTER_HOUR_MS);
    if (offsetCache.size > 100_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

// Stryker disable all: a hook for tests, not behaviour; mutating it would only make the mutation run unsound.
/**
 * Empties the zone caches. For tests: a mutation run re-runs the tests in one process, one mutant after another,
 * and an offset cached under one mutant must not decide the next one's tests.
 */
export function clearZoneCaches(): void {
  zoneValidity.clear();
  offsetCache.clear();
}
// Stryker restore all

/** A wall-clock time in `zone`, placed on the time line by the daylight-saving rule above. */
export function localToInstant(local: { year: number; month: number; day: number; hour: number; minute: number }, zone: string): Date {
  if (!isValidTimeZone(zone)) throw new Error(`Unknown time zone "${zone}": use an IANA zone such as Europe/Madrid.`);
  const tz = { offset: (ms: number) => zoneOffset(zone, ms) };
  const wallMs = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const hourMs = 3_600_000;
  // The offsets in force around that day: before and after any transition near it.
  const before = tz.offset(wallMs - 36 * hourMs);
  const after = tz.offset(wallMs + 36 * hourMs);
  // No change within a day and a half either side (most days): the time exists exactly once.
  if (before === after && tz.offset(wallMs - before * 60_000) === before) return new Date(wallMs - before * 60_000);
  const candidates = [...new Set([before, after, tz.offset(wallMs)])]
    .map((offset) => wallMs - offset * 60_000)
    .filter((instant) => wallMs - tz.offset(instant) * 60_000 === instant);
  if (candidates.length > 0) return new Date(Math.min(...candidates)); // repeated time: the first one
  // Skipped time: the instant the offset changes, found by bisection between the two readings.
  // Only a gap gets here, so the offset grows across it (`after` > `before`) and `lo` < `hi`: a time repeated
  // by a fall-back always exists, and is found above.
  let lo = wallMs - after * 60_000;
  let hi = wallMs - before * 60_000;
  const exact = IANAZone.create(zone);
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (exact.offset(mid) === after) hi = mid;
    else lo = mid;
  }
  return new Date(Math.ceil(hi / 60_000) * 60_000);
}

function buildRule(rule: Exclude<ScheduleRule, MeasureRule>, floatingStart: Date): RRule {
  const { hour, minute } = parseLocalTime(rule.time);
  const base: Partial<Options> = { dtstart: floatingStart, byhour: [hour], byminute: [minute], bysecond: [0] };
  if (rule.kind === 'weekly') {
    const days = rule.days && rule.days.length > 0 ? rule.days : [...WEEKDAYS];
    return new RRule({ ...base, freq: RRule.WEEKLY, byweekday: days.map((d) => RRULE_WEEKDAYS[d]) });
  }
  const problem = rruleProblem(rule.rrule);
  if (problem) throw new Error(`The reminder's RRULE ${problem}.`);
  const parsed = RRule.parseString(rule.rrule);
  return new RRule({
    ...base,
    ...parsed,
    byhour: parsed.byhour ?? base.byhour,
    byminute: parsed.byminute ?? base.byminute,
    bysecond: [0],
    dtstart: floatingStart,
  });
}

function minutesOfDay(time: LocalTime): number {
  const { hour, minute } = parseLocalTime(time);
  return hour * 60 + minute;
}

export function isInQuietHours(localMinutes: number, quiet: { start: LocalTime; end: LocalTime } | undefined): boolean {
  if (!quiet) return false;
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  if (start === end) return false;
  return start < end ? localMinutes >= start && localMinutes < end : localMinutes >= start || localMinutes < end;
}

/**
 * The first instant strictly after `after` at which the schedule fires, or undefined when it never fires
 * again (course over, or a rule that ends).
 */
export function nextOccurrence(rule: ScheduleRule, after: Date, context: ScheduleContext): Date | undefined {
  if (rule.kind === 'measure') return nextMeasureOccurrence(rule, after, context, nextOccurrence);
  const zone = context.timeZone;
  if (!isValidTimeZone(zone)) throw new Error(`Unknown time zone "${zone}": use an IANA zone such as Europe/Madrid.`);
  // `after` as local wall-clock fields, held in a Date's UTC fields ("floating" time, as rrule sees it).
  const localAfterFloating = new Date(after.getTime() + zoneOffset(zone, after.getTime()) * 60_000);
  // Course dates are local calendar dates; "YYYY-MM-DD" strings compare in date order.
  const { courseStart, courseEnd } = context;
  if (courseEnd && localAfterFloating.toISOString().slice(0, 10) > courseEnd) return undefined;

  const courseStartFloating = courseStart ? new Date(`${courseStart}T00:00:00.000Z`) : undefined;
  // A day earlier than `after`, because around a fall-back the same wall time maps to an earlier instant.
  let cursor = new Date(localAfterFloating.getTime() - 86_400_000);
  if (courseStartFloating && cursor < courseStartFloating) cursor = new Date(courseStartFloating.getTime() - 1);
  // A plain weekly rule has no phase, so it may start on the cursor's day; an RRULE (INTERVAL, COUNT) counts from the course start.
  const cursorMidnight = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth(), cursor.getUTCDate()));
  const recurrence = buildRule(rule, rule.kind === 'weekly' || !courseStartFloating ? cursorMidnight : courseStartFloating);

  // One pass of rrule's iterator from the rule's start; `all` stops when the callback returns false.
  let found: Date | undefined;
  let scanned = 0;
  recurrence.all((wall) => {
    if (wall <= cursor) return true;
    if (++scanned > MAX_SCAN_OCCURRENCES) return false;
    if (courseEnd && wall.toISOString().slice(0, 10) > courseEnd) return false;
    const local = { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes() };
    if (isInQuietHours(local.hour * 60 + local.minute, context.quietHours)) return true;
    const instant = localToInstant(local, zone);
    if (instant.getTime() <= after.getTime()) return true;
    found = instant;
    return false;
  });
  return found;
}

/** Every firing instant in (from, to], in order, each once. */
export function occurrencesBetween(rule: ScheduleRule, from: Date, to: Date, context: ScheduleContext): Date[] {
  const result: Date[] = [];
  let cursor = from;
  for (let next = nextOccurrence(rule, cursor, context); next && next <= to; next = nextOccurrence(rule, cursor, context)) {
    result.push(next);
    cursor = next;
  }
  return result;
}

/** A day of the year, without a year: 29 February is one. */
export interface MonthDay {
  month: number;
  day: number;
}

/** A leap year, so 29 February exists when a month-day is placed in a year (to count days, parse or write it). */
export const LEAP_YEAR = 2000;

/** Whether the month-day exists in some year (29 February does; 31 April does not). */
export function isMonthDay(date: MonthDay): boolean {
  return DateTime.local(LEAP_YEAR, date.month, date.day).isValid;
}

/** The day before a month-day: the day before 1 March is 29 February (which `yearlyRrule` fires on 28 February in common years). */
export function dayBefore(date: MonthDay): MonthDay {
  const previous = DateTime.local(LEAP_YEAR, date.month, date.day).minus({ days: 1 });
  return { month: previous.month, day: previous.day };
}

/**
 * An RRULE firing once a year on the month-day. 29 February becomes February's last day (BYMONTHDAY=-1), so
 * a reminder for it still comes in common years, on the 28th.
 */
export function yearlyRrule(date: MonthDay): string {
  const leapDay = date.month === 2 && date.day === 29;
  return `FREQ=YEARLY;BYMONTH=${date.month};BYMONTHDAY=${leapDay ? -1 : date.day}`;
}
