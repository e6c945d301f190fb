/**
 * Where a client is in their course, from the programme's course dates and the client's zone: the week
 * ("week 6 of 16") and the IPT phase. The initial weeks favour the interpersonal inventory, the last two
 * weeks are for ending work and a keep-well plan, and after the end the bot only keeps well.
 */
import { DateTime } from 'luxon';

export const COURSE_PHASES = ['before', 'initial', 'middle', 'ending', 'after'] as const;
export type CoursePhase = (typeof COURSE_PHASES)[number];

/** The course as the programme set it: local dates (yyyy-MM-dd), both inclusive, and the client's IANA zone. */
export interface CourseDates {
  courseStart: string;
  courseEnd: string;
  timeZone: string;
}

export interface CoursePosition {
  phase: CoursePhase;
  /** 1-based week of the course (clamped to 1…totalWeeks outside the course). */
  week: number;
  totalWeeks: number;
  /** The client's local date today. */
  today: string;
}

/** The first weeks, when the inventory of the client's people comes first. */
export const INITIAL_WEEKS = 3;
/** The last days of the course, when ending work and the keep-well plan are offered. */
export const ENDING_DAYS = 14;

export function coursePosition(course: CourseDates, now: Date): CoursePosition | undefined {
  const zone = course.timeZone;
  const start = DateTime.fromISO(course.courseStart, { zone });
  const end = DateTime.fromISO(course.courseEnd, { zone });
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  if (!start.isValid || !end.isValid || !today.isValid || end < start) return undefined;
  // Whole calendar days in the client's zone, so a DST change never shifts the week.
  const courseDays = Math.round(end.diff(start, 'days').days) + 1;
  const totalWeeks = Math.max(1, Math.ceil(courseDays / 7));
  const sinceStart = Math.round(today.diff(start, 'days').days);
  const untilEnd = Math.round(end.diff(today, 'days').days);
  const week = Math.min(totalWeeks, Math.max(1, Math.floor(sinceStart / 7) + 1));
  const position = (phase: CoursePhase): CoursePosition => ({ phase, week, totalWeeks, today: today.toISODate() as string });
  if (sinceStart < 0) return position('before');
  if (untilEnd < 0) return position('after');
  // In a short course the ending comes first: a course that ends must be ended well.
  if (untilEnd < ENDING_DAYS) return position('ending');
  if (week <= INITIAL_WEEKS) return position('initial');
  return position('middle');
}
