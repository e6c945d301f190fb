import { TurnContext } from 'botbuilder';
import { PromptOptions } from 'botbuilder-dialogs';
import { Language, SUPPORTED_LANGUAGES, variants } from '../../src/i18n';
import { ScreenAnswer } from '../../src/safety/cssrs';
import { AnswerParser, PromptOutcome } from './answerPrompt';
import { ask, ChoiceItem } from './ask';
import { parseChoice } from './parsers';
import { readYesNo } from './yesNo';

/** The yes / no buttons of a safety question. */
export const SAFETY_YES_NO: ChoiceItem[] = [
  { id: 'yes', key: 'safety.answers.yesButton' },
  { id: 'no', key: 'safety.answers.noButton' },
];

/** Every language's variants of a locale list: a person may answer in either language. */
function phrases(key: string): string[] {
  return SUPPORTED_LANGUAGES.flatMap((language) => variants(language, key));
}

/**
 * A safety question's answer: a button (card submit or its title typed), else the whole typed answer read
 * in safety mode. Doubt is not an answer here: the prompt asks once more with the buttons, and what is
 * still unclear comes back as `ok: false` (see `safetyAnswer`). `own` names locale lists of answers that
 * mean yes / no to this question ("I'm safe" to "are you safe right now?").
 */
export function parseSafetyAnswer(own?: { yes: string; no: string }): AnswerParser<'yes' | 'no'> {
  return (answer, options: PromptOptions) => {
    const button = parseChoice(answer, options, { exact: true });
    if (button.ok && (button.value === 'yes' || button.value === 'no')) return { ok: true, value: button.value };
    if (!answer.text?.trim()) return { ok: false, reason: answer.value === undefined ? 'empty' : 'badCard' };
    const reading = readYesNo(answer.text, { mode: 'safety', ...(own ? { yes: phrases(own.yes), no: phrases(own.no) } : {}) });
    return reading === 'unclear' ? { ok: false, reason: 'notYesNo' } : { ok: true, value: reading };
  };
}

/** A safety question with yes / no buttons; an unclear answer is asked once more, with the buttons. */
export function askSafety(context: TurnContext, language: Language, key: string): PromptOptions {
  return ask(context, language, { text: { key }, items: SAFETY_YES_NO, retries: { notYesNo: { key: 'safety.answers.retry' }, unknownChoice: { key: 'safety.answers.retry' } }, maxAttempts: 2 });
}

/** What the step got: yes, no, or unclear when the answer stayed unclear after asking again. */
export function safetyAnswer(result: unknown): ScreenAnswer {
  const outcome = result as PromptOutcome<'yes' | 'no'> | undefined;
  return outcome?.ok ? outcome.value : 'unclear';
}
