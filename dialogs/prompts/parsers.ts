import { Choice, PromptOptions } from 'botbuilder-dialogs';
import { SUPPORTED_LANGUAGES, variants } from '../../src/i18n';
import { normaliseCommandText } from '../../src/bot/commands';
import { Answer, AnswerParser, Parsed } from './answerPrompt';
import { readYesNo } from './yesNo';

/**
 * Parsers for answers, typed or submitted from a card. Typed words are matched in every supported
 * language, so "siete" works for someone whose profile says English and the other way round.
 */

/** Words from `prompts.<key>` in every language, normalised like commands. */
function vocabulary(key: string): Set<string> {
  return new Set(SUPPORTED_LANGUAGES.flatMap((language) => variants(language, `prompts.${key}`)).map(normaliseCommandText));
}

/** The string a card submitted under `choice` (Teams sends inputs as strings), or undefined. */
function submittedChoice(value: unknown): string | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object') return null;
  const choice = (value as Record<string, unknown>).choice;
  if (typeof choice === 'string') return choice;
  if (typeof choice === 'number' && Number.isFinite(choice)) return String(choice);
  return null;
}

/** Text of the answer, or a card's `choice`; null when a card was submitted with nothing usable. */
function answerText(answer: Answer): string | null {
  const fromCard = submittedChoice(answer.value);
  if (fromCard === null && !answer.text) return null;
  return fromCard ?? answer.text ?? '';
}

let numberWords: Map<string, number> | undefined;
function numberWordMap(): Map<string, number> {
  if (!numberWords) {
    numberWords = new Map();
    for (const language of SUPPORTED_LANGUAGES) {
      variants(language, 'prompts.numberWords').forEach((word, n) => numberWords!.set(normaliseCommandText(word), n));
    }
  }
  return numberWords;
}

/** An integer from `min` to `max`: "7", "seven", "siete", "7/10", "7 out of 10", "7 de 10", a card's choice. */
export function parseScore(min: number, max: number): AnswerParser<number> {
  return (answer) => {
    const raw = answerText(answer);
    if (raw === null) return { ok: false, reason: 'badCard' };
    const text = raw.toLowerCase().replace(/\s+/g, ' ').trim();
    if (!text) return { ok: false, reason: 'empty' };
    const core = text.replace(/\s*(?:\/|out of|of|de|sobre)\s*(?:10|ten|diez)$/, '').trim();
    let n: number | undefined;
    if (/^-?\d+$/.test(core)) n = Number(core);
    else n = numberWordMap().get(normaliseCommandText(core));
    if (n === undefined) return { ok: false, reason: /\d/.test(text) ? 'outOfRange' : 'notNumber' };
    if (n < min || n > max) return { ok: false, reason: 'outOfRange' };
    return { ok: true, value: n };
  };
}

export interface TextRules {
  max: number;
  /** Fewer words than this is "too vague": one nudge, then the words are taken as they are. */
  minWords?: number;
  /** Accept the skip words ("skip", "saltar") as an answer: the value is then undefined. */
  skippable?: boolean;
}

/** A short piece of free text with at least one letter; whitespace collapsed. */
export function parseText(rules: TextRules): AnswerParser<string | undefined> {
  return (answer, options) => {
    let raw = answer.text;
    if (!raw && answer.value && typeof answer.value === 'object') {
      const fromCard = (answer.value as Record<string, unknown>).text ?? (answer.value as Record<string, unknown>).choice;
      if (typeof fromCard === 'string') raw = fromCard;
      else return { ok: false, reason: 'badCard' };
    }
    const text = (raw ?? '').replace(/\s+/g, ' ').trim();
    if (!text) return { ok: false, reason: 'empty' };
    if (rules.skippable && vocabulary('skip').has(normaliseCommandText(text))) return { ok: true, value: undefined };
    // The skip button's own title ("Keep as is") typed out.
    if (rules.skippable && options?.choices?.length) {
      const choice = parseChoice({ text }, options);
      if (choice.ok && choice.value === 'skip') return { ok: true, value: undefined };
    }
    if (text.length > rules.max) return { ok: false, reason: 'tooLong' };
    if (!/\p{L}/u.test(text)) return { ok: false, reason: 'noLetters' };
    if (rules.minWords && text.split(' ').filter((w) => /\p{L}/u.test(w)).length < rules.minWords) return { ok: false, reason: 'tooVague', fallback: text };
    return { ok: true, value: text };
  };
}

/**
 * One of `options.choices` (each `value` an id, `synonyms` its titles in every language): a card's
 * `choice`, the id, a title, or the position ("2") typed.
 */
export const parseChoice: AnswerParser<string> = (answer: Answer, options: PromptOptions): Parsed<string> => {
  const choices = (options.choices ?? []).map((c) => (typeof c === 'string' ? { value: c } : c)) as Choice[];
  const fromCard = submittedChoice(answer.value);
  if (fromCard === null && !answer.text) return { ok: false, reason: 'badCard' };
  if (typeof fromCard === 'string' && !answer.text) {
    return choices.some((c) => c.value === fromCard) ? { ok: true, value: fromCard } : { ok: false, reason: 'unknownChoice' };
  }
  const typed = normaliseCommandText(answer.text ?? '');
  if (!typed) return { ok: false, reason: 'empty' };
  for (const choice of choices) {
    const names = [choice.value, ...(choice.synonyms ?? [])].map(normaliseCommandText);
    if (names.includes(typed)) return { ok: true, value: choice.value };
  }
  if (/^\d+$/.test(typed)) {
    const index = Number(typed) - 1;
    if (index >= 0 && index < choices.length) return { ok: true, value: choices[index].value };
  }
  return { ok: false, reason: 'unknownChoice' };
};

/**
 * Yes or no, typed in any language ("yes", "sí, claro", "sure, that sounds fine", "no thanks") or from a card.
 * Doubt ("not sure", "no sé") is neither: the question is asked again.
 */
export const parseYesNo: AnswerParser<boolean> = (answer, options) => {
  // The buttons' own titles ("Yes, go ahead") count too, when the prompt has yes/no choices.
  const asChoice = options?.choices?.length ? parseChoice(answer, options) : undefined;
  if (asChoice?.ok && (asChoice.value === 'yes' || asChoice.value === 'no')) return { ok: true, value: asChoice.value === 'yes' };
  const raw = answerText(answer);
  if (raw === null) return { ok: false, reason: 'badCard' };
  if (!normaliseCommandText(raw)) return { ok: false, reason: 'empty' };
  const reading = readYesNo(raw);
  if (reading === 'unclear') return { ok: false, reason: 'notYesNo' };
  return { ok: true, value: reading === 'yes' };
};
