/**
 * Pass 1 of normalisation: every code point folded to lower-case ASCII letters and digits, spaces, `.`/`,` clause
 * boundaries and the few symbols the token step reads (leetspeak, joiners, number separators), remembering where each
 * folded character came from. Look-alike and enclosed letters are read as the Latin letters they stand for.
 */
import { enclosedLetter, LOOKALIKES, PREFERRED_READINGS } from './lookalikes';

// ---------------------------------------------------------------------------------------------------------------
// Character tables

/** A few emoji carry meaning the patterns need; every other pictograph becomes a space. */
const EMOJI_WORDS = new Map<string, string>(Object.entries({
  '🔪': ' knife ', '🗡': ' knife ', '🔫': ' gun ', '💊': ' pills ', '🪢': ' rope ', '🩸': ' blood ',
  '🪦': ' grave ', '⚰': ' coffin ',
  // A skull is "I'm dead" of laughing or embarrassment ("sent it to my boss 💀").
  '😂': ' lol ', '🤣': ' lol ', '😹': ' lol ', '😆': ' lol ', '💀': ' lol ', '☠': ' lol ',
}));

const INVISIBLE = /^[\p{Cf}\p{Cc}\p{Mn}\p{Me}]$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const SPACE_LIKE = /^[\p{Zs}]$/u;
/** Hangul fillers and the Braille blank render as nothing or as a space but are letters/symbols to Unicode. */
const BLANK_LETTERS = new Set(['\u3164', '\u115F', '\u1160', '\uFFA0', '\u2800']);
const APOSTROPHES = new Set(["'", '’', '‘', '`', '´', 'ʼ', 'ʻ', '′']);
const SENTENCE_PUNCTUATION = new Set(['.', '!', '?', ';', ':', '…', '¿', '¡', '\n', '\r', '\u2028', '\u2029', '。']);
const COMMA_LIKE = new Set([',', '–', '—', '、', '،']);
/** Symbols kept for the token step: leetspeak letters, joiners inside spaced letters, number separators. */
const KEPT_SYMBOLS = new Set(['$', '@', '|', '€', '+', '*', '-', '_', '/', '%', '#', '&', '·', '!']);

const charCache = new Map<string, string>();

/** Map one code point (already known not to be plain ASCII) to its plain form. */
function foldChar(ch: string): string {
  const cached = charCache.get(ch);
  if (cached !== undefined) return cached;
  let out: string;
  const emoji = EMOJI_WORDS.get(ch);
  const homoglyph = PREFERRED_READINGS.get(ch);
  if (homoglyph !== undefined) out = homoglyph;
  else if (emoji !== undefined) out = emoji;
  else if (APOSTROPHES.has(ch)) out = "'";
  else if (KEPT_SYMBOLS.has(ch)) out = ch;
  else if (BLANK_LETTERS.has(ch)) out = ' ';
  else if (SENTENCE_PUNCTUATION.has(ch)) out = '.';
  else if (COMMA_LIKE.has(ch)) out = ',';
  else if (SPACE_LIKE.test(ch)) out = ' ';
  else if (INVISIBLE.test(ch)) out = '';
  else if (LETTER_OR_DIGIT.test(ch)) {
    // NFKD folds accents, fullwidth, mathematical bold/italic, circled and superscript letters; then drop marks.
    const decomposed = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    let folded = '';
    for (const c of decomposed) {
      const lower = c.toLowerCase();
      folded += LOOKALIKES.get(c) ?? LOOKALIKES.get(lower) ?? lower;
    }
    out = /^[a-z0-9]*$/.test(folded) ? folded : ' ';
  } else {
    // Symbols: enclosed letters (ⓚ, 🄺, 🅚) and symbol look-alikes (⍺) are letters; other pictographs are spaces.
    out = enclosedLetter(ch) ?? LOOKALIKES.get(ch) ?? ' ';
  }
  if (charCache.size < 5000) charCache.set(ch, out);
  return out;
}


export function isLetterCode(c: number): boolean {
  return c >= 97 && c <= 122;
}
export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}
export function isAlnumCode(c: number): boolean {
  return isLetterCode(c) || isDigitCode(c);
}

