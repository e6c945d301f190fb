/**
 * The rules' logic: which lexicon rules match one normalised variant of a message, and what each match means once
 * its context is read — negation ("never", "nunca" governing the phrase), past history ("tried to … two years
 * ago"), "thinking about …" (thoughts rather than intent), an obvious joke marker, and whose risk it is (the writer's
 * or a third party's).
 */
import * as compiledLexicon from './compiledLexicon';
import { originalSpan, type NormalisedText } from './normalise';
import type { LexiconRule, RiskCategory, RiskLevel, Signal } from './types';

// Read once into module constants: a loader that compiles imports into getters (tsx, under which the tests and the
// bench run) otherwise makes every use in the loops below a call.
const { CUES, IDIOMS, MATCHER, RULES } = compiledLexicon;

/** Signals whose phrase can be put in the past ("I tried to kill myself two years ago"). */
const PASTABLE = new Set<Signal>([
  'active_ideation', 'intent', 'plan', 'means', 'preparation', 'act_in_progress', 'passive_ideation',
  'suicidal_thoughts', 'self_harm', 'harmed_by_others', 'disordered_eating', 'harm_to_others',
  'harm_to_others_thoughts', 'immediate_danger', 'hopelessness', 'burden',
]);
/** Urgent signals that "thinking about …" turns into thoughts (concern). */
const THOUGHT_DOWNGRADABLE = new Set<Signal>(['active_ideation', 'intent', 'plan', 'harm_to_others']);
/** Urgent signals that an obvious joke marker turns into a gentle check (concern). */
const HYPERBOLE_DOWNGRADABLE = new Set<Signal>(['active_ideation', 'harm_to_others']);

export interface Hit {
  rule: LexiconRule;
  /** Position in the normalised text. */
  start: number;
  end: number;
  source: NormalisedText;
  level: RiskLevel;
  signals: Signal[];
  categories: RiskCategory[];
  third: boolean;
  negated: boolean;
  /** The message says it is happening now (used for third parties). */
  immediate: boolean;
  /** The message names a time within about a day ("tonight", "esta noche"): someone else's intent is for now. */
  soon: boolean;
  /** About someone else inside a story's frame (a character, the news), with no one close to the writer named. */
  fiction: boolean;
}

interface TokenIndex {
  tokens: string[];
  /** Token index for each character of the text (spaces belong to the preceding token); entries past it are stale. */
  charToken: Int32Array;
}

/** One buffer for every message (screening is synchronous): a typed array per message was a measurable cost. */
let charTokenBuffer = new Int32Array(1024);

function indexTokens(text: string): TokenIndex {
  const tokens: string[] = [];
  if (charTokenBuffer.length <= text.length) charTokenBuffer = new Int32Array(Math.max(text.length + 1, charTokenBuffer.length * 2));
  const charToken = charTokenBuffer;
  let start = 0;
  for (let i = 0; i <= text.length; i += 1) {
    if (i === text.length || text.charCodeAt(i) === 32) {
      tokens.push(text.slice(start, i));
      for (let k = start; k <= i; k += 1) charToken[k] = tokens.length - 1;
      start = i + 1;
    }
  }
  return { tokens, charToken };
}

function isNegated(idx: TokenIndex, first: number): boolean {
  const { tokens } = idx;
  for (let k = first - 1, steps = 0; k >= 0 && steps < 5; k -= 1, steps += 1) {
    const t = tokens[k];
    if (t === '.' || t === ',') return false;
    if (CUES.negations.has(t)) {
      const next = tokens[k + 1];
      if (k + 1 < first && CUES.negationExceptions.get(t)?.has(next)) continue;
      return true;
    }
    if (CUES.scopeBreakers.has(t)) return false;
  }
  return false;
}

/** Spanish pronouns that come before the verb: "y me quiero morir". */
const CLITICS = new Set(['me', 'te', 'se', 'nos']);

