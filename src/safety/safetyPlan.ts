import { z } from 'zod';
import { Clock, systemClock } from '../clock';
import { Language, t } from '../i18n';
import { CONTAINERS } from '../storage/containers';
import { DocumentStore } from '../storage/documentStore';
import { StoreConflictError, StorePreconditionFailedError } from '../storage/errors';

/**
 * The client's Stanley–Brown safety plan, one document in the client's partition of `clients`. Their
 * clinician writes it (Teams form, programme API), or the client builds it in chat when there is none;
 * a plan the client wrote or changed is marked for the clinician's review, and saving it from the
 * clinician's form makes it the clinician's version again. The bot reads it on flagged turns.
 */
const items = z.array(z.string().trim().min(1).max(300)).max(10).default([]);

/** The six parts in the order the plan is used. */
export const SAFETY_PLAN_PARTS = ['warningSigns', 'copingStrategies', 'distractions', 'peopleToAsk', 'professionals', 'safeEnvironment'] as const;
/** The six parts, then what the client lives for: the steps the client builds in chat, in order. */
export const SAFETY_PLAN_STEPS = [...SAFETY_PLAN_PARTS, 'reasonsForLiving'] as const;
export type SafetyPlanStep = (typeof SAFETY_PLAN_STEPS)[number];
export const MAX_PLAN_ITEMS = 10;
export const MAX_PLAN_ITEM_LENGTH = 300;

export const safetyPlanSchema = z.object({
  kind: z.literal('safetyPlan'),
  clientId: z.string().min(1),
  updatedAt: z.string(),
  /** 1. Warning signs: thoughts, images, moods, situations that come before a crisis. */
  warningSigns: items,
  /** 2. Internal coping strategies: things to do alone to take one's mind off the problem. */
  copingStrategies: items,
  /** 3. People and social settings that provide distraction. */
  distractions: items,
  /** 4. People to ask for help (name and how to reach them). */
  peopleToAsk: items,
  /** 5. Professionals and agencies to contact in a crisis. */
  professionals: items,
  /** 6. Making the environment safe (limiting access to means). */
  safeEnvironment: items,
  /** What the client lives for, in their own words. */
  reasonsForLiving: items,
  /** Who wrote the version in force: the clinician (or the programme), or the client in chat. */
  author: z.enum(['clinician', 'client']).default('clinician'),
  /** The client wrote or changed it since the clinician last saved it. */
  needsReview: z.boolean().default(false),
  /** The steps the client wrote or changed since then. */
  changedByClient: z.array(z.enum(SAFETY_PLAN_STEPS)).default([]),
  /** Present while the client is still building it: the step they had reached. */
  draft: z.object({ resumeAt: z.enum(SAFETY_PLAN_STEPS) }).optional(),
  /** When the clinician last saved (reviewed) it. */
  reviewedAt: z.string().optional(),
});

export type SafetyPlan = z.infer<typeof safetyPlanSchema>;

export const SAFETY_PLAN_ID = 'safetyPlan';

/** Whether a stored plan has anything in it. */
export function planHasItems(plan: SafetyPlan | undefined): plan is SafetyPlan {
  return plan !== undefined && SAFETY_PLAN_STEPS.some((step) => plan[step].length > 0);
}

export class SafetyPlanStore {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock = systemClock,
  ) {}

  async get(clientId: string): Promise<SafetyPlan | undefined> {
    const doc = await this.store.read<unknown>(CONTAINERS.clients, clientId, SAFETY_PLAN_ID);
    if (!doc) return undefined;
    const parsed = safetyPlanSchema.safeParse(doc.body);
    return parsed.success ? parsed.data : undefined;
  }

  /** Writes the whole plan (the clinician's form and the programme API). */
  async put(plan: z.input<typeof safetyPlanSchema>): Promise<SafetyPlan> {
    const valid = safetyPlanSchema.parse(plan);
    await this.store.upsert(CONTAINERS.clients, valid.clientId, SAFETY_PLAN_ID, valid);
    return valid;
  }

  /**
   * The client's own words for one step (`entries` gets what the step holds now and returns its new
   * items), written at once so nothing typed is lost to a restart or a cancel, over whatever else the plan
   * holds. `draft` says where a plan being built has got to; without it a draft stays as it is.
   */
  async saveClientStep(
    clientId: string,
    step: SafetyPlanStep,
    entries: (current: readonly string[]) => readonly string[],
    draft?: { resumeAt: SafetyPlanStep },
  ): Promise<SafetyPlan> {
    const saved = await this.modify(clientId, true, (plan) => ({
      ...plan,
      ...(draft ? { draft } : {}),
      [step]: entries(plan[step]).slice(0, MAX_PLAN_ITEMS),
      author: 'client',
      needsReview: true,
      changedByClient: SAFETY_PLAN_STEPS.filter((s) => s === step || plan.changedByClient.includes(s)),
    }));
    return saved as SafetyPlan;
  }

  /** A draft being built has reached `resumeAt` (a skipped step); no plan, or a finished one, is left alone. */
  async moveDraft(clientId: string, resumeAt: SafetyPlanStep): Promise<void> {
    await this.modify(clientId, false, (plan) => (plan.draft ? { ...plan, draft: { resumeAt } } : undefined));
  }

  /** The plan the client was building is finished: no longer a draft. Undefined when nothing was written. */
  async finishClientDraft(clientId: string): Promise<SafetyPlan | undefined> {
    return this.modify(clientId, false, ({ draft, ...plan }) => (draft ? plan : undefined));
  }

  /**
   * Read, change, write with the stored eTag: a clinician saving the plan at the same moment is read
   * again and kept, never overwritten. `change` returns undefined to write nothing; with `create` false a
   * missing plan is not created. Returns the plan as stored.
   */
  private async modify(clientId: string, create: boolean, change: (plan: SafetyPlan) => SafetyPlan | undefined): Promise<SafetyPlan | undefined> {
    for (let attempt = 0; ; attempt++) {
      const existing = await this.store.read<unknown>(CONTAINERS.clients, clientId, SAFETY_PLAN_ID);
      const parsed = existing ? safetyPlanSchema.safeParse(existing.body) : undefined;
      if (!parsed?.success && !create) return undefined;
      const current = parsed?.success ? parsed.data : safetyPlanSchema.parse({ kind: 'safetyPlan', clientId, updatedAt: '' });
      const changed = change(current);
      if (!changed) return current;
      const plan = safetyPlanSchema.parse({ ...changed, updatedAt: this.clock.now().toISOString() });
      try {
        if (existing) await this.store.upsert(CONTAINERS.clients, clientId, SAFETY_PLAN_ID, plan, { ifMatch: existing.etag });
        else await this.store.create(CONTAINERS.clients, clientId, SAFETY_PLAN_ID, plan);
        return plan;
      } catch (error) {
        const raced = error instanceof StorePreconditionFailedError || error instanceof StoreConflictError;
        if (!raced || attempt >= 4) throw error;
      }
    }
  }
}

/** The plan as one message: whose it is, then each part that has entries, under its heading. */
export function formatSafetyPlan(language: Language, plan: SafetyPlan): string | undefined {
  const sections = SAFETY_PLAN_STEPS.filter((part) => plan[part].length > 0).map(
    (part) => `**${t(language, `safety.plan.${part}`)}**\n${plan[part].map((entry) => `- ${entry}`).join('\n')}`,
  );
  const intro = plan.author === 'client' ? (plan.draft ? 'safety.plan.introClientDraft' : 'safety.plan.introClient') : 'safety.plan.intro';
  return sections.length ? [t(language, intro), ...sections].join('\n\n') : undefined;
}
