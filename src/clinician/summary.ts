import { DateTime } from 'luxon';
import { z } from 'zod';
import { Clock } from '../clock';
import { moodPersonDays, personPatterns } from '../client/moodAndPeople';
import { CheckIn, CIRCLES, CLOSENESS_CHANGES, closenessChange, CommunicationAnalysis, HOW_IT_WENT, Person, MOOD_EFFECTS, Nudge, OUTCOMES, Problem, REFLECTION_AREAS, Reflection, ReflectionArea, Script } from '../client/records';
import { Alert } from '../safety/escalation/alert';
import { planHasItems, SAFETY_PLAN_STEPS, SafetyPlan } from '../safety/safetyPlan';
import { REVIEW_OUTCOMES, REVIEW_REASONS } from '../safety/review/alertReview';
import type { Measure } from '../client/records';
import { measureOutcomes, measureOutcomeSchema } from '../measures/measureSummary';
import { KeepWellPlan, keepWellPlanHasParts } from '../client/keepWellPlan';
import { problemAreaProgress, problemAreaProgressSchema } from './problemAreaProgress';

/** Everything the summary is built from: the client's records and the alerts about them. */
export interface SummaryRecords {
  /** The client's zone: days are the client's calendar days. */
  timeZone: string;
  checkIns: readonly CheckIn[];
  problems: readonly Problem[];
  nudges: readonly Nudge[];
  alerts: readonly Alert[];
  /** Between-session exercises: scripts and reflections only counted; analyses only those the client chose to share. */
  communicationAnalyses: readonly CommunicationAnalysis[];
  scripts: readonly Script[];
  reflections: readonly Reflection[];
  /** The programme's record of the last session (client's local date): the default start of the period. */
  lastSessionDate?: string;
  /** The client's safety plan, whoever wrote it. */
  safetyPlan?: SafetyPlan;
  /** Completed PHQ-9 / GAD-7 measures (the whole course: change is measured from the baseline). */
  measures?: readonly Measure[];
  /** The keep-well plan the client wrote at the end of the course. */
  keepWellPlan?: KeepWellPlan;
  /** The client's interpersonal inventory: closeness now and before, circle moves and people added reach the summary (never what the client wrote about them). */
  people?: readonly Person[];
}

/** The period asked for: from a date to today, else the last `days` days, else since the last session. */
export interface PeriodRequest {
  since?: string;
  days?: number;
}

export const DEFAULT_SUMMARY_DAYS = 7;
/**
 * The longest period a summary covers (a leap year). Each day is an entry of the answer, so the bound keeps
 * one request's work and answer small; a last session longer ago than this starts the period this far back.
 */
export const MAX_SUMMARY_DAYS = 366;

/** Where the period's first day came from: asked for, the client's last session, or a number of days. */
export const PERIOD_BASES = ['since', 'lastSession', 'days'] as const;
export type PeriodBasis = (typeof PERIOD_BASES)[number];

const outcomeCounts = z.object({ done: z.number().int(), partly: z.number().int(), notYet: z.number().int() }).strict();
const moodSplit = z.object({ days: z.number().int(), averageMood: z.number() }).strict();