/**
 * The tokens of the clause around [first, last]: up to a sentence end or a "but"-like word. With `own`, an "and"
 * starting a new clause — with its own subject ("and I tried…"), its own time ("y hace dos años…") or a verb in
 * the present ("I used to run and want to die") — also ends it, so a past time joined on is not the phrase's; an
 * "and" that shares the subject and the tense ("when I was 17 and wanted to die") does not.
 */
function clauseText(idx: TokenIndex, first: number, last: number, own = false): string {
  const { tokens } = idx;
  const presentVerbAt = (k: number): boolean => CUES.presentVerbs.has(tokens[k] ?? '') || (CLITICS.has(tokens[k] ?? '') && CUES.presentVerbs.has(tokens[k + 1] ?? ''));
  const startsClause = (c: number): boolean =>
    CUES.coordinators.has(tokens[c]) &&
    (CUES.selfSubjects.has(tokens[c + 1] ?? '') || presentVerbAt(c + 1) || MATCHER.anyMatch(CUES.pastMarkers, tokens.slice(c + 1, c + 5).join(' ')));
  const stops = (k: number): boolean => tokens[k] === '.' || CUES.clauseBreakers.has(tokens[k]) || (own && startsClause(k));
  let a = first;
  while (a > 0 && !stops(a - 1)) a -= 1;
  let b = last;
  while (b < tokens.length - 1 && !stops(b + 1)) b += 1;
  return tokens.slice(a, b + 1).join(' ');
}

/** Up to n words before the phrase, within its clause (a comma also stops). */
function wordsBefore(idx: TokenIndex, first: number, n: number): string {
  const { tokens } = idx;
  const out: string[] = [];
  for (let k = first - 1; k >= 0 && out.length < n; k -= 1) {
    const t = tokens[k];
    if (t === '.' || t === ',' || CUES.clauseBreakers.has(t)) break;
    out.unshift(t);
  }
  return out.join(' ');
}

/** Up to n words after the phrase, within its clause, with a leading space. */
function wordsAfter(idx: TokenIndex, last: number, n: number): string {
  const { tokens } = idx;
  const out: string[] = [];
  for (let k = last + 1; k < tokens.length && out.length < n; k += 1) {
    const t = tokens[k];
    if (t === '.' || t === ',' || CUES.clauseBreakers.has(t)) break;
    out.push(t);
  }
  return out.length === 0 ? '' : ` ${out.join(' ')}`;
}

/** Up to n words before the phrase, within its sentence (commas do not stop). */
function sentenceBefore(idx: TokenIndex, first: number, n: number): string {
  const { tokens } = idx;
  let a = first;
  while (a > 0 && first - a < n && tokens[a - 1] !== '.') a -= 1;
  return tokens.slice(a, first).join(' ');
}

/**
 * Reported clinical talk answered no: "the counsellor asked me if I ever hurt myself, I said no, never", "me
 * preguntó si pensaba en suicidarme y le dije que no", "scored 0 on the self-harm question". Not when the answer
 * is taken back ("… but I lied").
 */
function answeredNo(idx: TokenIndex, first: number, masked: string, end: number): boolean {
  const before = sentenceBefore(idx, first, 12);
  if (CUES.zeroBefore.some((p) => p.test(before))) return true;
  if (!CUES.askedBefore.some((p) => p.test(before))) return false;
  const after = masked.slice(end, end + 200);
  const answer = CUES.answeredNo.map((p) => p.exec(after)).find((m): m is RegExpExecArray => m !== null);
  if (answer === undefined) return false;
  return !CUES.answerRetracted.some((p) => p.test(after.slice(answer[0].length)));
}

const THIRD_REFLEXIVE = /\b(?:herself|himself|themselves|themself)\b/;
const SELF_REFLEXIVE = /\b(?:myself|me)\b/;

/**
 * A past participle after "he": Spanish "he pensado" (I have thought), not the English pronoun. The irregular ones
 * also with a prefix: "he resuelto", "he decidido", "he descubierto", "he dispuesto".
 */
