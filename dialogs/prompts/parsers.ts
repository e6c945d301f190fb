import { Choice, PromptOptions } from 'botbuilder-dialogs';
import { SUPPORTED_LANGUAGES, variants } from '../../src/i18n';
import { normaliseCommandText } from '../../src/bot/commands';
import { Answer, AnswerParser, Parsed } from './answerPrompt';
import { normaliseAnswer, readYesNo } from './yesNo';
import { readOneNumber } from './numbers';
import { matchChoice, matchTitle } from './choiceMatch';
import { readName } from './names';

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
  // A bare string or number has no `choice`: it is read as a broken card below.
  const choice = (value as Record<string, unknown>).choice;
  if (typeof choice === 'string') return choice;
  if (Number.isFinite(choice)) return String(choice);
  return null;
}

/** Text of the answer, or a card's `choice`; null when a card was submitted with nothing usable. */
function answerText(answer: Answer): string | null {
  const fromCard = submittedChoice(answer.value);
  if (fromCard === null && !answer.text) return null;
  return fromCard ?? answer.text ?? '';
}

/**
 * An integer from `min` to `max`: "7", "seven", "siete", "7/10", "7 out of 10", "7 de 10", a number inside a
 * sentence ("about a 4 I guess", "un 5 más o menos"), a card's choice. Two different numbers ("3 or 4") are
 * asked again.
 */
export function parseScore(min: number, max: number): AnswerParser<number> {
  return (answer) => {
    const raw = answerText(answer);
    if (raw === null) return { ok: false, reason: 'badCard' };
    const text = raw.toLowerCase().replace(/\s+/g, ' ').trim();
    if (!text) return { ok: false, reason: 'empty' };
    // The scale's end is taken off first, so "7de10" typed without spaces is a 7 too.
    const n = readOneNumber(text.replace(/\s*(?:\/|out of|of|de|sobre)\s*(?:10|ten|diez)$/, ''));
    if (n === undefined) return { ok: false, reason: /\d/.test(text) ? 'outOfRange' : 'notNumber' };
    if (!Number.isInteger(n)) return { ok: false, reason: 'outOfRange' };
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
    // A card that sent no usable text, object or not, is a broken card (as every other parser reads it).
    if (!raw && answer.value) {
      const fromCard = (answer.value as Record<string, unknown>).text ?? (answer.value as Record<string, unknown>).choice;
      if (typeof fromCard === 'string') raw = fromCard;
      else return { ok: false, reason: 'badCard' };
    }
    const text = (raw ?? '').replace(/\s+/g, ' ').trim();
    if (!text) return { ok: false, reason: 'empty' };
    if (rules.skippable && vocabulary('skip').has(normaliseCommandText(text))) return { ok: true, value: undefined };
    // The skip button's own title ("Keep as is") typed out.
    if (rules.skippable && options.choices?.length) {
      const choice = parseChoice({ text }, options, { strict: true });
      if (choice.ok && choice.value === 'skip') return { ok: true, value: undefined };
    }
    if (text.length > rules.max) return { ok: false, reason: 'tooLong' };
    if (!/\p{L}/u.test(text)) return { ok: false, reason: 'noLetters' };
    if (rules.minWords && text.split(' ').filter((w) => /\p{L}/u.test(w)).length < rules.minWords) return { ok: false, reason: 'tooVague', fallback: text };
    return { ok: true, value: text };
  };
}

/** Options that a plain yes or no picks ("yes let's do that" → "I'll do it", "no thanks" → "Not now"). */
const YES_IDS = ['yes', 'accept', 'continue'];
const NO_IDS = ['no', 'decline'];

/** The yes-like or no-like option a clear yes or no means, when the options have exactly one of each. */
function byYesOrNo(text: string, choices: Choice[]): string | undefined {
  const yes = choices.filter((c) => YES_IDS.includes(c.value));
  const no = choices.filter((c) => NO_IDS.includes(c.value));
  const reading = readYesNo(text);
  if (reading === 'yes' && yes.length === 1) return yes[0].value;
  if (reading === 'no' && no.length === 1) return no[0].value;
  return undefined;
}

/**
 * One of `options.choices` (each `value` an id, `synonyms` its titles in every language): a card's
 * `choice`, the id, a title, or the position ("2") typed; unless `strict`, also what a sentence means
 * (./choiceMatch.ts: "the second one", "fairly close", "probably defensive"). `exact` takes only a card's
 * choice or a whole title typed: a safety question reads every other answer whole, so "no sé" is never "No".
 */
