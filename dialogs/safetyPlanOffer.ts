import { Activity, TurnContext } from 'botbuilder';
import { t } from '../src/i18n';
import { planHasItems } from '../src/safety/safetyPlan';
import { SafetyGuard } from '../src/safety/safetyGuard';
import { turnScreening } from '../src/safety/turnScreening';
import { question } from './prompts/ask';
import { SAFETY_PLAN_CHOICE } from './safetyPlanDialog';

/**
 * The crisis response's invitation to keep writing, with "make a safety plan together" when the client
 * has no plan (or only a draft). The crisis dialog asks for it after the lines are shown, never before;
 * the button (or "my safety plan" typed) starts the plan dialog in place of the crisis dialog. Not offered
 * without consent (nothing can be kept) nor to someone writing about another person.
 */
export async function withSafetyPlanOffer(context: TurnContext, safety: SafetyGuard, invite: string): Promise<string | Partial<Activity>> {
  const profile = await safety.profile(context);
  if (!profile.consent?.given) return invite;
  const result = turnScreening(context)?.result;
  if (result?.thirdParty && result.level !== 'urgent') return invite;
  const plan = await safety.safetyPlan(context);
  if (planHasItems(plan) && !plan.draft) return invite;
  const language = safety.language(context, profile);
  const offer = t(language, planHasItems(plan) ? 'safetyPlan.offerFinish' : 'safetyPlan.offer');
  return question(context, language, `${invite}\n\n${offer}`, [{ id: SAFETY_PLAN_CHOICE, key: 'safetyPlan.offerButton' }]);
}