const SPANISH_PERFECT = /^(?:[a-z]{2,}(?:ado|ido)|[a-z]*(?:scrito|hecho|fecho|visto|dicho|puesto|muerto|roto|vuelto|suelto|bierto))$/;

/** Whether the phrase is about someone else: its reflexive, or the nearest subject walking back through the sentence. */
function inferThird(idx: TokenIndex, first: number, matched: string): boolean {
  if (THIRD_REFLEXIVE.test(matched)) return true;
  if (SELF_REFLEXIVE.test(matched)) return false;
  const { tokens } = idx;
  // "… from my mother's box, tonight I finish everything": a match that starts with "I" has its own subject.
  if (CUES.selfSubjects.has(tokens[first])) return false;
  for (let k = first - 1, steps = 0; k >= 0 && steps < 12; k -= 1, steps += 1) {
    const t = tokens[k];
    if (t === '.') break;
    if (CUES.selfSubjects.has(t)) return false;
    // Spanish "he pensado" (I have thought) is the writer, not the English "he".
    if (t === 'he' && SPANISH_PERFECT.test(tokens[k + 1])) return false;
    if (CUES.thirdSubjects.has(t)) return true;
    if (CUES.thirdNouns.has(t) && CUES.possessives.has(tokens[k - 1])) return true;
  }
  return false;
}

/** Idioms are blotted out (letters become "~", spaces stay) so no risk rule can match inside them. */
function maskIdioms(text: string, g: number): string {
  let masked = text;
  for (let i = 0; i < IDIOMS.length; i += 1) {
    if (!MATCHER.idiomMarked(i, g)) continue;
    const { re } = IDIOMS[i];
    re.lastIndex = 0;
    masked = masked.replace(re, blot);
  }
  return masked;
}

function blot(m: string): string {
  return m.replace(/[^ ]/g, '~');
}

export function findHits(source: NormalisedText): Hit[] {
  let g = MATCHER.markCandidates(source.text);
  const masked = maskIdioms(source.text, g);
  // Masking can only remove anchors, so re-marking on the masked text is exact and never adds rules.
  if (masked !== source.text) g = MATCHER.markCandidates(masked);
  const raw: Hit[] = [];
  // Only the marked rules run, in rule order, so the cost does not grow with the size of the lexicon.
  for (const r of MATCHER.markedRules) {
    if (!MATCHER.ruleMarked(r, g)) continue;
    const { rule, re, requires, unless } = RULES[r];
    re.lastIndex = 0;
    let m = re.exec(masked);
    if (m === null) continue;
    if (requires !== undefined && !requires.every((q) => MATCHER.anyMatch(q, masked))) continue;
    if (unless !== undefined && MATCHER.anyMatch(unless, masked)) continue;
    while (m !== null) {
      if (m[0].length === 0) {
        re.lastIndex += 1;
      } else if (
        rule.unlessOriginal === undefined ||
        !rule.unlessOriginal.test(originalSpan(source, m.index, m.index + m[0].length))
      ) {
        raw.push({
          rule,
          start: m.index,
          end: m.index + m[0].length,
          source,
          level: 'none',
          signals: [],
          categories: [],
          third: false,
          negated: false,
          immediate: false,
          soon: false,
          fiction: false,
        });
      }
      m = re.exec(masked);
    }
  }
  if (raw.length === 0) return raw;
  const kept = raw.filter(
    (h) =>
      !raw.some(
        (o) =>
          o !== h &&
          o.rule.suppresses !== undefined &&
          o.rule.suppresses.includes(h.rule.signal) &&
          o.start <= h.start &&
          o.end >= h.end,
      ),
  );
  const idx = indexTokens(masked);
  const hyperbole = MATCHER.anyMatch(CUES.hyperbole, masked);
  const immediate = MATCHER.anyMatch(CUES.immediacy, masked);
  const soon = immediate || MATCHER.anyMatch(CUES.timeBound, masked);
  for (const hit of kept) {
    hit.immediate = immediate;
    hit.soon = soon;
    analyse(hit, idx, masked, hyperbole);
  }
  return kept;
}