export const summarySchema = z
  .object({
    period: z
      .object({
        from: z.string(),
        to: z.string(),
        days: z.number().int(),
        timeZone: z.string(),
        basis: z.enum(PERIOD_BASES).describe("since = the date asked for; lastSession = the client's lastSessionDate; days = the last `days` days."),
      })
      .strict(),
    mood: z.array(z.object({ date: z.string(), mood: z.number().nullable() }).strict()).describe('One entry per day; null = no check-in.'),
    averageMood: z.number().nullable(),
    adherence: z.object({ daysWithCheckIn: z.number().int(), days: z.number().int(), ratio: z.number() }).strict(),
    interactions: z.object({
      events: z.array(z.object({ date: z.string(), name: z.string(), how: z.enum(HOW_IT_WENT).optional() }).strict()),
      better: z.number().int(),
      asExpected: z.number().int(),
      worse: z.number().int(),
    }).strict(),
    moodAndPeople: z
      .object({
        days: z.array(
          z
            .object({ date: z.string(), mood: z.number(), name: z.string().optional(), how: z.enum(HOW_IT_WENT).optional(), affectedMood: z.enum(MOOD_EFFECTS).optional() })
            .strict(),
        ),
        patterns: z.array(
          z
            .object({ name: z.string(), withContact: moodSplit, withoutContact: moodSplit, worse: moodSplit.optional(), notWorse: moodSplit.optional() })
            .strict(),
        ),
      })
      .strict()
      .describe(
        "Each check-in day with its person, how it went and whether the client said it affected their mood; per person, the mood on days with and without contact (and on worse-than-expected contact days against the others) when each side has at least 3 days. Observations to explore with the client, not findings.",
      ),
    problems: z.array(
      z.object({ id: z.string(), definition: z.string().optional(), plan: z.string().optional(), when: z.string().optional(), stage: z.string(), outcome: z.enum(OUTCOMES).optional() }).strict(),
    ),
    peopleContacted: z.array(z.object({ name: z.string(), status: z.string(), date: z.string() }).strict()),
    progress: problemAreaProgressSchema.optional(),
    alerts: z.array(
      z
        .object({
          alertId: z.string(),
          level: z.string(),
          status: z.string(),
          createdAt: z.string(),
          acknowledgedAt: z.string().optional(),
          acknowledgedBy: z.string().optional(),
          reviewOutcome: z.enum(REVIEW_OUTCOMES).optional().describe("The clinician's latest review: needed or false_alarm."),
          reviewReason: z.enum(REVIEW_REASONS).optional(),
          reviewedAt: z.string().optional(),
          reviewedBy: z.string().optional(),
        })
        .strict(),
    ),
    exercises: z
      .object({
        communicationAnalyses: z.number().int(),
        scripts: z.number().int(),
        reflections: z.object(Object.fromEntries(REFLECTION_AREAS.map((area) => [area, z.number().int()])) as Record<ReflectionArea, z.ZodNumber>).strict(),
        connectionGoals: z
          .object({ set: z.number().int(), done: z.number().int(), partly: z.number().int(), notYet: z.number().int() })
          .strict()
          .describe('Small connection goals (interpersonal deficits) set in the period, and how the client said they went.'),
        followUps: z
          .object({ disputeSteps: outcomeCounts, talks: outcomeCounts, transitionNeeds: outcomeCounts })
          .strict()
          .describe('Homework the client answered about in the period: whether a dispute next step was taken, a rehearsed talk happened, a step towards what a new role needs was taken.'),
      })
      .strict()
      .describe('Exercises done in the period, counted only (what the client wrote in them stays theirs); analyses: the shared ones.'),
    sharedAnalyses: z
      .array(
        z.object({ date: z.string(), name: z.string(), said: z.string(), felt: z.string(), otherFelt: z.string(), understood: z.string(), differently: z.string() }).strict(),
      )
      .describe('The communication analyses of the period the client chose to share with the clinician.'),
    safetyPlan: z
      .object({
        author: z.enum(['none', 'clinician', 'client']),
        needsReview: z.boolean(),
        draft: z.boolean(),
        changedByClient: z.array(z.enum(SAFETY_PLAN_STEPS)),
        updatedAt: z.string().optional(),
      })
      .strict()
      .describe('Who wrote the safety plan in force; needsReview: the client wrote or changed it (changedByClient) since the clinician last saved it; draft: the client has not finished building it.'),
    measures: z
      .array(measureOutcomeSchema)
      .optional()
      .describe('PHQ-9 and GAD-7 over the whole course: latest score and band, change since baseline and since the last measure; absent when none was completed.'),
    keepWellPlan: z
      .object({
        warningSigns: z.string().optional(),
        whatToDo: z.string().optional(),
        whoToTell: z.string().optional(),
        lowForTwoWeeks: z.string().optional(),
        whatHelped: z.string().optional(),
        updatedAt: z.string(),
      })
      .strict()
      .optional()
      .describe("The keep-well plan the client wrote at the end of the course, in their own words; absent until they write one."),
    closeness: z
      .array(z.object({ name: z.string(), now: z.enum(CIRCLES), before: z.enum(CIRCLES), change: z.enum(CLOSENESS_CHANGES) }).strict())
      .optional()
      .describe("The inventory's people the client said how close they were before (a year ago, or before the trouble began): closer, further or the same now. Absent when there is none."),
  })
  .strict();
