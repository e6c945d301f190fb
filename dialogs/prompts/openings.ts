import { Language, t, Vars, variants } from '../../src/i18n';
import { normaliseAnswer } from './yesNo';

/**
 * How many first words make a message's opening. Two, not three: "How about reaching out to Marco?"
 * followed by "How about sending Marco…" already sounds like a form, though only the third word differs.
 */
export const OPENING_WORDS = 2;

/** The first words of a message as a person hears them, without case, accents or punctuation. */
export function openingOf(text: string | undefined): string {
  return normaliseAnswer(text ?? '').split(/\s+/).filter(Boolean).slice(0, OPENING_WORDS).join(' ');
}

/**
 * A variant of `key` (its index) that does not open like `previous`, the message said just before it, picked
 * at random among those; any variant when all open alike. Texts said back to back use it so that the
 * random choice of wording can never put two same openings side by side.
 */
export function variantUnlike(language: Language, key: string, vars: Vars, previous: string | undefined, random: () => number = Math.random): number {
  const all = variants(language, key);
  const before = openingOf(previous);
  const unlike = all.map((_, index) => index).filter((index) => openingOf(t(language, key, vars, () => index)) !== before);
  const pool = unlike.length > 0 ? unlike : all.map((_, index) => index);
  return pool[Math.floor(random() * pool.length)];
}
