import { z } from 'zod';
import { Clock, systemClock } from '../clock';
import { CONTAINERS } from '../storage/containers';
import { DocumentStore } from '../storage/documentStore';

/**
 * The client's keep-well plan, written at the end of the course (relapse prevention): early warning signs
 * in their own words, what they will do, who they will tell, and what they will do if their mood stays low
 * for two weeks; plus what helped them during the course. One document in the client's partition of
 * `clients`, so "export my data" includes it and "delete my data" removes it.
 */
export const MAX_KEEP_WELL_ANSWER = 500;
const answer = z.string().trim().min(1).max(MAX_KEEP_WELL_ANSWER);

/** The plan's parts, in the order the client writes them. */
export const KEEP_WELL_PARTS = ['warningSigns', 'whatToDo', 'whoToTell', 'lowForTwoWeeks'] as const;
export type KeepWellPart = (typeof KEEP_WELL_PARTS)[number];

export const keepWellPlanSchema = z.object({
  kind: z.literal('keepWellPlan'),
  clientId: z.string().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Early warning signs that depression is coming back, in the client's words. */
  warningSigns: answer.optional(),
  /** What the client will do when they notice them. */
  whatToDo: answer.optional(),
  /** Who they will tell. */
  whoToTell: answer.optional(),
  /** What they will do if their mood stays low for two weeks (usually: contact the clinic or their doctor). */
  lowForTwoWeeks: answer.optional(),
  /** From the ending work: what helped during the course, and how the client feels about it ending. */
  whatHelped: answer.optional(),
  endingFeelings: answer.optional(),
});
export type KeepWellPlan = z.infer<typeof keepWellPlanSchema>;
export type KeepWellAnswers = Partial<Pick<KeepWellPlan, KeepWellPart | 'whatHelped' | 'endingFeelings'>>;

export const KEEP_WELL_PLAN_ID = 'keepWellPlan';

/** Whether the plan has any of its four parts written. */
export function keepWellPlanHasParts(plan: KeepWellPlan | undefined): plan is KeepWellPlan {
  return plan !== undefined && KEEP_WELL_PARTS.some((part) => plan[part] !== undefined);
}

export class KeepWellPlanStore {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock = systemClock,
  ) {}

  async get(clientId: string): Promise<KeepWellPlan | undefined> {
    const doc = await this.store.read<unknown>(CONTAINERS.clients, clientId, KEEP_WELL_PLAN_ID);
    if (!doc) return undefined;
    const parsed = keepWellPlanSchema.safeParse(doc.body);
    return parsed.success ? parsed.data : undefined;
  }

  /** Saves these answers over the plan (answers left out stay as they were): only the client writes it. */
  async save(clientId: string, answers: KeepWellAnswers): Promise<KeepWellPlan> {
    const current = await this.get(clientId);
    const now = this.clock.now().toISOString();
    const written = Object.fromEntries(Object.entries(answers).filter(([, value]) => value !== undefined));
    const plan = keepWellPlanSchema.parse({ ...current, ...written, kind: 'keepWellPlan', clientId, createdAt: current?.createdAt ?? now, updatedAt: now });
    await this.store.upsert(CONTAINERS.clients, clientId, KEEP_WELL_PLAN_ID, plan);
    return plan;
  }
}