export interface Folded {
  /** Folded characters. */
  chars: string;
  /** Per folded character: index in the original; null when the fold kept every position (chars[i] ← original[i]). */
  s: number[] | null;
  obfuscated: boolean;
  /** Some letter repeats three or more times in a row. */
  stretched: boolean;
}

/**
 * Characters the one-to-one fast path folds: printable ASCII, Latin-1 letters (accents), curly quotes, Spanish
 * inverted marks, dashes, ellipsis, no-break space. Everything else takes the general path.
 */
const ONE_TO_ONE = /^[\x20-\x7e\u00a0\u00a1\u00ab\u00bb\u00bf\u00c0-\u00d6\u00d8-\u00de\u00e0-\u00f6\u00f8-\u00fe\u2013\u2014\u2018\u2019\u201c\u201d\u2026]*$/;
/** What the fast path must replace after lower-casing: everything but what folds to itself ("." is its own boundary). */
const ONE_TO_ONE_OTHER = /[^a-z0-9 $@|+*\-_/%#&!,'.]/g;
const oneToOneCache = new Map<string, string>();

function foldOneToOne(c: string): string {
  let out = oneToOneCache.get(c);
  if (out === undefined) {
    if (c === '`' || c === '\u2018' || c === '\u2019') out = "'";
    else if (c === '\u00a0') out = ' ';
    else if (SENTENCE_PUNCTUATION.has(c)) out = '.';
    else if (COMMA_LIKE.has(c)) out = ',';
    else {
      const plain = c.normalize('NFD').replace(/\p{M}/gu, '');
      out = plain.length === 1 && /[a-z]/.test(plain) ? plain : ' ';
    }
    oneToOneCache.set(c, out);
  }
  return out;
}

function hasRunOfThree(chars: string): boolean {
  for (let i = 2; i < chars.length; i += 1) {
    const c = chars.charCodeAt(i);
    if (c >= 97 && c <= 122 && c === chars.charCodeAt(i - 1) && c === chars.charCodeAt(i - 2)) return true;
  }
  return false;
}

/** Pass 1: fold every code point to lower-case ASCII, spaces, `.`/`,` boundaries and kept symbols. */
export function fold(text: string): Folded {
  if (ONE_TO_ONE.test(text)) {
    const chars = text.toLowerCase().replace(ONE_TO_ONE_OTHER, foldOneToOne);
    return { chars, s: null, obfuscated: false, stretched: hasRunOfThree(chars) };
  }
  const parts: string[] = [];
  const s: number[] = [];
  let obfuscated = false;
  let stretched = false;
  let prev = '';
  let run = 0;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    let width = 1;
    let out: string;
    if (code < 128) {
      if (code >= 65 && code <= 90) out = String.fromCharCode(code + 32);
      else if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 32) out = text[i];
      else if (code === 9) out = ' ';
      else if (code === 39 || code === 96) out = "'";
      else {
        const c = text[i];
        if (KEPT_SYMBOLS.has(c)) out = c;
        else if (code === 10 || code === 13 || SENTENCE_PUNCTUATION.has(c)) out = '.';
        else if (code === 44) out = ',';
        else if (code < 32 || code === 127) out = '';
        else out = ' ';
      }
    } else {
      const cp = text.codePointAt(i) as number;
      width = cp > 0xffff ? 2 : 1;
      const ch = width === 1 ? text[i] : text.slice(i, i + 2);
      out = foldChar(ch);
      // Anything beyond dropping an accent counts as disguise: invisible characters, look-alikes, styled letters.
      if (!obfuscated && !APOSTROPHES.has(ch)) {
        if (out === '') obfuscated = ch !== '\u00A0';
        else if (!/^[ .,]+$/.test(out) && out[0] !== ' ') {
          obfuscated = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() !== out;
        }
      }
    }
    for (let k = 0; k < out.length; k += 1) {
      const c = out[k];
      parts.push(c);
      s.push(i);
      if (c === prev && c >= 'a' && c <= 'z') {
        run += 1;
        if (run >= 3) stretched = true;
      } else {
        run = 1;
        prev = c;
      }
    }
    i += width;
  }
  return { chars: parts.join(''), s, obfuscated, stretched };
}
