/**
 * Due reminders: one document per schedule's *next* occurrence, in the `reminders` container, whose
 * partition is the UTC hour the reminder is due in (`2026-11-25T19`). The dispatcher queries only the
 * partitions of the last few hours, with `status = pending AND dueAt <= now`, so the cost of finding due
 * work depends on how many reminders are due, not on how many clients exist.
 *
 * A reminder moves pending → sending (claimed with an eTag-conditional write, with a lease) → sent, or
 * → skipped (missed beyond the grace window) / cancelled (paused, changed, unreachable, withdrawn). Its
 * successor is created when it leaves `pending`, with an id derived from schedule, version and due time,
 * so two instances writing the same successor collide harmlessly.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { CONTAINERS } from '../storage/containers';
import { DocumentStore } from '../storage/documentStore';
import { StoreConflictError } from '../storage/errors';
import { AFTER_COURSE_REMINDER_KINDS, REMINDER_KINDS } from '../programmes/schemas';
import { INSTRUMENT_IDS } from '../measures/instruments';
import { nextOccurrence, ScheduleRule } from './schedule';

export const DUE_STATUSES = ['pending', 'sending', 'sent', 'skipped', 'cancelled', 'failed'] as const;
export type DueStatus = (typeof DUE_STATUSES)[number];

/**
 * What every document the dispatcher sends from shares (programme reminders, caring follow-ups, clients' own
 * reminders): when it is due, the claim that makes it exactly-once, and how it ended.
 */
export const dueFields = {
  /** ISO UTC instant; ISO strings in UTC sort as times, so the store compares them as strings. */
  dueAt: z.string(),
  status: z.enum(DUE_STATUSES),
  claimedBy: z.string().optional(),
  /** ISO instant a `sending` claim runs out; after it another instance may take the reminder over. */
  claimUntil: z.string().optional(),
  attempts: z.number().int(),
  sentAt: z.string().optional(),
  /** Why it ended as it did (never personal data). */
  outcome: z.string().optional(),
};

/**
 * The body that claims a due document for one instance: `sending`, its id, a lease until which no other
 * instance may take it over, and one more attempt. Written with the document's eTag, so one claim wins.
 */
export function claimBody<T extends { attempts: number }>(body: T, instanceId: string, now: Date, leaseMs: number): T {
  return { ...body, status: 'sending', claimedBy: instanceId, claimUntil: new Date(now.getTime() + leaseMs).toISOString(), attempts: body.attempts + 1 };
}

export const dueReminderSchema = z.object({
  type: z.literal('due'),
  programmeId: z.string(),
  clientId: z.string(),
  scheduleId: z.string(),
  scheduleVersion: z.number().int(),
  kind: z.enum(REMINDER_KINDS),
  ...dueFields,
  /**
   * Written when it ends: when the schedule's next reminder is due (its successor), or null when the schedule
   * ended (course over). The schedule document is not rewritten after every send; its `nextDueAt` may point
   * a few reminders back, and readers follow these links (`ProgrammeStore.getSchedule`).
   */
  nextDueAt: z.string().nullable().optional(),
  /** How many links this reminder is past the one the schedule document points at (absent: 0). */
  hops: z.number().int().optional(),
  /** A `measure` reminder: the questionnaires it asks for. */
  instruments: z.array(z.enum(INSTRUMENT_IDS)).optional(),
});
export type DueReminder = z.infer<typeof dueReminderSchema>;

/** The partition a reminder due at `instant` lives in: its UTC hour. */
export function bucketOf(instant: Date): string {
  return instant.toISOString().slice(0, 13);
}

/** Every bucket from `from` to `to`, both inclusive, in order. */
export function bucketsBetween(from: Date, to: Date): string[] {
  const buckets: string[] = [];
  let cursor = DateTime.fromJSDate(from, { zone: 'utc' }).startOf('hour');
  const end = DateTime.fromJSDate(to, { zone: 'utc' });
  while (cursor <= end) {
    buckets.push(bucketOf(cursor.toJSDate()));
    cursor = cursor.plus({ hours: 1 });
  }
  return buckets;
}

export function bucketStart(bucket: string): Date {
  return new Date(`${bucket}:00:00.000Z`);
}

export function dueReminderId(scheduleId: string, version: number, dueAt: Date): string {
  return `${scheduleId}:${version}:${dueAt.toISOString()}`;
}

