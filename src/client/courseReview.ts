/**
 * What changed over the course, from the client's own records, for the ending work: mood at the start and
 * now (averages of check-ins in the course's first and last two weeks), people added, plans carried out and
 * people reached. Counts only, no verdict: the dialog says them gently.
 */
import { DateTime } from 'luxon';
import { CheckIn, Nudge, Person, Problem } from './records';

export interface CourseReviewRecords {
  checkIns: readonly CheckIn[];
  people: readonly Person[];
  problems: readonly Problem[];
  nudges: readonly Nudge[];
}

export interface CourseReview {
  checkIns: number;
  /** Average mood (one decimal) in the first two weeks of check-ins, and in the last two weeks; undefined without check-ins there. */
  moodThen?: number;
  moodNow?: number;
  peopleAdded: number;
  plansMade: number;
  plansDone: number;
  /** Nudges the client said happened. */
  contactsMade: number;
}

/** How many days at each end of the course the mood averages cover. */
export const REVIEW_WINDOW_DAYS = 14;

export function reviewCourse(records: CourseReviewRecords, course: { courseStart: string }, today: string): CourseReview {
  const inCourse = records.checkIns.filter((c) => c.localDate >= course.courseStart && c.localDate <= today);
  const start = DateTime.fromISO(course.courseStart);
  const thenUntil = start.plus({ days: REVIEW_WINDOW_DAYS - 1 }).toISODate() as string;
  const nowFrom = DateTime.fromISO(today).minus({ days: REVIEW_WINDOW_DAYS - 1 }).toISODate() as string;
  // With a course shorter than four weeks the windows would overlap: then there is no "then" and "now".
  const apart = nowFrom > thenUntil;
  const moodThen = apart ? average(inCourse.filter((c) => c.localDate <= thenUntil).map((c) => c.mood)) : undefined;
  const moodNow = apart ? average(inCourse.filter((c) => c.localDate >= nowFrom).map((c) => c.mood)) : undefined;
  const planned = records.problems.filter((p) => p.stage === 'planned' || p.stage === 'reviewed');
  return {
    checkIns: inCourse.length,
    ...(moodThen !== undefined ? { moodThen } : {}),
    ...(moodNow !== undefined ? { moodNow } : {}),
    peopleAdded: records.people.length,
    plansMade: planned.length,
    plansDone: planned.filter((p) => p.outcome === 'done' || p.outcome === 'partly').length,
    contactsMade: records.nudges.filter((n) => n.status === 'happened').length,
  };
}

function average(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  return Math.round((values.reduce((sum, v) => sum + v, 0) / values.length) * 10) / 10;
}
