import { Culture, NumberRecognizer } from '@microsoft/recognizers-text-number';
import type { ModelResult } from '@microsoft/recognizers-text';
import { normaliseAnswer } from './yesNo';

/**
 * Numbers and ordinals in typed answers, in English and Spanish, with the Microsoft Recognizers that
 * botbuilder ships: "about a 4 I guess" → 4, "un 5 más o menos" → 5, "siete" → 7, "la segunda" → 2nd,
 * "the last one" → last. Answers are read in both languages whatever the person's profile says.
 *
 * The recognizers' models are built once, on first use (each costs a few milliseconds to build), and a plain
 * "7" never reaches them.
 */

interface Models {
  numbers: { parse(text: string): ModelResult[] }[];
  ordinals: { parse(text: string): ModelResult[] }[];
}

let models: Models | undefined;
function recognizers(): Models {
  if (!models) {
    const en = new NumberRecognizer(Culture.English);
    const es = new NumberRecognizer(Culture.Spanish);
    models = { numbers: [en.getNumberModel(), es.getNumberModel()], ordinals: [en.getOrdinalModel(), es.getOrdinalModel()] };
  }
  return models;
}

/** Words the recognizers read as "1" that are almost never a number in an answer ("a 4", "un 5", "the second one"). */
const ARTICLES = new Set(['a', 'an', 'one', 'un', 'una', 'uno']);
/** Of those, the ones that are a 1 when nothing else is there ("one", "uno"), unlike "a" in "a good day". */
const ONE = new Set(['one', 'uno']);

export interface NumberOptions {
  /** Whether a lone "one"/"uno" counts as 1 (a mood "one"; not "the middle one" among choices). Default true. */
  loneOne?: boolean;
}

/** Number words in either language: with one of these the recognizers are asked, since digits alone may not be all. */
const NUMBER_WORD =
  /\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|half|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|veinte|medio|first|second|third|last|primer[oa]?|segund[oa]|tercer[oa]?|ultim[oa])\b/;

/** A scale's end said with the answer ("7/10", "seven out of ten", "ocho de diez"): not a second number. */
const OUT_OF_TEN = /\s*(?:\/|\bout of|\bof|\bde|\bsobre)\s*(?:10|ten|diez)\b/gi;

function resolvedNumber(result: ModelResult): number | undefined {
  const value = (result.resolution as { value?: string } | undefined)?.value;
  if (typeof value !== 'string') return undefined;
  const n = Number(value.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The whole numbers an answer gives, in order, without the articles the recognizers read as 1
 * ("a", "un", "the second one") unless nothing else is there. Fractions and decimals are kept as they are.
 */
export function readNumbers(text: string, options: NumberOptions = {}): number[] {
  const trimmed = text.trim().replace(OUT_OF_TEN, '');
  if (/^-?\d+$/.test(trimmed)) return [Number(trimmed)];
  // Digits with no number word or ordinal beside them ("about a 4 I guess"): read without the recognizers,
  // which cost a few milliseconds a call.
  const digits = trimmed.match(/-?\d+(?:[.,]\d+)?/g);
  if (digits && !NUMBER_WORD.test(normaliseAnswer(trimmed)) && !/\d(?:st|nd|rd|th|º|ª|o|a)\b/i.test(trimmed)) {
    return digits.map((d) => Number(d.replace(',', '.')));
  }
  const found = new Map<number, { value: number; article: boolean }>();
  for (const model of recognizers().numbers) {
    for (const result of model.parse(trimmed)) {
      const value = resolvedNumber(result);
      if (value === undefined || found.has(result.start)) continue;
      const word = normaliseAnswer(result.text);
      if (ARTICLES.has(word) && !(ONE.has(word) && options.loneOne !== false)) continue;
      found.set(result.start, { value, article: ARTICLES.has(word) });
    }
  }
  // An ordinal ("the second one") is not a number of anything.
  const ordinals = readOrdinalResults(trimmed);
  const ordinalStarts = new Set(ordinals.map((r) => r.start));
  const ordered = [...found.entries()].filter(([start]) => !ordinalStarts.has(start)).sort(([a], [b]) => a - b).map(([, v]) => v);
  const meaningful = ordered.filter((n) => !n.article);
  // "one" after an ordinal ("the second one") is the thing counted, never a number.
  return (meaningful.length > 0 || ordinals.length > 0 ? meaningful : ordered).map((n) => n.value);
}

/**
 * One number an answer gives, when it gives exactly one (repeats allowed: "4... yes, a 4"); undefined when
 * it gives none or several different ones ("3 or 4" is a question to ask again, not a 3).
 */
export function readOneNumber(text: string, options: NumberOptions = {}): number | undefined {
  const distinct = [...new Set(readNumbers(text, options))];
  return distinct.length === 1 ? distinct[0] : undefined;
}

function readOrdinalResults(text: string): ModelResult[] {
  const seen = new Set<number>();
  const results: ModelResult[] = [];
  for (const model of recognizers().ordinals) {
    for (const result of model.parse(text)) {
      if (seen.has(result.start)) continue;
      seen.add(result.start);
      results.push(result);
    }
  }
  return results;
}

/** A position in a list: `index` from the start (0-based), or from the end when `fromEnd` ("the last one"). */
export interface Position {
  index: number;
  fromEnd: boolean;
}

/** Ordinals the recognizers resolve relative to the end ("last", "último"), with their value as the offset. */
const FROM_END = /^(?:last|ultim[oa]|final)$/;
const BEFORE_LAST = /\b(?:second to last|second last|penultim[oa]|next to last)\b/;

/** The one position an answer points at ("the second one", "la segunda", "the last one", "2nd"), if it points at one. */
export function readPosition(text: string): Position | undefined {
  const normalised = normaliseAnswer(text);
  if (BEFORE_LAST.test(normalised)) return { index: 1, fromEnd: true };
  const results = readOrdinalResults(text);
  const positions = results
    .map((result): Position | undefined => {
      const value = resolvedNumber(result);
      if (value === undefined) return undefined;
      if (FROM_END.test(normaliseAnswer(result.text))) return { index: 0, fromEnd: true };
      return value >= 1 ? { index: value - 1, fromEnd: false } : undefined;
    })
    .filter((p): p is Position => p !== undefined);
  const distinct = new Map(positions.map((p) => [`${p.fromEnd}:${p.index}`, p]));
  return distinct.size === 1 ? [...distinct.values()][0] : undefined;
}

/** The 0-based index a position means in a list of `length` items, or undefined when it is outside it. */
export function indexIn(position: Position, length: number): number | undefined {
  const index = position.fromEnd ? length - 1 - position.index : position.index;
  return index >= 0 && index < length ? index : undefined;
}
