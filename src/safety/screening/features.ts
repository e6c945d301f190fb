/**
 * What the learned layer sees of a message: hashed word unigrams and bigrams and character 3- to 5-grams of the
 * normalised text (so disguise, accents and typing variants are already undone), the word classes it holds (./wordClasses:
 * broad concepts shared by both languages, those under a negation apart, and every pair of them present together),
 * plus the lexicon's signals and its level for the message. The same function serves training and screening, so the two can never drift apart.
 *
 * Each group of features counts each feature once and is scaled to unit length, so a long message does not
 * outweigh a short one and a sentence repeated five times reads as the sentence once.
 */
import type { RiskLevel } from './types';
import { classesOfWord, WORD_CLASSES } from './wordClasses';

/** Hashed feature space: 2^17 weights per head (512 KB as Float32). */
export const FEATURE_BITS = 17;
export const FEATURE_COUNT = 1 << FEATURE_BITS;
const MASK = FEATURE_COUNT - 1;
/** Characters of the normalised text the n-grams read; risk language longer than this is the lexicon's to find. */
const MAX_CHARS = 2000;

/**
 * Sparse features of one message: indices and values, `length` entries used. The first `wordLength` of them are the
 * word-level ones (words, word pairs, word classes, the lexicon's findings); the character n-grams follow.
 */
export interface FeatureVector {
  indices: Int32Array;
  values: Float32Array;
  length: number;
  wordLength: number;
}

export function newFeatureVector(capacity = 4096): FeatureVector {
  return { indices: new Int32Array(capacity), values: new Float32Array(capacity), length: 0, wordLength: 0 };
}