export type Summary = z.infer<typeof summarySchema>;

/** The client's calendar day of an instant. */
const dayOf = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toISODate() ?? '';

/** The client's zone when luxon knows it, else UTC (a record written before zones were checked). */
export function summaryZone(zone: string): string {
  return DateTime.local().setZone(zone).isValid ? zone : 'UTC';
}

/** A `since` as a real calendar date (YYYY-MM-DD) in the zone, or undefined when it is not one (2026-13-45). */
export function calendarDate(value: string, zone: string): DateTime | undefined {
  const day = DateTime.fromFormat(value, 'yyyy-MM-dd', { zone });
  return day.isValid ? day.startOf('day') : undefined;
}

/**
 * What is wrong with an asked-for period, for an answer to the person who asked (undefined: nothing). The
 * API refuses such a request; `resolvePeriod` on its own never builds more than MAX_SUMMARY_DAYS days.
 */
export function periodProblem(request: PeriodRequest, clientZone: string, clock: Clock): { field: 'since' | 'days'; message: string } | undefined {
  const zone = summaryZone(clientZone);
  const today = DateTime.fromJSDate(clock.now(), { zone }).startOf('day');
  if (request.days !== undefined && (!Number.isInteger(request.days) || request.days < 1 || request.days > MAX_SUMMARY_DAYS)) {
    return { field: 'days', message: `must be a whole number of days from 1 to ${MAX_SUMMARY_DAYS}` };
  }
  if (request.since === undefined) return undefined;
  const since = calendarDate(request.since, zone);
  if (!since) return { field: 'since', message: 'must be a real calendar date as YYYY-MM-DD' };
  if (since > today) return { field: 'since', message: `must not be after today (${today.toISODate()} in the client's time zone)` };
  const earliest = today.minus({ days: MAX_SUMMARY_DAYS - 1 });
  if (since < earliest) return { field: 'since', message: `must be at most ${MAX_SUMMARY_DAYS} days ago (on or after ${earliest.toISODate()})` };
  return undefined;
}

/**
 * The period's first and last day (both included) in the client's zone: from the date asked for, else the
 * last `days` days when asked for, else from the last session, else the last 7 days. A date in the future
 * (or not a date) is passed over; nothing starts more than MAX_SUMMARY_DAYS days back.
 */
export function resolvePeriod(request: PeriodRequest, zone: string, clock: Clock, lastSessionDate?: string): { from: string; to: string; basis: PeriodBasis } {
  const today = DateTime.fromJSDate(clock.now(), { zone }).startOf('day');
  const earliest = today.minus({ days: MAX_SUMMARY_DAYS - 1 });
  const usable = (date: string | undefined) => {
    const day = date ? calendarDate(date, zone) : undefined;
    return day && day <= today ? DateTime.max(day, earliest) : undefined;
  };
  const since = usable(request.since);
  const lastSession = request.days === undefined ? usable(lastSessionDate) : undefined;
  const days = Math.min(Math.max(1, Math.trunc(request.days ?? DEFAULT_SUMMARY_DAYS)), MAX_SUMMARY_DAYS);
  const [from, basis]: [DateTime, PeriodBasis] = since ? [since, 'since'] : lastSession ? [lastSession, 'lastSession'] : [today.minus({ days: days - 1 }), 'days'];
  return { from: from.toISODate() ?? '', to: today.toISODate() ?? '', basis };
}

