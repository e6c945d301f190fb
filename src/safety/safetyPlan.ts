import { z } from 'zod';
import { Language, t } from '../i18n';
import { CONTAINERS } from '../storage/containers';
import { DocumentStore } from '../storage/documentStore';

/**
 * The client's Stanley–Brown safety plan, as their clinician recorded it (the programme API writes it; the
 * bot only reads it, and only on a flagged turn). Stored in the client's partition of `clients`.
 */
const items = z.array(z.string().trim().min(1).max(300)).max(10).default([]);

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
});

export type SafetyPlan = z.infer<typeof safetyPlanSchema>;

export const SAFETY_PLAN_ID = 'safetyPlan';

/** The six parts in the order the plan is used. */
export const SAFETY_PLAN_PARTS = ['warningSigns', 'copingStrategies', 'distractions', 'peopleToAsk', 'professionals', 'safeEnvironment'] as const;

export class SafetyPlanStore {
  constructor(private readonly store: DocumentStore) {}

  async get(clientId: string): Promise<SafetyPlan | undefined> {
    const doc = await this.store.read<unknown>(CONTAINERS.clients, clientId, SAFETY_PLAN_ID);
    if (!doc) return undefined;
    const parsed = safetyPlanSchema.safeParse(doc.body);
    return parsed.success ? parsed.data : undefined;
  }

  async put(plan: z.input<typeof safetyPlanSchema>): Promise<SafetyPlan> {
    const valid = safetyPlanSchema.parse(plan);
    await this.store.upsert(CONTAINERS.clients, valid.clientId, SAFETY_PLAN_ID, valid);
    return valid;
  }
}

/** The plan as one message: each part that has entries, under its heading. */
export function formatSafetyPlan(language: Language, plan: SafetyPlan): string | undefined {
  const sections = SAFETY_PLAN_PARTS.filter((part) => plan[part].length > 0).map(
    (part) => `**${t(language, `safety.plan.${part}`)}**\n${plan[part].map((entry) => `- ${entry}`).join('\n')}`,
  );
  return sections.length ? [t(language, 'safety.plan.intro'), ...sections].join('\n\n') : undefined;
}
