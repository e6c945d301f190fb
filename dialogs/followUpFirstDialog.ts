import { ComponentDialog, Dialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { TurnContext } from 'botbuilder';
import { catalogKeys, t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { Outcome, OUTCOMES } from '../src/client/records';
import { AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask } from './prompts/ask';
import { DialogOutcome, ensureClientId, languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { parseChoice } from './prompts/parsers';
import { DEFAULT_FOLLOW_UP_MS, promiseFollowUp } from './prompts/followUpReminder';
import type { ExerciseFollowUpKind } from '../src/scheduling/clientSchedule';

/** Something the client said they would do, not yet asked about: where it is kept and how to ask. */
export interface OpenLoop {
  /** The record's id, so the answer is saved on the record asked about. */
  id: string;
  /** Locale key of the question, and its placeholders (from the client's own words). */
  key: string;
  vars: Record<string, string>;
}

/** Open loops are asked about from the next day on: right after setting a step, asking whether it happened makes no sense. */
export const FOLLOW_UP_AFTER_MS = 12 * 3_600_000;

export interface LoopSource {
  open(clientId: string, services: ClientServices, now: Date): Promise<OpenLoop | undefined>;
  close(clientId: string, services: ClientServices, id: string, outcome: Outcome): Promise<void>;
}

/**
 * Closes the loop before starting again: an exercise that ended with a step the client would take (a next
 * step in a dispute, a rehearsed talk, what a new role needs) first asks whether it happened, like plans and
 * nudges do, saves the answer on that record, then runs the exercise. Without an open loop it runs at once.
 */
export class FollowUpFirstDialog extends ComponentDialog {
  private readonly promptId: string;

  constructor(
    dialogId: string,
    private readonly inner: Dialog,
    private readonly loops: LoopSource,
    private readonly services: ClientServices,
  ) {
    super(dialogId);
    this.promptId = `${dialogId}LoopPrompt`;
    this.addDialog(new AnswerPrompt<string>(this.promptId, parseChoice, languageOfClient(services)));
    this.addDialog(inner);
    this.addDialog(new WaterfallDialog(`${dialogId}LoopWaterfall`, [this.askStep.bind(this), this.answerStep.bind(this), this.endStep.bind(this)]));
    this.initialDialogId = `${dialogId}LoopWaterfall`;
    this.reminderKind = FOLLOW_UP_REMINDERS[dialogId];
  }

  private readonly reminderKind: ExerciseFollowUpKind | undefined;

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const clientId = await ensureClientId(step.context, this.services);
    const now = this.services.clock.now();
    const values = step.values as LoopValues;
    values.fromReminder = this.reminderKind !== undefined && reminderTapped(step.context) === this.reminderKind;
    values.unansweredBefore = (await this.unanswered(clientId, now))?.id;
    const open = await this.loops.open(clientId, this.services, now);
    if (!open && values.fromReminder) {
      // The reminder came after the client had already answered from the menu: nothing to ask.
      await step.context.sendActivity(t(language, 'loops.nothingOpen'));
      return step.endDialog({ showMenu: true } satisfies DialogOutcome);
    }
    if (!open) return step.beginDialog(this.inner.id, step.options);
    values.open = open;
    const items = OUTCOMES.map((id) => ({ id, key: `loops.outcome_${id}` }));
    // From the reminder's button the question stands alone ("Before we start" would promise an exercise).
    const key = values.fromReminder && catalogKeys(language).includes(`${open.key}_reminder`) ? `${open.key}_reminder` : open.key;
    return step.prompt(this.promptId, ask(step.context, language, { text: { key, vars: open.vars }, items }));
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { open, fromReminder } = step.values as LoopValues;
    if (!open) return this.finish(step, step.result);
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string>;
    if (!answer.ok) {
      // Not understood is not "no": nothing is recorded, and the question comes again next time.
      await step.context.sendActivity(t(language, 'prompts.gaveUp'));
      return step.endDialog({ showMenu: true } satisfies DialogOutcome);
    }
    await this.loops.close(await ensureClientId(step.context, this.services), this.services, open.id, answer.value as Outcome);
    await step.context.sendActivity(t(language, `loops.said_${answer.value}`));
    if (fromReminder) return step.endDialog({ showMenu: true } satisfies DialogOutcome);
    return step.beginDialog(this.inner.id, step.options);
  }

  private async endStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.finish(step, step.result);
  }

  /** The newest step not answered yet, however recent (asked about only from the next day on). */
  private async unanswered(clientId: string, now: Date): Promise<OpenLoop | undefined> {
    return this.loops.open(clientId, this.services, new Date(now.getTime() + FOLLOW_UP_AFTER_MS));
  }

  /**
   * After the exercise: when it left a new step to ask about, the follow-up is promised for real — a
   * one-off reminder in this chat for a client no programme reminds.
   */
  private async finish(step: WaterfallStepContext, result: unknown): Promise<DialogTurnResult> {
    if (this.reminderKind) {
      const now = this.services.clock.now();
      const created = await this.unanswered(await ensureClientId(step.context, this.services), now);
      if (created && created.id !== (step.values as LoopValues).unansweredBefore) {
        await promiseFollowUp(step.context, this.services, this.reminderKind, new Date(now.getTime() + DEFAULT_FOLLOW_UP_MS));
      }
    }
    return step.endDialog(result);
  }
}

interface LoopValues {
  open?: OpenLoop;
  /** The dialog was opened from its own follow-up reminder's button. */
  fromReminder?: boolean;
  /** The step waiting for an answer when the exercise began, so a new one is told apart. */
  unansweredBefore?: string;
}

/** Which exercise's follow-up reminder a dialog sends and answers, by the dialog's id. */
const FOLLOW_UP_REMINDERS: Record<string, ExerciseFollowUpKind> = {
  rehearsalDialog: 'talkFollowUp',
  roleDisputeDialog: 'disputeFollowUp',
  roleTransitionDialog: 'transitionFollowUp',
  griefWorkDialog: 'griefFollowUp',
};

/** The reminder whose button this turn is (`{ choice, reminder }` sent without text), if any. */
function reminderTapped(context: TurnContext): string | undefined {
  const value = context.activity.value as { reminder?: unknown } | undefined;
  return !context.activity.text && value && typeof value === 'object' && typeof value.reminder === 'string' ? value.reminder : undefined;
}

/** The newest reflection of an area whose `field` was answered and has no outcome yet, from the next day on. */
export function reflectionLoop(area: 'roleDispute' | 'roleTransition' | 'grief', field: string, key: string, vars: (answers: Record<string, string>) => Record<string, string>): LoopSource {
  return {
    async open(clientId, services, now) {
      const newest = (await services.clients.reflections(clientId)).find((r) => r.area === area);
      if (!newest?.answers[field] || newest.answers.outcome) return undefined;
      if (now.getTime() - Date.parse(newest.createdAt) < FOLLOW_UP_AFTER_MS) return undefined;
      return { id: newest.id, key, vars: vars(newest.answers) };
    },
    async close(clientId, services, id, outcome) {
      const reflection = (await services.clients.reflections(clientId)).find((r) => r.id === id);
      if (reflection) await services.clients.saveReflection({ ...reflection, answers: { ...reflection.answers, outcome } });
    },
  };
}