/** A pure function of the records, the period and the clock: the between-session summary. */
export function buildSummary(records: SummaryRecords, request: PeriodRequest, clock: Clock): Summary {
  const zone = summaryZone(records.timeZone);
  const { from, to, basis } = resolvePeriod(request, zone, clock, records.lastSessionDate);
  const inPeriod = (date: string) => date >= from && date <= to;
  // The period's calendar days, counted on a plain calendar (UTC has no gaps or repeats): a day per entry.
  const first = DateTime.fromISO(from, { zone: 'utc' });
  const days = Array.from({ length: Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(first, 'days').days) + 1 }, (_, i) => first.plus({ days: i }).toISODate() ?? '');

  const checkIns = new Map(records.checkIns.filter((c) => inPeriod(c.localDate)).map((c) => [c.localDate, c]));
  const mood = days.map((date) => ({ date, mood: checkIns.get(date)?.mood ?? null }));
  const moods = mood.flatMap((m) => (m.mood === null ? [] : [m.mood]));
  const events = [...checkIns.values()]
    .filter((c) => c.interaction)
    .sort((a, b) => a.localDate.localeCompare(b.localDate))
    .map((c) => ({ date: c.localDate, name: c.interaction!.name, ...(c.interaction!.how ? { how: c.interaction!.how } : {}) }));
  const count = (how: (typeof HOW_IT_WENT)[number]) => events.filter((e) => e.how === how).length;

  // An instant is in the period when it falls between the client's midnight starting `from` and the one ending `to`.
  // Compared as instants: asking the zone for the day of every record was most of a year-long summary's time.
  const startMs = DateTime.fromISO(from, { zone }).toMillis();
  const endMs = DateTime.fromISO(to, { zone }).plus({ days: 1 }).toMillis();
  const touched = (iso: string | undefined) => {
    const ms = iso === undefined ? Number.NaN : Date.parse(iso);
    return ms >= startMs && ms < endMs;
  };
  const problems = records.problems
    .filter((p) => ['planned', 'reviewed'].includes(p.stage) && (touched(p.updatedAt) || touched(p.reviewedAt) || touched(p.createdAt)))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((p) => ({
      id: p.id,
      ...(p.definition ? { definition: p.definition } : {}),
      ...(p.firstStep ? { plan: p.firstStep } : p.chosen !== undefined && p.options[p.chosen] ? { plan: p.options[p.chosen].text } : {}),
      ...(p.when ? { when: p.when } : {}),
      stage: p.stage,
      ...(p.outcome ? { outcome: p.outcome } : {}),
    }));

  const peopleContacted = records.nudges
    .filter((n) => ['accepted', 'happened', 'didNotHappen'].includes(n.status) && touched(n.answeredAt ?? n.updatedAt))
    .map((n) => ({ name: n.personName, status: n.status, date: dayOf(n.answeredAt ?? n.updatedAt, zone) }))
    .sort((a, b) => a.date.localeCompare(b.date));

  const alerts = records.alerts
    .filter((a) => touched(a.createdAt))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((a) => ({
      alertId: a.alertId,
      level: a.level,
      status: a.status,
      createdAt: a.createdAt,
      ...(a.acknowledgedAt ? { acknowledgedAt: a.acknowledgedAt } : {}),
      ...(a.acknowledgedBy ? { acknowledgedBy: a.acknowledgedBy } : {}),
      ...(a.reviewOutcome ? { reviewOutcome: a.reviewOutcome } : {}),
      ...(a.reviewReason ? { reviewReason: a.reviewReason } : {}),
      ...(a.reviewedAt ? { reviewedAt: a.reviewedAt } : {}),
      ...(a.reviewedBy ? { reviewedBy: a.reviewedBy } : {}),
    }));

  // An analysis the client kept to themselves is not even counted: they were told the clinician won't see it.
  const sharedAnalyses = records.communicationAnalyses
    .filter((a) => a.shareWithClinician && touched(a.createdAt))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((a) => ({ date: dayOf(a.createdAt, zone), name: a.personName, said: a.said, felt: a.felt, otherFelt: a.otherFelt, understood: a.understood, differently: a.differently }));
  const reflections = records.reflections.filter((r) => touched(r.createdAt));
  const exercises = {
    communicationAnalyses: sharedAnalyses.length,
    scripts: records.scripts.filter((s) => touched(s.createdAt)).length,
    reflections: Object.fromEntries(REFLECTION_AREAS.map((area) => [area, reflections.filter((r) => r.area === area).length])) as Record<ReflectionArea, number>,
    connectionGoals: connectionGoals(reflections),
    followUps: {
      // Counted when the client answered (the record's last change), whenever the step was set.
      disputeSteps: outcomesOf(records.reflections.filter((r) => r.area === 'roleDispute' && touched(r.updatedAt)).map((r) => r.answers.outcome)),
      talks: outcomesOf(records.scripts.filter((s) => touched(s.updatedAt)).map((s) => s.talkHappened)),
      transitionNeeds: outcomesOf(records.reflections.filter((r) => r.area === 'roleTransition' && touched(r.updatedAt)).map((r) => r.answers.outcome)),
    },
  };

  return {
    period: { from, to, days: days.length, timeZone: zone, basis },
    mood,
    averageMood: moods.length ? Math.round((moods.reduce((s, m) => s + m, 0) / moods.length) * 10) / 10 : null,
    adherence: { daysWithCheckIn: checkIns.size, days: days.length, ratio: days.length ? Math.round((checkIns.size / days.length) * 100) / 100 : 0 },
    interactions: { events, better: count('better'), asExpected: count('asExpected'), worse: count('worse') },
    moodAndPeople: { days: moodPersonDays([...checkIns.values()]), patterns: personPatterns([...checkIns.values()]) },
    problems,
    peopleContacted,
    ...problemAreaProgress(records, { startMs, endMs, zone }),
    alerts,
    exercises,
    sharedAnalyses,
    safetyPlan: planStatus(records.safetyPlan),
    ...(records.measures?.length ? { measures: measureOutcomes(records.measures) } : {}),
    ...(keepWellPlanHasParts(records.keepWellPlan) ? { keepWellPlan: keepWellView(records.keepWellPlan) } : {}),
    ...closenessView(records.people),
  };
}

