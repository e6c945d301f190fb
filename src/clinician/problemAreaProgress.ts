/**
 * Problem-area progress for the clinician's summary, over time rather than as a snapshot: the stage of each
 * role dispute as the client gave it exercise after exercise (with the last one before the period, so a
 * change at its start shows), and the client's circle of people — who was added in the period and who
 * moved between circles. Pure: records and the period's bounds in, rows out. Removed people are gone (the
 * client deleted them), so they are not shown.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { CIRCLES, Person, Reflection } from '../client/records';

export const DISPUTE_STAGES = ['renegotiation', 'impasse', 'dissolution'] as const;

export const problemAreaProgressSchema = z
  .object({
    disputeStages: z
      .array(
        z
          .object({
            name: z.string().describe('Who the dispute is with, as the client wrote it.'),
            stages: z.array(z.object({ date: z.string(), stage: z.enum(DISPUTE_STAGES), beforePeriod: z.boolean().optional() }).strict()),
          })
          .strict(),
      )
      .describe('Each role dispute worked on in the period: its stage at each exercise, oldest first; the first may be the last one before the period (beforePeriod).'),
    circleChanges: z
      .array(z.object({ date: z.string(), name: z.string(), from: z.enum(CIRCLES), to: z.enum(CIRCLES) }).strict())
      .describe("Moves between circles the client made in the period (inner is closest)."),
    newPeople: z.array(z.object({ date: z.string(), name: z.string(), circle: z.enum(CIRCLES) }).strict()).describe('People the client added to their circle in the period.'),
  })
  .strict()
  .describe('Problem-area progress over the period; absent when nothing changed.');
export type ProblemAreaProgress = z.infer<typeof problemAreaProgressSchema>;

export interface ProgressWindow {
  /** The period as instants: from the client's midnight starting it to the one ending it. */
  startMs: number;
  endMs: number;
  zone: string;
}

const dayOf = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toISODate() ?? '';
const isStage = (value: string | undefined): value is (typeof DISPUTE_STAGES)[number] => (DISPUTE_STAGES as readonly string[]).includes(value ?? '');
/** One dispute per person, however the client capitalised or spaced the name. */
const personKey = (name: string) => name.trim().toLocaleLowerCase();

/** The disputes with a stage given in the period, each with its stages over time. */
function disputeStages(reflections: readonly Reflection[], w: ProgressWindow): ProblemAreaProgress['disputeStages'] {
  const disputes = reflections
    .filter((r) => r.area === 'roleDispute' && r.answers.who && isStage(r.answers.stage))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const byPerson = new Map<string, Reflection[]>();
  for (const r of disputes) {
    const key = personKey(r.answers.who);
    byPerson.set(key, [...(byPerson.get(key) ?? []), r]);
  }
  const rows: ProblemAreaProgress['disputeStages'] = [];
  for (const list of byPerson.values()) {
    const at = (r: Reflection) => Date.parse(r.createdAt);
    const inPeriod = list.filter((r) => at(r) >= w.startMs && at(r) < w.endMs);
    if (inPeriod.length === 0) continue;
    const before = list.filter((r) => at(r) < w.startMs).at(-1);
    const stage = (r: Reflection, beforePeriod: boolean) => ({ date: dayOf(r.createdAt, w.zone), stage: r.answers.stage as (typeof DISPUTE_STAGES)[number], ...(beforePeriod ? { beforePeriod } : {}) });
    rows.push({ name: inPeriod.at(-1)!.answers.who.trim(), stages: [...(before ? [stage(before, true)] : []), ...inPeriod.map((r) => stage(r, false))] });
  }
  return rows.sort((a, b) => a.stages[a.stages.length - 1].date.localeCompare(b.stages[b.stages.length - 1].date));
}

/** The period's additions to the circle and moves between circles, oldest first. */
function circle(people: readonly Person[], w: ProgressWindow): Pick<ProblemAreaProgress, 'circleChanges' | 'newPeople'> {
  const inPeriod = (iso: string) => Date.parse(iso) >= w.startMs && Date.parse(iso) < w.endMs;
  const circleChanges = people
    .flatMap((p) => (p.circleMoves ?? []).filter((m) => inPeriod(m.at)).map((m) => ({ at: m.at, row: { date: dayOf(m.at, w.zone), name: p.name, from: m.from, to: m.to } })))
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((m) => m.row);
  // Where a new person is now is not where they were added when they moved since: the first move's `from` is.
  const newPeople = people
    .filter((p) => inPeriod(p.createdAt))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((p) => ({ date: dayOf(p.createdAt, w.zone), name: p.name, circle: p.circleMoves?.[0]?.from ?? p.circle }));
  return { circleChanges, newPeople };
}

/** The progress rows of the period, or nothing when there are none (the summary then leaves the section out). */
export function problemAreaProgress(records: { reflections: readonly Reflection[]; people?: readonly Person[] }, w: ProgressWindow): { progress?: ProblemAreaProgress } {
  const progress = { disputeStages: disputeStages(records.reflections, w), ...circle(records.people ?? [], w) };
  const any = progress.disputeStages.length + progress.circleChanges.length + progress.newPeople.length > 0;
  return any ? { progress } : {};
}
