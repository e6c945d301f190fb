import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { ReflectionArea } from '../src/client/records';
import { AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask, ChoiceItem, question } from './prompts/ask';
import { DialogOutcome, ensureClientId, languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { IntentId } from './prompts/intents';
import { parseChoice, parseText } from './prompts/parsers';

/** One question of a guided exercise; its texts are `<area>.ask_<id>` (and `<area>.<id>_<choice>` for buttons). */
export interface ReflectionQuestion {
  id: string;
  /** Longest answer kept (free text). */
  max?: number;
  /** Buttons instead of free text. */
  choices?: string[];
  /** "Skip" is accepted (the answer is then left out). */
  skippable?: boolean;
}

/** What a guided exercise is made of: its area (the locale file), its questions, and what it offers next. */
export interface ReflectionSpec {
  area: ReflectionArea;
  questions: ReflectionQuestion[];
  /** The question whose answer names the person, filled into later questions as {name}. */
  nameFrom?: string;
  /** Menu items offered at the end (the main dialog starts them when pressed). */
  links: IntentId[];
}

const DEFAULT_MAX = 60;
const SKIP: ChoiceItem = { id: 'skip', key: 'checkin.skipButton' };

/**
 * A short guided exercise for a problem area: one question at a time, free text or buttons, every answer
 * kept in the dialog until the end and then saved as one `reflection` record, so a cancelled exercise
 * leaves nothing half-written. Ends by offering the related exercises.
 */
export class GuidedReflectionDialog extends ComponentDialog {
  private readonly choicePromptId: string;

  constructor(
    dialogId: string,
    private readonly spec: ReflectionSpec,
    private readonly services: ClientServices,
  ) {
    super(dialogId);
    const languageOf = languageOfClient(services);
    this.choicePromptId = `${dialogId}Choice`;
    // A text prompt per kind of question (its length limit, and whether "skip" counts as an answer).
    for (const q of spec.questions.filter((item) => !item.choices)) {
      const id = this.textPromptId(q);
      if (!this.findDialog(id)) this.addDialog(new AnswerPrompt<string | undefined>(id, parseText({ max: q.max ?? DEFAULT_MAX, skippable: q.skippable }), languageOf));
    }
    this.addDialog(new AnswerPrompt<string>(this.choicePromptId, parseChoice, languageOf));
    this.addDialog(new WaterfallDialog(`${dialogId}Loop`, [this.askStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = `${dialogId}Loop`;
  }

  private textPromptId(q: ReflectionQuestion): string {
    return `${this.id}Text${q.max ?? DEFAULT_MAX}${q.skippable ? 'Skippable' : ''}`;
  }

  private state(step: WaterfallStepContext): { index: number; answers: Record<string, string> } {
    const options = (step.options ?? {}) as { index?: number; answers?: Record<string, string> };
    return { index: options.index ?? 0, answers: options.answers ?? {} };
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const { index, answers } = this.state(step);
    const q = this.spec.questions[index];
    const area = this.spec.area;
    if (index === 0) await step.context.sendActivity(t(language, `${area}.intro`));
    const vars = { name: (this.spec.nameFrom && answers[this.spec.nameFrom]) || '' };
    if (q.choices) {
      const items = q.choices.map((c) => ({ id: c, key: `${area}.${q.id}_${c}` }));
      return step.prompt(this.choicePromptId, ask(step.context, language, { text: { key: `${area}.ask_${q.id}`, vars }, items }));
    }
    return step.prompt(this.textPromptId(q), ask(step.context, language, { text: { key: `${area}.ask_${q.id}`, vars }, items: q.skippable ? [SKIP] : [] }));
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const { index, answers } = this.state(step);
    const q = this.spec.questions[index];
    const answer = step.result as Parsed<string | undefined>;
    if (!answer.ok) {
      await step.context.sendActivity(t(language, 'prompts.gaveUp'));
      return step.endDialog({ showMenu: true } satisfies DialogOutcome);
    }
    const next = { ...answers };
    if (answer.value !== undefined) next[q.id] = answer.value;
    if (index + 1 < this.spec.questions.length) return step.replaceDialog(`${this.id}Loop`, { index: index + 1, answers: next });
    const clientId = await ensureClientId(step.context, this.services);
    await this.services.clients.addReflection(clientId, this.spec.area, next);
    const links: ChoiceItem[] = this.spec.links.map((id) => ({ id, key: `menu.item_${id}` }));
    await step.context.sendActivity(question(step.context, language, t(language, `${this.spec.area}.saved`, { name: (this.spec.nameFrom && next[this.spec.nameFrom]) || '' }), links));
    return step.endDialog();
  }
}
