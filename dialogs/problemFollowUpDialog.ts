import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { Outcome, OUTCOMES, Problem } from '../src/client/records';
import { AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask, YES_NO } from './prompts/ask';
import { DialogOutcome, ensureClientId, languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { parseChoice, parseText, parseYesNo } from './prompts/parsers';
import { FOLLOW_UP_AFTER_MS } from './followUpFirstDialog';
import { PROBLEM_SOLVING_DIALOG, ProblemSolvingDialog, ProblemSolvingOptions } from './problemSolvingDialog';

export const PROBLEM_FOLLOW_UP_DIALOG = 'problemFollowUpDialog';
const FOLLOW_UP_WATERFALL = 'problemFollowUpWaterfall';
const OUTCOME_PROMPT = 'problemOutcomePrompt';
const NOTE_PROMPT = 'problemOutcomeNotePrompt';
const REVISE_PROMPT = 'problemRevisePrompt';
const READINESS_WATERFALL = 'problemReadinessWaterfall';
const READINESS_PROMPT = 'problemReadinessPrompt';
/** Before the plan's time: ready for it, unsure about it, or wanting to change it. */
const READINESS = ['ready', 'unsure', 'change'] as const;

/**
 * The follow-up of a plan (from the menu or a reminder): how the step went, a note, revise? Before the
 * plan's time has come it asks how ready the client feels instead, and offers to adjust the plan.
 */
export class ProblemFollowUpDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(PROBLEM_FOLLOW_UP_DIALOG);
    this.addDialog(new AnswerPrompt<string>(OUTCOME_PROMPT, parseChoice, languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string | undefined>(NOTE_PROMPT, parseText({ max: 500, skippable: true }), languageOfClient(services)));
    this.addDialog(new AnswerPrompt<boolean>(REVISE_PROMPT, parseYesNo, languageOfClient(services)));
    this.addDialog(new ProblemSolvingDialog(services));
    this.addDialog(
      new WaterfallDialog(FOLLOW_UP_WATERFALL, [this.outcomeStep.bind(this), this.noteStep.bind(this), this.reviseStep.bind(this), this.finishStep.bind(this)]),
    );
    this.addDialog(new AnswerPrompt<string>(READINESS_PROMPT, parseChoice, languageOfClient(services)));
    this.addDialog(new WaterfallDialog(READINESS_WATERFALL, [this.readinessStep.bind(this), this.readinessAnswerStep.bind(this), this.readinessFinishStep.bind(this)]));
    this.initialDialogId = FOLLOW_UP_WATERFALL;
  }

  private async outcomeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const clientId = await ensureClientId(step.context, this.services);
    const plan = await this.services.clients.plannedProblem(clientId);
    if (!plan) {
      await step.context.sendActivity(t(language, 'problem.noPlan'));
      return step.endDialog({ showMenu: true } satisfies DialogOutcome);
    }
    (step.values as Record<string, unknown>).problemId = plan.id;
    if (!this.timeHasCome(plan)) return step.replaceDialog(READINESS_WATERFALL, { problemId: plan.id });
    return step.prompt(
      OUTCOME_PROMPT,
      ask(step.context, language, {
        text: { key: 'problem.askOutcome', vars: { step: plan.firstStep ?? '', when: plan.when ?? '' } },
        items: OUTCOMES.map((id) => ({ id, key: `problem.outcome_${id}` })),
      }),
    );
  }

  private async noteStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string>;
    if (!answer.ok) {
      await step.context.sendActivity(t(language, 'prompts.gaveUp'));
      return step.endDialog({ showMenu: true } satisfies DialogOutcome);
    }
    (step.values as Record<string, unknown>).outcome = answer.value;
    return step.prompt(NOTE_PROMPT, ask(step.context, language, { text: { key: `problem.askNote_${answer.value}` }, items: [{ id: 'skip', key: 'checkin.skipButton' }] }));
  }

  private async reviseStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const clientId = await ensureClientId(step.context, this.services);
    const note = step.result as Parsed<string | undefined>;
    const plan = await this.services.clients.getProblem(clientId, (step.values as Record<string, unknown>).problemId as string);
    if (plan) {
      await this.services.clients.saveProblem({
        ...plan,
        stage: 'reviewed',
        outcome: (step.values as Record<string, unknown>).outcome as Outcome,
        outcomeNote: note.ok ? note.value : undefined,
        reviewedAt: this.services.clock.now().toISOString(),
      });
    }
    await step.context.sendActivity(t(language, `problem.outcomeSaved_${(step.values as Record<string, unknown>).outcome as Outcome}`));
    return step.prompt(REVISE_PROMPT, ask(step.context, language, { text: { key: 'problem.askRevise' }, items: YES_NO }));
  }

  private async finishStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<boolean>;
    if (answer.ok && answer.value) {
      return step.replaceDialog(PROBLEM_SOLVING_DIALOG, { reviseFrom: (step.values as Record<string, unknown>).problemId as string } satisfies ProblemSolvingOptions);
    }
    await step.context.sendActivity(t(language, 'problem.followUpDone'));
    return step.endDialog();
  }

  /**
   * Whether asking "how did it go?" makes sense yet: the moment the client named is over, or (when they
   * named none the bot could read) the plan is at least a night old.
   */
  private timeHasCome(plan: Problem): boolean {
    const now = this.services.clock.now().getTime();
    if (plan.followUpAt) return now >= Date.parse(plan.followUpAt);
    return now - Date.parse(plan.updatedAt) >= FOLLOW_UP_AFTER_MS;
  }

  /** Before the plan's time: how ready the client feels, never how it went. */
  private async readinessStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const clientId = await ensureClientId(step.context, this.services);
    const { problemId } = step.options as { problemId: string };
    const plan = await this.services.clients.getProblem(clientId, problemId);
    (step.values as Record<string, unknown>).problemId = problemId;
    return step.prompt(
      READINESS_PROMPT,
      ask(step.context, language, {
        text: { key: 'problem.askReadiness', vars: { step: plan?.firstStep ?? '', when: plan?.when ?? '' } },
        items: READINESS.map((id) => ({ id, key: `problem.readiness_${id}` })),
      }),
    );
  }

  private async readinessAnswerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string>;
    if (!answer.ok) {
      await step.context.sendActivity(t(language, 'prompts.gaveUp'));
      return step.endDialog({ showMenu: true } satisfies DialogOutcome);
    }
    const problemId = (step.values as Record<string, unknown>).problemId as string;
    if (answer.value === 'ready') {
      await step.context.sendActivity(t(language, 'problem.readinessSaid_ready'));
      return step.endDialog();
    }
    if (answer.value === 'change') {
      // The old plan gives way to the new one, so the follow-up later asks about the plan the client keeps.
      const clientId = await ensureClientId(step.context, this.services);
      const plan = await this.services.clients.getProblem(clientId, problemId);
      if (plan) await this.services.clients.saveProblem({ ...plan, stage: 'discarded' });
      return step.replaceDialog(PROBLEM_SOLVING_DIALOG, { reviseFrom: problemId } satisfies ProblemSolvingOptions);
    }
    await step.context.sendActivity(t(language, 'problem.readinessSaid_unsure'));
    return step.prompt(REVISE_PROMPT, ask(step.context, language, { text: { key: 'problem.askAdjust' }, items: YES_NO }));
  }

  private async readinessFinishStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<boolean>;
    const problemId = (step.values as Record<string, unknown>).problemId as string;
    if (answer.ok && answer.value) {
      const clientId = await ensureClientId(step.context, this.services);
      const plan = await this.services.clients.getProblem(clientId, problemId);
      if (plan) await this.services.clients.saveProblem({ ...plan, stage: 'discarded' });
      return step.replaceDialog(PROBLEM_SOLVING_DIALOG, { reviseFrom: problemId } satisfies ProblemSolvingOptions);
    }
    // Not understood is not "no" to anything: the plan simply stays as it is.
    await step.context.sendActivity(t(language, 'problem.planKept'));
    return step.endDialog();
  }
}