/** Closeness now against before, for the people whose "before" the client gave; nothing when none. */
function closenessView(people: readonly Person[] | undefined): Pick<Summary, 'closeness'> {
  const rows = (people ?? []).flatMap((p) => {
    const change = closenessChange(p);
    return change && p.circleBefore ? [{ name: p.name, now: p.circle, before: p.circleBefore, change }] : [];
  });
  return rows.length ? { closeness: rows } : {};
}

/** The plan as the clinician sees it: the client's words for each part (their feelings about ending stay in chat). */
function keepWellView(plan: KeepWellPlan): NonNullable<Summary['keepWellPlan']> {
  const { warningSigns, whatToDo, whoToTell, lowForTwoWeeks, whatHelped, updatedAt } = plan;
  return Object.fromEntries(Object.entries({ warningSigns, whatToDo, whoToTell, lowForTwoWeeks, whatHelped, updatedAt }).filter(([, v]) => v !== undefined)) as NonNullable<Summary['keepWellPlan']>;
}

function outcomesOf(outcomes: ReadonlyArray<string | undefined>): { done: number; partly: number; notYet: number } {
  const count = (outcome: (typeof OUTCOMES)[number]) => outcomes.filter((o) => o === outcome).length;
  return { done: count('done'), partly: count('partly'), notYet: count('notYet') };
}

/** The connection goals among the period's reflections, and the outcome the client gave each so far. */
function connectionGoals(reflections: readonly Reflection[]): Summary['exercises']['connectionGoals'] {
  const goals = reflections.filter((r) => r.area === 'interpersonalDeficits' && r.answers.goal);
  const said = (outcome: (typeof OUTCOMES)[number]) => goals.filter((r) => r.answers.outcome === outcome).length;
  return { set: goals.length, done: said('done'), partly: said('partly'), notYet: said('notYet') };
}

function planStatus(plan: SafetyPlan | undefined): Summary['safetyPlan'] {
  if (!planHasItems(plan)) return { author: 'none', needsReview: false, draft: false, changedByClient: [] };
  return { author: plan.author, needsReview: plan.needsReview, draft: plan.draft !== undefined, changedByClient: plan.changedByClient, updatedAt: plan.updatedAt };
}
