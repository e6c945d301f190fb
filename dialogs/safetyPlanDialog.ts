import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { Language, t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { formatSafetyPlan, MAX_PLAN_ITEMS, planHasItems, SAFETY_PLAN_STEPS, SafetyPlan, SafetyPlanStep } from '../src/safety/safetyPlan';
import { AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask, ChoiceItem } from './prompts/ask';
import { DialogOutcome, ensureClientId, languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { parseChoice } from './prompts/parsers';
import { parsePlanItems, PlanItemsAnswer } from './prompts/planItems';

export const SAFETY_PLAN_DIALOG = 'safetyPlanDialog';
/** The id the "make a safety plan" buttons submit (the menu item and the crisis response's offer). */
export const SAFETY_PLAN_CHOICE = 'safetyPlan';
const OVERVIEW = 'safetyPlanOverview';
const STEP = 'safetyPlanStep';
const CHOICE_PROMPT = 'safetyPlanChoicePrompt';
const ITEMS_PROMPT = 'safetyPlanItemsPrompt';

export interface SafetyPlanOptions {
  /** Started from the crisis response's offer: straight into building, no question first. */
  fromCrisis?: boolean;
}

/** One step being filled in: build (adds, then goes on to the next step) or change (replaces, then ends). */
interface StepOptions {
  step: SafetyPlanStep;
  mode: 'build' | 'change';
  /** Messages with items sent at this step so far. */
  added: number;
}

/** Where the overview is: offering, building (a step dialog runs), choosing a step to change, changing it. */
type Phase = 'offer' | 'building' | 'choosingStep' | 'changing';

/** How a step ended, for the overview. */
interface StepResult extends DialogOutcome {
  finished?: boolean;
}

const BUILD: ChoiceItem = { id: 'build', key: 'safetyPlan.buildButton' };
const CARRY_ON: ChoiceItem = { id: 'carryOn', key: 'safetyPlan.carryOnButton' };
const CHANGE: ChoiceItem = { id: 'change', key: 'safetyPlan.changeButton' };
const NOT_NOW: ChoiceItem = { id: 'notNow', key: 'safetyPlan.notNowButton' };
const ALL_GOOD: ChoiceItem = { id: 'allGood', key: 'safetyPlan.allGoodButton' };
const SKIP: ChoiceItem = { id: 'skip', key: 'safetyPlan.skipButton' };
const DONE: ChoiceItem = { id: 'done', key: 'safetyPlan.doneButton' };
const STEP_ITEMS: ChoiceItem[] = SAFETY_PLAN_STEPS.map((step) => ({ id: step, key: `safetyPlan.stepName.${step}` }));

/**
 * "My safety plan": shows the plan in force (the clinician's, or the one the client wrote) and lets the
 * client change one step; with no plan, builds one with them, step by step — the six Stanley–Brown steps
 * and their reasons for living. Each step takes several items (one per message, or separated by commas
 * or lines), "done" moves on, and any step can be skipped. Every answer is stored at once, so a plan left
 * half-way stays as a draft the client can carry on with; a plan the client wrote or changed is marked for
 * their clinician's review, and the crisis response shows it.
 */
export class SafetyPlanDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(SAFETY_PLAN_DIALOG);
    const languageOf = languageOfClient(services);
    this.addDialog(new AnswerPrompt<string>(CHOICE_PROMPT, parseChoice, languageOf));
    this.addDialog(new AnswerPrompt<PlanItemsAnswer>(ITEMS_PROMPT, parsePlanItems, languageOf));
    this.addDialog(new WaterfallDialog(OVERVIEW, [this.showStep.bind(this), this.choiceStep.bind(this), this.whichStep.bind(this), this.endStep.bind(this)]));
    this.addDialog(new WaterfallDialog(STEP, [this.askStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = OVERVIEW;
  }

  private async plan(clientId: string): Promise<SafetyPlan | undefined> {
    return this.services.clients.safetyPlans.get(clientId);
  }

  // --- the plan as it is, and what to do with it ------------------------------------------------------

  private async showStep(step: WaterfallStepContext<SafetyPlanOptions>): Promise<DialogTurnResult> {
    const { profile, language } = await profileAndLanguage(step.context, this.services);
    if (!profile.consent?.given) {
      // Nothing may be stored without consent; the lines are still a message away.
      await step.context.sendActivity(t(language, 'safetyPlan.needsConsent'));
      return step.endDialog();
    }
    const clientId = await ensureClientId(step.context, this.services);
    const plan = await this.plan(clientId);
    const firstStep = plan?.draft?.resumeAt ?? SAFETY_PLAN_STEPS[0];
    if (step.options?.fromCrisis && (!planHasItems(plan) || plan.draft)) {
      await step.context.sendActivity(t(language, 'safetyPlan.introTogether'));
      await step.context.sendActivity(t(language, 'safetyPlan.howToAnswer'));
      return this.beginStep(step, 'building', { step: firstStep, mode: 'build', added: 0 });
    }
    this.setPhase(step, 'offer');
    if (!planHasItems(plan)) return step.prompt(CHOICE_PROMPT, ask(step.context, language, { text: { key: 'safetyPlan.introNone' }, items: [BUILD, NOT_NOW] }));
    await step.context.sendActivity(formatSafetyPlan(language, plan) ?? '');
    if (plan.draft) return step.prompt(CHOICE_PROMPT, ask(step.context, language, { text: { key: 'safetyPlan.draftNote' }, items: [CARRY_ON, CHANGE, ALL_GOOD] }));
    const key = plan.author === 'client' && plan.needsReview ? 'safetyPlan.askChangeOwn' : 'safetyPlan.askChange';
    return step.prompt(CHOICE_PROMPT, ask(step.context, language, { text: { key }, items: [CHANGE, ALL_GOOD] }));
  }

  private async choiceStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (this.phase(step) !== 'offer') return step.endDialog(step.result);
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string>;
    if (!answer.ok) return this.giveUp(step, language);
    if (answer.value === BUILD.id || answer.value === CARRY_ON.id) {
      const clientId = await ensureClientId(step.context, this.services);
      const plan = await this.plan(clientId);
      await step.context.sendActivity(t(language, 'safetyPlan.howToAnswer'));
      return this.beginStep(step, 'building', { step: plan?.draft?.resumeAt ?? SAFETY_PLAN_STEPS[0], mode: 'build', added: 0 });
    }
    if (answer.value === CHANGE.id) {
      this.setPhase(step, 'choosingStep');
      return step.prompt(CHOICE_PROMPT, ask(step.context, language, { text: { key: 'safetyPlan.askWhichStep' }, items: STEP_ITEMS }));
    }
    await step.context.sendActivity(t(language, 'safetyPlan.closing'));
    return step.endDialog();
  }

  /** After "change": the step chosen; after building: the step dialog's outcome, passed on. */
  private async whichStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (this.phase(step) !== 'choosingStep') return step.endDialog(step.result);
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string>;
    if (!answer.ok) return this.giveUp(step, language);
    await step.context.sendActivity(t(language, 'safetyPlan.howToAnswerChange'));
    return this.beginStep(step, 'changing', { step: answer.value as SafetyPlanStep, mode: 'change', added: 0 });
  }

  private async endStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }

  private beginStep(step: WaterfallStepContext, phase: Phase, options: StepOptions): Promise<DialogTurnResult> {
    this.setPhase(step, phase);
    return step.beginDialog(STEP, options);
  }

  private phase(step: WaterfallStepContext): Phase | undefined {
    return (step.values as { phase?: Phase }).phase;
  }

  private setPhase(step: WaterfallStepContext, phase: Phase): void {
    (step.values as { phase?: Phase }).phase = phase;
  }

  /** Two unreadable answers: the menu, and the plan stays as it was stored (a draft says so). */
  private async giveUp(step: WaterfallStepContext, language: Language): Promise<DialogTurnResult> {
    const clientId = await ensureClientId(step.context, this.services);
    const plan = await this.plan(clientId);
    await step.context.sendActivity(t(language, plan?.draft ? 'safetyPlan.keptDraft' : planHasItems(plan) ? 'safetyPlan.keptPlan' : 'prompts.gaveUp'));
    return step.endDialog({ showMenu: true } satisfies StepResult);
  }

  // --- one step: its question, then items until "done" --------------------------------------------------

  private async askStep(step: WaterfallStepContext<StepOptions>): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const { step: planStep, mode, added } = step.options;
    if (added > 0) return step.prompt(ITEMS_PROMPT, ask(step.context, language, { text: { key: 'safetyPlan.askMore' }, items: [DONE], retries: RETRIES }));
    // What the step holds already: always when changing it, and when carrying on with a draft.
    const clientId = await ensureClientId(step.context, this.services);
    const current = (await this.plan(clientId))?.[planStep] ?? [];
    if (current.length) await step.context.sendActivity(t(language, 'safetyPlan.currentItems', { items: current.map((item) => `- ${item}`).join('\n') }));
    else if (mode === 'change') await step.context.sendActivity(t(language, 'safetyPlan.currentEmpty'));
    (step.values as { hadItems?: boolean }).hadItems = current.length > 0;
    const number = SAFETY_PLAN_STEPS.indexOf(planStep) + 1;
    const text = { key: `safetyPlan.ask.${planStep}`, vars: { number, total: SAFETY_PLAN_STEPS.length } };
    return step.prompt(ITEMS_PROMPT, ask(step.context, language, { text, items: [SKIP], retries: RETRIES }));
  }

  private async answerStep(step: WaterfallStepContext<StepOptions>): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const options = step.options;
    const answer = step.result as Parsed<PlanItemsAnswer>;
    if (!answer.ok) return this.giveUp(step, language);
    const clientId = await ensureClientId(step.context, this.services);
    const plans = this.services.clients.safetyPlans;
    if (answer.value.kind === 'items') {
      const typed = answer.value.items;
      // Changing a step replaces what it held with what is sent now; building adds to it.
      const saved = await plans.saveClientStep(
        clientId,
        options.step,
        (current) => mergeItems(options.mode === 'change' && options.added === 0 ? [] : current, typed),
        options.mode === 'build' ? { resumeAt: options.step } : undefined,
      );
      if (saved[options.step].length < MAX_PLAN_ITEMS) return step.replaceDialog(STEP, { ...options, added: options.added + 1 } satisfies StepOptions);
      await step.context.sendActivity(t(language, 'safetyPlan.stepFull', { max: MAX_PLAN_ITEMS }));
    } else if (options.mode === 'change' && options.added === 0) {
      await step.context.sendActivity(t(language, 'safetyPlan.unchanged'));
      return step.endDialog({} satisfies StepResult);
    } else if (options.added === 0 && !(step.values as { hadItems?: boolean }).hadItems) {
      await step.context.sendActivity(t(language, 'safetyPlan.skipped'));
    }
    if (options.mode === 'change') {
      await step.context.sendActivity(t(language, 'safetyPlan.changed'));
      return step.endDialog({} satisfies StepResult);
    }
    const next = SAFETY_PLAN_STEPS[SAFETY_PLAN_STEPS.indexOf(options.step) + 1];
    if (next) {
      // A skipped step moves the draft on too, so carrying on later starts where the client left off.
      await plans.moveDraft(clientId, next);
      return step.replaceDialog(STEP, { step: next, mode: 'build', added: 0 } satisfies StepOptions);
    }
    const plan = await plans.finishClientDraft(clientId);
    if (!plan || !planHasItems(plan)) {
      await step.context.sendActivity(t(language, 'safetyPlan.finishedEmpty'));
      return step.endDialog({ finished: true } satisfies StepResult);
    }
    await step.context.sendActivity(t(language, 'safetyPlan.finished'));
    await step.context.sendActivity(formatSafetyPlan(language, plan) ?? '');
    await step.context.sendActivity(t(language, 'safetyPlan.afterFinished'));
    return step.endDialog({ finished: true } satisfies StepResult);
  }
}

/** Reprompts at a step: a very long message is asked for in smaller pieces. */
const RETRIES = { tooLong: { key: 'safetyPlan.retryTooLong' } };

/** `typed` after `current`, without repeating an item already there (compared without case). */
function mergeItems(current: readonly string[], typed: readonly string[]): string[] {
  const seen = new Set(current.map((item) => item.toLocaleLowerCase()));
  const merged = [...current];
  for (const item of typed) {
    const key = item.toLocaleLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(item);
  }
  return merged.slice(0, MAX_PLAN_ITEMS);
}
