import { SUPPORTED_LANGUAGES, variants } from '../../src/i18n';
import { normaliseCommandText } from '../../src/bot/commands';
import { MAX_PLAN_ITEM_LENGTH } from '../../src/safety/safetyPlan';
import { AnswerParser } from './answerPrompt';
import { parseChoice } from './parsers';

/** What the client sent at a safety-plan step: some items, or that the step is finished (or skipped). */
export type PlanItemsAnswer = { kind: 'end' } | { kind: 'items'; items: string[] };

/** The longest message read as items; a longer one is asked again in smaller pieces. */
const MAX_MESSAGE_LENGTH = 3000;

let endWords: Set<string> | undefined;
/** "done", "that's all", "skip", "ya está", "listo", "nada más"… in every language. */
function isEndWord(text: string): boolean {
  endWords ??= new Set(
    SUPPORTED_LANGUAGES.flatMap((language) => ['prompts.done', 'prompts.skip', 'safetyPlan.endWords'].flatMap((key) => variants(language, key))).map(normaliseCommandText),
  );
  return endWords.has(normaliseCommandText(text));
}

/**
 * A message split into items: one per line, or separated by commas, semicolons or bullets, each without
 * its bullet or number. A piece with no letters ("555 0100") belongs to the item before it, so
 * "Lena, 555 0100" stays one item. Pieces with neither letters nor digits (emoji) are left out.
 */
export function splitPlanItems(text: string): string[] {
  const items: string[] = [];
  for (const raw of text.split(/\r?\n|[,;•]/)) {
    const piece = raw
      .replace(/^\s*(?:[-*·]|\d{1,2}[.)])\s+/, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (!/[\p{L}\p{N}]/u.test(piece)) continue;
    if (!/\p{L}/u.test(piece) && items.length > 0) items[items.length - 1] = `${items[items.length - 1]}, ${piece}`;
    else items.push(piece);
  }
  return items;
}

/** The answer at a safety-plan step: a card's "done"/"skip", an end word, or items (each at most 300 characters). */
export const parsePlanItems: AnswerParser<PlanItemsAnswer> = (answer, options) => {
  const choice = answer.value && typeof answer.value === 'object' ? (answer.value as Record<string, unknown>).choice : undefined;
  if (!answer.text && answer.value !== undefined) return typeof choice === 'string' ? { ok: true, value: { kind: 'end' } } : { ok: false, reason: 'badCard' };
  const text = (answer.text ?? '').trim();
  if (!text) return { ok: false, reason: 'empty' };
  if (isEndWord(text)) return { ok: true, value: { kind: 'end' } };
  // A button's own title ("Skip this step", "That's all") typed out.
  if (options?.choices?.length && parseChoice({ text }, options, { exact: true }).ok) return { ok: true, value: { kind: 'end' } };
  if (text.length > MAX_MESSAGE_LENGTH) return { ok: false, reason: 'tooLong' };
  const items = splitPlanItems(text);
  if (items.length === 0) return { ok: false, reason: 'noLetters' };
  if (items.some((item) => item.length > MAX_PLAN_ITEM_LENGTH)) return { ok: false, reason: 'tooLong' };
  return { ok: true, value: { kind: 'items', items } };
};
