import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { Language, t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { KEEP_WELL_PARTS, KeepWellPlan, keepWellPlanHasParts, MAX_KEEP_WELL_ANSWER } from '../src/client/keepWellPlan';
import { AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask, ChoiceItem, YES_NO } from './prompts/ask';
import { ensureClientId, languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { parseText, parseYesNo } from './prompts/parsers';

export const KEEP_WELL_DIALOG = 'keepWellPlanDialog';
const START_WATERFALL = 'keepWellStart';
const PART_LOOP = 'keepWellPartLoop';
const TEXT_PROMPT = 'keepWellText';
const YES_NO_PROMPT = 'keepWellYesNo';
const KEEP: ChoiceItem = { id: 'skip', key: 'ending.keepAsIs' };
const SKIP: ChoiceItem = { id: 'skip', key: 'checkin.skipButton' };

/** `build`: go straight to the questions (the ending work offered the plan and the client said yes). */
export interface KeepWellOptions {
  build?: boolean;
}

/**
 * "My keep-well plan": shows the plan and offers to change it, or offers to write it. Writing it is four
 * questions in the client's own words (warning signs, what to do, who to tell, what to do if mood stays
 * low for two weeks); each answer is saved as soon as it is given, so a cancel keeps what was written.
 */
export class KeepWellPlanDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(KEEP_WELL_DIALOG);
    const languageOf = languageOfClient(services);
    this.addDialog(new AnswerPrompt<string | undefined>(TEXT_PROMPT, parseText({ max: MAX_KEEP_WELL_ANSWER, skippable: true }), languageOf));
    this.addDialog(new AnswerPrompt<boolean>(YES_NO_PROMPT, parseYesNo, languageOf));
    this.addDialog(new WaterfallDialog(START_WATERFALL, [this.showStep.bind(this), this.decideStep.bind(this)]));
    this.addDialog(new WaterfallDialog(PART_LOOP, [this.askStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = START_WATERFALL;
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.options as KeepWellOptions | undefined)?.build) return step.replaceDialog(PART_LOOP, { index: 0 });
    const { language } = await profileAndLanguage(step.context, this.services);
    const plan = await this.services.clients.keepWellPlans.get(await ensureClientId(step.context, this.services));
    if (!keepWellPlanHasParts(plan)) return step.prompt(YES_NO_PROMPT, ask(step.context, language, { text: { key: 'ending.noPlanYet' }, items: YES_NO }));
    await step.context.sendActivity(planText(language, plan));
    return step.prompt(YES_NO_PROMPT, ask(step.context, language, { text: { key: 'ending.askChange' }, items: YES_NO }));
  }

  private async decideStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Parsed<boolean>;
    if (answer.ok && answer.value) return step.replaceDialog(PART_LOOP, { index: 0 });
    const { language } = await profileAndLanguage(step.context, this.services);
    // Not sure or no: nothing changes, and the way back is said.
    await step.context.sendActivity(t(language, 'ending.planLater'));
    return step.endDialog();
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const index = (step.options as { index: number }).index;
    if (index === 0) await step.context.sendActivity(t(language, 'ending.planIntro'));
    const part = KEEP_WELL_PARTS[index];
    const plan = await this.services.clients.keepWellPlans.get(await ensureClientId(step.context, this.services));
    // A part already written can be kept as it is.
    const items = plan?.[part] ? [KEEP] : [SKIP];
    return step.prompt(TEXT_PROMPT, ask(step.context, language, { text: { key: `ending.ask_${part}` }, items }));
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const index = (step.options as { index: number }).index;
    const clientId = await ensureClientId(step.context, this.services);
    const answer = step.result as Parsed<string | undefined>;
    // A part left unanswered after the reprompt is skipped, never a reason to lose the others.
    const plan = answer.ok && answer.value !== undefined ? await this.services.clients.keepWellPlans.save(clientId, { [KEEP_WELL_PARTS[index]]: answer.value }) : undefined;
    if (index + 1 < KEEP_WELL_PARTS.length) return step.replaceDialog(PART_LOOP, { index: index + 1 });
    const { language } = await profileAndLanguage(step.context, this.services);
    const saved = plan ?? (await this.services.clients.keepWellPlans.get(clientId));
    if (keepWellPlanHasParts(saved)) {
      await step.context.sendActivity(planText(language, saved));
      await step.context.sendActivity(t(language, 'ending.planSaved'));
    } else {
      await step.context.sendActivity(t(language, 'ending.planLater'));
    }
    return step.endDialog();
  }
}

/** The plan as the client wrote it, one part a line. */
export function planText(language: Language, plan: KeepWellPlan): string {
  const lines = KEEP_WELL_PARTS.filter((part) => plan[part]).map((part) => t(language, `ending.part_${part}`, { text: plan[part] as string }));
  return [t(language, 'ending.planShown'), ...lines].join('\n\n');
}