/** A compact copy of the used part of a vector (what training keeps per message). */
export function copyFeatures(v: FeatureVector): FeatureVector {
  return { indices: v.indices.slice(0, v.length), values: v.values.slice(0, v.length), length: v.length, wordLength: v.wordLength };
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over a seed (the feature group) and characters [start, end) of the text. */
function hashRange(seed: number, text: string, start: number, end: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = start; i < end; i += 1) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

function hashString(seed: number, text: string): number {
  return hashRange(seed, text, 0, text.length);
}

/** Fewest features a group is scaled as if it had (see unitScale). */
const WORD_FLOOR = 8;
const CHAR_FLOOR = 40;

/** Feature-group seeds. */
const WORD = 1;
const BIGRAM = 2;
const CHARS = 3; // + n
const SIGNAL = 11;
const LEVEL = 12;
const CLASS = 13;
const NEGATED_CLASS = 14;
const CLASS_PAIR = 15;
/** A message names a handful of classes but may hold dozens of their pairs: each group is scaled on its own. */
const CLASS_FLOOR = 4;
const PAIR_FLOOR = 16;
/** Words after a negation that it may govern ("never cut myself", "no me quiero morir"). */
const NEGATION_REACH = 3;
const NEGATION = WORD_CLASSES.indexOf('negation');
const CLASS_COUNT = WORD_CLASSES.length;
const classHashes = (seed: number): Int32Array => Int32Array.from(WORD_CLASSES, (name) => hashString(seed, name));
const CLASS_HASH = classHashes(CLASS);
const NEGATED_CLASS_HASH = classHashes(NEGATED_CLASS);
const PAIR_HASH = classHashes(CLASS_PAIR);
/** Which classes the current message has, and which of them only under a negation (reused per message). */
const present = new Uint8Array(CLASS_COUNT);
const negated = new Uint8Array(CLASS_COUNT);

/** Hashes already pushed in the current group (reused, cleared per group). */
const seen = new Set<number>();

function push(v: FeatureVector, hash: number, value: number): void {
  const index = hash & MASK;
  if (seen.has(index)) return;
  seen.add(index);
  if (v.length === v.indices.length) {
    const indices = new Int32Array(v.indices.length * 2);
    indices.set(v.indices);
    const values = new Float32Array(v.values.length * 2);
    values.set(v.values);
    v.indices = indices;
    v.values = values;
  }
  v.indices[v.length] = index;
  v.values[v.length] = value;
  v.length += 1;
}

/**
 * Scale entries [from, v.length) to unit length, as if there were at least `floor` of them: a two-word message
 * carries little evidence, and scaled to full length its few features would swing the score as far as a paragraph's.
 */
function unitScale(v: FeatureVector, from: number, floor: number): void {
  seen.clear();
  const n = v.length - from;
  if (n === 0) return;
  const scale = 1 / Math.sqrt(Math.max(n, floor));
  for (let i = from; i < v.length; i += 1) v.values[i] = scale;
}

/**
 * Fill `out` with the features of a message. `text` is the normalised form (lower-case ASCII words separated by single
 * spaces); `signals` and `level` are what the lexicon found in this message alone.
 */
export function extractFeatures(text: string, signals: readonly string[], level: RiskLevel, out: FeatureVector): FeatureVector {
  out.length = 0;
  seen.clear();
  const padded = ` ${text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text} `;

  // Words and word pairs (the padding spaces delimit the first and last word).
  let from = out.length;
  let prevStart = -1;
  let start = 1;
  for (let i = 1; i < padded.length; i += 1) {
    if (padded.charCodeAt(i) !== 32) continue;
    if (i > start) {
      push(out, hashRange(WORD, padded, start, i), 1);
      if (prevStart >= 0) push(out, hashRange(BIGRAM, padded, prevStart, i), 1);
      prevStart = start;
    }
    start = i + 1;
  }
  unitScale(out, from, WORD_FLOOR);

  classFeatures(padded, out);

  seen.clear();
  for (const s of signals) push(out, hashString(SIGNAL, s), 1);
  push(out, hashString(LEVEL, level), 1);
  seen.clear();
  out.wordLength = out.length;

  // Character n-grams across word boundaries ("e my", "f mys") catch phrasing the words split.
  for (let n = 3; n <= 5; n += 1) {
    from = out.length;
    for (let i = 0; i + n <= padded.length; i += 1) push(out, hashRange(CHARS + n, padded, i, i + n), 1);
    unitScale(out, from, CHAR_FLOOR);
  }
  return out;
}

/**
 * The word classes of the message (./wordClasses), those only met under a negation apart, and every pair of classes
 * present together: "a means" and "a time soon" in one message is a feature of its own, a conjunction a linear model
 * could not otherwise weigh.
 */
function classFeatures(padded: string, out: FeatureVector): void {
  present.fill(0);
  negated.fill(0);
  let sinceNegation = NEGATION_REACH + 1;
  let start = 1;
  for (let i = 1; i < padded.length; i += 1) {
    if (padded.charCodeAt(i) !== 32) continue;
    if (i > start) {
      const classes = classesOfWord(padded.slice(start, i));
      if (classes.includes(NEGATION)) {
        sinceNegation = 0;
      } else {
        sinceNegation += 1;
        for (const c of classes) {
          if (sinceNegation <= NEGATION_REACH) negated[c] = 1;
          else present[c] = 1;
        }
      }
      if (classes.length === 0 && padded.charCodeAt(start) < 97) sinceNegation = NEGATION_REACH + 1; // punctuation ends a clause
    }
    start = i + 1;
  }
  present[NEGATION] = 0;
  let from = out.length;
  for (let c = 0; c < CLASS_COUNT; c += 1) {
    if (present[c] === 1) push(out, CLASS_HASH[c], 1);
    else if (negated[c] === 1) push(out, NEGATED_CLASS_HASH[c], 1);
  }
  unitScale(out, from, CLASS_FLOOR);
  from = out.length;
  for (let a = 0; a < CLASS_COUNT; a += 1) {
    if (present[a] === 0) continue;
    for (let b = a + 1; b < CLASS_COUNT; b += 1) if (present[b] === 1) push(out, Math.imul(PAIR_HASH[a], FNV_PRIME) ^ PAIR_HASH[b], 1);
  }
  unitScale(out, from, PAIR_FLOOR);
}

/** The logistic function, clamped so exp never overflows. */
export function sigmoid(z: number): number {
  if (z < -30) return 0;
  if (z > 30) return 1;
  return 1 / (1 + Math.exp(-z));
}

/** Dot product of a sparse vector with a dense weight array, plus the bias. */
export function linearScore(v: FeatureVector, weights: Float32Array, bias: number): number {
  let z = bias;
  for (let i = 0; i < v.length; i += 1) z += weights[v.indices[i]] * v.values[i];
  return z;
}