export const parseChoice = (answer: Answer, options: PromptOptions, how: { strict?: boolean; exact?: boolean } = {}): Parsed<string> => {
  const choices = (options.choices ?? []).map((c) => (typeof c === 'string' ? { value: c } : c)) as Choice[];
  const fromCard = submittedChoice(answer.value);
  if (fromCard === null && !answer.text) return { ok: false, reason: 'badCard' };
  if (typeof fromCard === 'string' && !answer.text) {
    return choices.some((c) => c.value === fromCard) ? { ok: true, value: fromCard } : { ok: false, reason: 'unknownChoice' };
  }
  const text = answer.text ?? '';
  const typed = normaliseCommandText(text);
  if (!typed) return { ok: false, reason: 'empty' };
  for (const choice of choices) {
    const names = [choice.value, ...(choice.synonyms ?? [])].map(normaliseCommandText);
    if (names.includes(typed)) return { ok: true, value: choice.value };
  }
  if (how.exact) return { ok: false, reason: 'unknownChoice' };
  if (/^\d+$/.test(typed)) {
    const index = Number(typed) - 1;
    if (index >= 0 && index < choices.length) return { ok: true, value: choices[index].value };
  }
  const meant = how.strict ? matchTitle(text, choices) : (matchChoice(text, choices) ?? byYesOrNo(text, choices));
  return meant === undefined ? { ok: false, reason: 'unknownChoice' } : { ok: true, value: meant };
};

/**
 * "Sometimes", "a bit", "un poco" on their own: to "is there any conflict?" or "is she supportive?" that is
 * a yes, in part. Only for the general questions these parsers serve; the safety questions use the shared
 * reader alone, where what stays unclear is asked again and then taken as the cautious answer.
 */
const SOME = /^(?:sometimes|some times|a bit|a little|a little bit|a little yes|a bit yes|somewhat|at times|now and then|a veces|un poco|algo|un poquito|de vez en cuando|en ocasiones)$/;

/**
 * Yes or no, typed in any language ("yes", "sí, claro", "sure, that sounds fine", "no thanks") or from a card.
 * Doubt ("not sure", "no sé") is neither: the question is asked again.
 */
export const parseYesNo: AnswerParser<boolean> = (answer, options) => {
  // The buttons' own titles ("Yes, go ahead") count too, when the prompt has yes/no choices: whole titles
  // only, since a "no" inside "no sé" is doubt, not a no.
  const asChoice = options.choices?.length ? parseChoice(answer, options, { strict: true }) : undefined;
  if (asChoice?.ok && (asChoice.value === 'yes' || asChoice.value === 'no')) return { ok: true, value: asChoice.value === 'yes' };
  const raw = answerText(answer);
  if (raw === null) return { ok: false, reason: 'badCard' };
  if (!normaliseCommandText(raw)) return { ok: false, reason: 'empty' };
  const reading = readYesNo(raw);
  if (reading === 'unclear' && SOME.test(normaliseAnswer(raw))) return { ok: true, value: true };
  if (reading === 'unclear') return { ok: false, reason: 'notYesNo' };
  return { ok: true, value: reading === 'yes' };
};

/**
 * Yes, a bit, or no (choice ids `yes`, `aBit`, `no`, and perhaps `skip`): the buttons, a whole title, a
 * position, or a yes/no typed in a sentence ("sí, ya sabe", "not really"), "a bit"-like words for `aBit`.
 * Doubt ("no sé", "not sure") is none of them: a "No" inside "no sé" is not a no, so it is asked again.
 */
export const parseYesABitNo: AnswerParser<string> = (answer, options) => {
  const exact = parseChoice(answer, options, { exact: true });
  if (exact.ok || exact.reason === 'badCard' || exact.reason === 'empty') return exact;
  const raw = answerText(answer) ?? '';
  if (/^\d+$/.test(normaliseCommandText(raw))) return parseChoice(answer, options);
  const reading = readYesNo(raw);
  if (reading !== 'unclear') return { ok: true, value: reading };
  if (SOME.test(normaliseAnswer(raw))) return { ok: true, value: 'aBit' };
  // Only the options that are not a bare yes or no may be read from other words ("skip it", "a little bit").
  const meant = parseChoice(answer, options);
  return meant.ok && meant.value !== 'yes' && meant.value !== 'no' ? meant : { ok: false, reason: 'unknownChoice' };
};

/** A person as typed when asked for a name: the name, who they are to the client, and whether it came out of a sentence. */
export interface PersonName {
  name: string;
  relation?: string;
  extracted: boolean;
}

/** The label a relation gives when no name comes with it ("my dad" → "Dad", "mi papá" → "Papá"). */
function labelOf(relation: string): string {
  return relation.charAt(0).toLocaleUpperCase() + relation.slice(1);
}

/**
 * A name from what was typed ("my sister Ana, we talked on the phone" → Ana, sister; "call me Dani" → Dani).
 * With `relationAsName`, a relation alone ("my dad") is the label ("Dad"): people do call them that. A
 * sentence with no name in it is asked again instead of becoming a name.
 */
export function parsePersonName(rules: { max: number; relationAsName?: boolean }): AnswerParser<PersonName> {
  return (answer, options) => {
    const text = parseText({ max: 200 })(answer, options);
    if (!text.ok || text.value === undefined) return text as Parsed<PersonName>;
    const reading = readName(text.value);
    const name = reading.name ?? (rules.relationAsName && reading.relation ? labelOf(reading.relation) : undefined);
    if (!name) return { ok: false, reason: 'notName' };
    if (name.length > rules.max) return { ok: false, reason: 'tooLong' };
    return { ok: true, value: { name, relation: reading.relation, extracted: reading.extracted } };
  };
}