function analyse(hit: Hit, idx: TokenIndex, masked: string, hyperbole: boolean): void {
  const { rule } = hit;
  const first = idx.charToken[hit.start];
  const last = idx.charToken[Math.max(hit.start, hit.end - 1)];
  if (rule.negatable !== false && isNegated(idx, first)) {
    hit.negated = true;
    hit.signals = ['denial'];
    return;
  }
  if (rule.negatable !== false && answeredNo(idx, first, masked, hit.end)) {
    hit.negated = true;
    hit.signals = ['denial'];
    return;
  }
  const matched = masked.slice(hit.start, hit.end);
  if (PASTABLE.has(rule.signal)) {
    const before = wordsBefore(idx, first, 3);
    // When unsure whether risk is past or now, now: a past time counts only within the phrase's own clause.
    const clause = clauseText(idx, first, last, true);
    const past =
      MATCHER.anyMatch(CUES.pastVerbs, before) || (MATCHER.anyMatch(CUES.pastMarkers, clause) && !MATCHER.anyMatch(CUES.presentMarkers, clause));
    if (past) {
      hit.signals = ['past_history'];
      return;
    }
  }
  let level = rule.level;
  let signal: Signal = rule.signal;
  const extra: Signal[] = [];
  if (level === 'urgent' && THOUGHT_DOWNGRADABLE.has(signal) && rule.method !== true) {
    const thoughts =
      MATCHER.anyMatch(CUES.thoughtsBefore, wordsBefore(idx, first, 5)) || MATCHER.anyMatch(CUES.thoughtsAfter, wordsAfter(idx, last, 8));
    // "I can't stop thinking about jumping in front of the train tonight" is more than a thought.
    if (thoughts && !MATCHER.anyMatch(CUES.timeBound, clauseText(idx, first, last))) {
      level = 'concern';
      signal = rule.category === 'harm_to_others' ? 'harm_to_others_thoughts' : 'suicidal_thoughts';
    }
  }
  if (signal === 'passive_ideation') {
    // "Tonight I finally get to rest forever": a wish to be dead with a time within hours and a future is intent.
    const clause = clauseText(idx, first, last);
    if (MATCHER.anyMatch(CUES.timeBound, clause) && MATCHER.anyMatch(CUES.future, clause)) {
      level = 'urgent';
      signal = 'intent';
    }
  }
  if (level === 'urgent' && hyperbole && HYPERBOLE_DOWNGRADABLE.has(signal)) {
    // A joke marker makes explicit words a gentle check; a laughed-off threat at a sibling or friend is a quarrel.
    const target = `${matched}${wordsAfter(idx, last, 3)}`;
    level = signal === 'harm_to_others' && CUES.family.some((p) => p.test(target)) ? 'none' : 'concern';
    extra.push('hyperbole');
  } else if (level === 'concern' && hyperbole && signal === 'passive_ideation') {
    // "i want to die lol": the wish with a laugh is a check too, asked about before anyone is alerted.
    extra.push('hyperbole');
  }
  const person = rule.person ?? 'infer';
  hit.third = person === 'third' || (person === 'infer' && inferThird(idx, first, matched));
  // Someone the writer knows named anywhere in the message ("my coworker told me…"), or someone with the writer or
  // speaking to them ("reading the news when the man next to me said…"), is not a story's character.
  hit.fiction =
    hit.third &&
    CUES.fiction.some((p) => p.test(sentenceBefore(idx, first, 15))) &&
    !CUES.family.some((p) => p.test(masked)) &&
    !CUES.ownPerson.test(masked) &&
    !CUES.present.some((p) => p.test(masked));
  hit.level = level;
  // A risk signal that ended at none (a laughed-off quarrel) is recorded only as the hyperbole it was.
  hit.signals = level === 'none' && rule.level !== 'none' ? extra : [signal, ...extra];
  hit.categories = rule.category === 'third_party' ? [] : [rule.category];
}

