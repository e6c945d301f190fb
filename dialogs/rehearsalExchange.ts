import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { SUPPORTED_LANGUAGES, t, variants } from '../src/i18n';
import { normaliseCommandText } from '../src/bot/commands';
import { ClientServices } from '../src/client/clientServices';
import { REHEARSAL_ROUNDS, ReplyStyle } from '../src/client/records';
import { AnswerParser, AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask, ChoiceItem } from './prompts/ask';
import { languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { parseChoice, parseText } from './prompts/parsers';
import { checkDraft } from './rehearsalChecklist';

export const REHEARSAL_EXCHANGE_DIALOG = 'rehearsalExchange';
const TURN_WATERFALL = 'rehearsalExchangeTurn';
const ANSWER_PROMPT = 'rehearsalExchangeAnswer';
const STOP: ChoiceItem = { id: 'stop', key: 'rehearsal.stopButton' };

/** Where the role play stands: who is played, how, and what the client has answered so far. */
export interface ExchangeOptions {
  personName: string;
  style: ReplyStyle;
  answers?: string[];
}

/** How the role play ended: every round played, the client said "enough", or answers not understood. */
export interface ExchangeResult {
  answers: string[];
  ended: 'done' | 'stopped' | 'gaveUp';
}

let stopWords: Set<string> | undefined;
/** "basta", "enough", "that's enough"… in every language: the client leaves the role play, not the exercise. */
function isStopWord(text: string | undefined): boolean {
  stopWords ??= new Set(SUPPORTED_LANGUAGES.flatMap((language) => variants(language, 'rehearsal.stopWords')).map(normaliseCommandText));
  return !!text && stopWords.has(normaliseCommandText(text));
}

/** The client's next line to the other person, or undefined when they want to stop. */
const parseLine: AnswerParser<string | undefined> = (answer, options) => {
  if (isStopWord(answer.text)) return { ok: true, value: undefined };
  const choice = parseChoice(answer, options, { exact: true });
  if (choice.ok && choice.value === STOP.id) return { ok: true, value: undefined };
  return parseText({ max: 1000 })(answer, options);
};

/**
 * The role play after the opening line: the bot, as the other person, has said its first reply; the
 * client answers, the other person replies again (scripted, in the style the client picked — and sharper
 * when the client's answer blames), up to REHEARSAL_ROUNDS answers, the last reply closing the scene.
 * "Enough" / "basta" or the button ends it at any point.
 */
export class RehearsalExchangeDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(REHEARSAL_EXCHANGE_DIALOG);
    this.addDialog(new AnswerPrompt<string | undefined>(ANSWER_PROMPT, parseLine, languageOfClient(services)));
    this.addDialog(new WaterfallDialog(TURN_WATERFALL, [this.askStep.bind(this), this.replyStep.bind(this)]));
    this.initialDialogId = TURN_WATERFALL;
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const { personName } = step.options as ExchangeOptions;
    return step.prompt(ANSWER_PROMPT, ask(step.context, language, { text: { key: 'rehearsal.askAnswer', vars: { name: personName } }, items: [STOP], retries: { tooLong: { key: 'rehearsal.draftTooLong' } } }));
  }

  private async replyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const options = step.options as ExchangeOptions;
    const answers = options.answers ?? [];
    const answer = step.result as Parsed<string | undefined>;
    if (!answer.ok) return step.endDialog({ answers, ended: 'gaveUp' } satisfies ExchangeResult);
    if (answer.value === undefined) return step.endDialog({ answers, ended: 'stopped' } satisfies ExchangeResult);
    const now = [...answers, answer.value];
    const round = now.length + 1;
    const vars = { name: options.personName };
    // Blame gets the reaction it usually gets; otherwise the scene moves on in the style the client chose.
    const blamed = !checkDraft(answer.value).includes('noBlame');
    await step.context.sendActivity(t(language, blamed ? 'rehearsal.replyToBlame' : `rehearsal.reply${round}_${options.style}`, vars));
    if (now.length >= REHEARSAL_ROUNDS) return step.endDialog({ answers: now, ended: 'done' } satisfies ExchangeResult);
    return step.replaceDialog(TURN_WATERFALL, { ...options, answers: now } satisfies ExchangeOptions);
  }
}

/** A word back on how the client held the conversation, from the same cues as the checklist. */
export function exchangeReflectionKey(result: ExchangeResult): string {
  if (result.answers.length === 0) return 'rehearsal.exchangeStopped';
  const met = result.answers.map(checkDraft);
  if (met.some((items) => !items.includes('noBlame'))) return 'rehearsal.exchangeBlamed';
  if (met.some((items) => items.includes('iStatement') || items.includes('namesFeeling'))) return 'rehearsal.exchangeSteady';
  return 'rehearsal.exchangeDone';
}