/** What the next occurrence depends on: the rule and the client's zone, course and quiet hours. */
export interface PlanInput {
  programmeId: string;
  clientId: string;
  scheduleId: string;
  scheduleVersion: number;
  kind: DueReminder['kind'];
  rule: ScheduleRule;
  timeZone: string;
  courseStart?: string;
  courseEnd?: string;
  quietHours?: { start: string; end: string };
  /** The client's last session (measures before each session count from it). */
  lastSessionDate?: string;
  /** Links past the schedule document's `nextDueAt` (see `DueReminder.hops`). */
  hops?: number;
}

/** What planning a schedule's next reminder needs, from the schedule and its client. */
export function planInputFor(
  schedule: { programmeId: string; id: string; kind: PlanInput['kind']; rule: ScheduleRule },
  client: { id: string; timeZone: string; courseStart?: string; courseEnd?: string; quietHours?: PlanInput['quietHours']; lastSessionDate?: string },
  scheduleVersion: number,
): PlanInput {
  // Keep-well check-ins and the goodbye fire after the course: from the day after its last day, open-ended.
  const afterCourse = (AFTER_COURSE_REMINDER_KINDS as readonly string[]).includes(schedule.kind);
  const dayAfterEnd = afterCourse && client.courseEnd ? (DateTime.fromISO(client.courseEnd).plus({ days: 1 }).toISODate() ?? undefined) : undefined;
  return {
    programmeId: schedule.programmeId,
    clientId: client.id,
    scheduleId: schedule.id,
    scheduleVersion,
    kind: schedule.kind,
    rule: schedule.rule,
    timeZone: client.timeZone,
    courseStart: afterCourse ? dayAfterEnd : client.courseStart,
    courseEnd: afterCourse ? undefined : client.courseEnd,
    quietHours: client.quietHours,
    ...(schedule.rule.kind === 'measure' && client.lastSessionDate ? { lastSessionDate: client.lastSessionDate } : {}),
  };
}

/** The first instant strictly after `after` at which the plan fires (see `nextOccurrence`). */
export function nextOccurrenceOf(input: PlanInput, after: Date): Date | undefined {
  return nextOccurrence(input.rule, after, {
    timeZone: input.timeZone,
    courseStart: input.courseStart,
    courseEnd: input.courseEnd,
    quietHours: input.quietHours,
    lastSessionDate: input.lastSessionDate,
  });
}

/**
 * `nextOccurrenceOf`, remembered: it is a pure function of the rule, zone, course, quiet hours and instant,
 * and the reminders due together mostly share all of them (a clinic's "19:00 on weekdays" in one zone), so
 * planning their successors computes each distinct one once. Bounded; cleared when full.
 */
export function memoisedNextOccurrence(maxEntries = 10_000): typeof nextOccurrenceOf {
  const memo = new Map<string, Date | undefined>();
  return (input, after) => {
    const key = JSON.stringify([input.rule, input.timeZone, input.courseStart, input.courseEnd, input.quietHours, input.lastSessionDate, after.getTime()]);
    if (memo.has(key)) {
      const hit = memo.get(key);
      return hit && new Date(hit);
    }
    const due = nextOccurrenceOf(input, after);
    if (memo.size >= maxEntries) memo.clear();
    memo.set(key, due);
    return due && new Date(due);
  };
}

export class ReminderQueue {
  constructor(private readonly store: DocumentStore) {}

  /**
   * The schedule's next occurrence after `after`, written as a pending reminder; undefined when none.
   * `occurrence` computes it (the dispatcher passes a memoised `nextOccurrence`).
   */
  async planNext(input: PlanInput, after: Date, occurrence: typeof nextOccurrenceOf = nextOccurrenceOf): Promise<Date | undefined> {
    const due = occurrence(input, after);
    if (!due) return undefined;
    const body: DueReminder = {
      type: 'due',
      programmeId: input.programmeId,
      clientId: input.clientId,
      scheduleId: input.scheduleId,
      scheduleVersion: input.scheduleVersion,
      kind: input.kind,
      dueAt: due.toISOString(),
      status: 'pending',
      attempts: 0,
      ...(input.hops ? { hops: input.hops } : {}),
      ...(input.rule.kind === 'measure' ? { instruments: input.rule.instruments } : {}),
    };
    try {
      await this.store.create(CONTAINERS.reminders, bucketOf(due), dueReminderId(input.scheduleId, input.scheduleVersion, due), body);
    } catch (error) {
      // Another instance planned the same occurrence: same id, same content.
      if (!(error instanceof StoreConflictError)) throw error;
    }
    return due;
  }
}
