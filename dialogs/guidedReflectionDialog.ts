import { TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { Language, t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { ReflectionArea } from '../src/client/records';
import { AnswerParser, AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { stopKeepingDraft, takeDraft } from './prompts/drafts';
import { reflectBack } from './prompts/reflectBack';
import { findMonthDay, formatMonthDay, monthDayId, parseMonthDay } from './prompts/dates';
import { ask, AskSpec, ChoiceItem, question } from './prompts/ask';
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
  /** The question asks when the person will do something (see AskSpec.answering). */
  answering?: AskSpec['answering'];
  /** A day of the year (kept as "MM-DD"); a date found in the answer to `suggestFrom` is offered as a button. */
  date?: { suggestFrom?: string };
  /** Asked only when this holds for the answers so far (and the turn: e.g. whether reminders can be sent). */
  when?: (answers: Answers, context: TurnContext, services: ClientServices) => boolean | Promise<boolean>;
  /**
   * Giving up on this question (after the reprompt) leaves it unanswered and carries on, instead of ending
   * the exercise: for a detail that must not cost the person everything they wrote before it.
   */
  optional?: boolean;
  /**
   * The question follows an earlier answer (a dispute's stage): its text is `<area>.ask_<id>_<that answer>`,
   * said after `<area>.guide_<id>_<that answer>` when `guide` is set.
   */
  variantFrom?: string;
  guide?: boolean;
}

export type Answers = Record<string, string>;

/** What a guided exercise is made of: its area (the locale file), its questions, and what it offers next. */
export interface ReflectionSpec {
  area: ReflectionArea;
  questions: ReflectionQuestion[];
  /** The question whose answer names the person, filled into later questions as {name}. */
  nameFrom?: string;
  /** Menu items offered at the end (the main dialog starts them when pressed); they may follow the answers. */
  links: IntentId[] | ((answers: Answers) => IntentId[]);
  /** The closing text's key when it follows the answers (`<area>.saved` otherwise). */
  savedKey?: (answers: Answers) => string;
  /** Runs when every question is answered, before the record is saved (e.g. sets up a reminder and says so). */
  beforeSave?: (context: TurnContext, answers: Answers, language: Language, services: ClientServices) => Promise<void>;
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
  private readonly datePromptId: string;

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
    this.datePromptId = `${dialogId}Date`;
    if (spec.questions.some((q) => q.date)) this.addDialog(new AnswerPrompt<string | undefined>(this.datePromptId, skippableDate, languageOf));
    this.addDialog(new WaterfallDialog(`${dialogId}Loop`, [this.askStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = `${dialogId}Loop`;
  }

  private textPromptId(q: ReflectionQuestion): string {
    return `${this.id}Text${q.max ?? DEFAULT_MAX}${q.skippable ? 'Skippable' : ''}`;
  }

  private state(step: WaterfallStepContext): { index: number; answers: Answers } {
    const options = (step.options ?? {}) as { index?: number; answers?: Answers };
    return { index: options.index ?? 0, answers: options.answers ?? {} };
  }

  /** The first question from `index` on that is to be asked, or the end. */
  private async nextIndex(index: number, answers: Answers, context: TurnContext): Promise<number> {
    let next = index;
    while (next < this.spec.questions.length && this.spec.questions[next].when && !(await this.spec.questions[next].when!(answers, context, this.services))) next++;
    return next;
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const { index: from, answers } = this.state(step);
    const area = this.spec.area;
    if (from === 0 && Object.keys(answers).length === 0) {
      const draft = await takeDraft<{ index: number; answers: Answers }>(step.context, this.services, this.id);
      if (draft?.answers && typeof draft.index === 'number') {
        await step.context.sendActivity(t(language, 'prompts.draftResumed'));
        return step.replaceDialog(`${this.id}Loop`, { index: draft.index, answers: draft.answers });
      }
    }
    if (from === 0) await step.context.sendActivity(t(language, `${area}.intro`));
    const index = await this.nextIndex(from, answers, step.context);
    if (index >= this.spec.questions.length) return this.finish(step, answers, language);
    (step.values as { index?: number }).index = index;
    const q = this.spec.questions[index];
    const vars = { name: (this.spec.nameFrom && answers[this.spec.nameFrom]) || '' };
    const variant = q.variantFrom ? answers[q.variantFrom] : undefined;
    if (variant && q.guide) await step.context.sendActivity(t(language, `${area}.guide_${q.id}_${variant}`, vars));
    const askKey = variant ? `${area}.ask_${q.id}_${variant}` : `${area}.ask_${q.id}`;
    if (q.date) {
      const found = q.date.suggestFrom && answers[q.date.suggestFrom] ? findMonthDay(answers[q.date.suggestFrom]) : undefined;
      const items: ChoiceItem[] = found ? [{ id: monthDayId(found), title: formatMonthDay(language, found) }, SKIP] : [SKIP];
      return step.prompt(this.datePromptId, ask(step.context, language, { text: { key: askKey, vars }, items }));
    }
    if (q.choices) {
      const items = q.choices.map((c) => ({ id: c, key: `${area}.${q.id}_${c}` }));
      return step.prompt(this.choicePromptId, ask(step.context, language, { text: { key: askKey, vars }, items }));
    }
    return step.prompt(this.textPromptId(q), ask(step.context, language, { text: { key: askKey, vars }, items: q.skippable ? [SKIP] : [], answering: q.answering }));
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const { answers } = this.state(step);
    const index = (step.values as { index: number }).index;
    const q = this.spec.questions[index];
    const answer = step.result as Parsed<string | undefined>;
    if (!answer.ok && !q.optional) {
      // What was answered so far is kept, and the next start of this exercise carries on from this question.
      await stopKeepingDraft(step.context, this.services, language, this.id, Object.keys(answers).length > 0 ? { index, answers } : {});
      return step.endDialog({ showMenu: true } satisfies DialogOutcome);
    }
    const next = { ...answers };
    if (answer.ok && answer.value !== undefined) next[q.id] = answer.value;
    // A death, loneliness or a conflict just written is named before the next question.
    if (answer.ok && !q.choices && !q.date) await reflectBack(step.context, this.services, language, answer.value);
    return step.replaceDialog(`${this.id}Loop`, { index: index + 1, answers: next });
  }

  /** Every question answered: the exercise's own last step, then one record saved, then what comes next. */
  private async finish(step: WaterfallStepContext, answers: Answers, language: Language): Promise<DialogTurnResult> {
    await this.spec.beforeSave?.(step.context, answers, language, this.services);
    const clientId = await ensureClientId(step.context, this.services);
    await this.services.clients.addReflection(clientId, this.spec.area, answers);
    const linkIds = typeof this.spec.links === 'function' ? this.spec.links(answers) : this.spec.links;
    const links: ChoiceItem[] = linkIds.map((id) => ({ id, key: `menu.item_${id}` }));
    const savedKey = this.spec.savedKey?.(answers) ?? `${this.spec.area}.saved`;
    await step.context.sendActivity(question(step.context, language, t(language, savedKey, { name: (this.spec.nameFrom && answers[this.spec.nameFrom]) || '' }), links));
    return step.endDialog();
  }
}

const skipOnly = parseText({ max: 60, skippable: true });

/** A day of the year, or "skip" (its button or its words). */
const skippableDate: AnswerParser<string | undefined> = (answer, options) => {
  const skipped = skipOnly(answer, options);
  if (skipped.ok && skipped.value === undefined) return skipped;
  return parseMonthDay(answer, options);
};
