import { ComponentDialog, Dialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { Outcome, OUTCOMES } from '../src/client/records';
import { AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask } from './prompts/ask';
import { DialogOutcome, ensureClientId, languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { parseChoice } from './prompts/parsers';

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
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const clientId = await ensureClientId(step.context, this.services);
    const open = await this.loops.open(clientId, this.services, this.services.clock.now());
    if (!open) return step.beginDialog(this.inner.id, step.options);
    (step.values as { open?: OpenLoop }).open = open;
    const items = OUTCOMES.map((id) => ({ id, key: `loops.outcome_${id}` }));
    return step.prompt(this.promptId, ask(step.context, language, { text: { key: open.key, vars: open.vars }, items }));
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { open } = step.values as { open?: OpenLoop };
    if (!open) return step.endDialog(step.result);
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string>;
    if (!answer.ok) {
      // Not understood is not "no": nothing is recorded, and the question comes again next time.
      await step.context.sendActivity(t(language, 'prompts.gaveUp'));
      return step.endDialog({ showMenu: true } satisfies DialogOutcome);
    }
    await this.loops.close(await ensureClientId(step.context, this.services), this.services, open.id, answer.value as Outcome);
    await step.context.sendActivity(t(language, `loops.said_${answer.value}`));
    return step.beginDialog(this.inner.id, step.options);
  }

  private async endStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }
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
