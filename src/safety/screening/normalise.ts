/**
 * Text normalisation for the crisis screener.
 *
 * People who write about self-harm often disguise the words (to get past filters on other platforms, or out of
 * habit): leetspeak, look-alike letters from other scripts, zero-width characters, spaced or stretched letters,
 * misspellings. The screener's patterns are written against one plain form — lower case, no accents, ASCII
 * letters and digits, single spaces — and this module produces that form while remembering, for every output
 * character, where it came from in the original (so the clinician alert can quote the original words).
 *
 * Sentence punctuation survives as clause-boundary tokens: `.` for . ! ? ; : and line breaks, `,` for commas and
 * dashes. Real numbers survive untouched ("7/10", "25m", "20 pills"): leetspeak decoding only applies to tokens
 * that mix letters with look-alike digits or symbols and are not a number with a unit.
 *
 * Stretched letters ("diiiie", "sleeeep") have two plausible readings, so a text with a run of three or more
 * identical letters yields two variants (runs collapsed to two letters, and to one letter except for known
 * double-letter words); the screener matches both.
 */
import * as foldCharacters from './foldCharacters';
import type { Folded } from './foldCharacters';

// Read once into module constants: a loader that compiles imports into getters (tsx, under which the tests and the
// bench run) otherwise makes every character test below a call.
const { fold, isAlnumCode, isDigitCode, isLetterCode } = foldCharacters;

export interface NormalisedText {
  /** The original message. */
  readonly original: string;
  /** Lower-case ASCII tokens separated by single spaces; clause boundaries are the tokens `.` and `,`. */
  readonly text: string;
  /** True when disguise was undone: leetspeak, look-alike letters, invisible characters, spaced or stretched letters. */
  readonly obfuscated: boolean;
  /** Position in `text` where each token starts. */
  readonly tokenStarts: readonly number[];
  /**
   * For each token, where its characters came from in `original`: per character, the index where its source starts,
   * or (a number) the start of the run of `original` the token was copied from one to one, which most tokens are.
   */
  readonly origins: readonly (readonly number[] | number)[];
}

/**
 * A token and where its characters came from. Most tokens are copied one to one from a run of the original, so the
 * per-character origins are built only for the tokens that need them (leetspeak, apostrophes, look-alikes…).
 */
interface Token {
  t: string;
  /** Per character: index in the original where its source starts; null when character i came from o + i. */
  s: number[] | null;
  o: number;
}

/** Index in the original where character i of the token came from. */
function originOf(tok: Token, i: number): number {
  return tok.s === null ? tok.o + i : tok.s[i];
}

/** A token copied one to one from the original (or from the folded text) starting at `origin`. */
function copied(t: string, origin: number): Token {
  return { t, s: null, o: origin };
}

/** A token whose characters came from scattered places (apostrophes dropped, letters joined or replaced). */
function tracked(t: string, s: number[]): Token {
  return { t, s, o: 0 };
}

// ---------------------------------------------------------------------------------------------------------------
// Word tables

interface WordTables {
  /** Leetspeak: symbols and digits that stand for letters inside words. */
  leet: Map<string, string>;
  leetChars: RegExp;
  /** A number with a unit or ordinal stays as written: "25m", "20mg", "3am", "2nd", "16:8". */
  numberWithUnit: RegExp;
  /** When "1" could be i or l, prefer the reading that makes one of these words. */
  lWords: Set<string>;
  /**
   * Words with a real double letter, kept when collapsing stretched letters to one. A word that `typos` already
   * restores from its one-letter form ("kil", "pils", "gona") needs no entry.
   */
  doubleWords: Set<string>;
  /** Common misspellings and chat shorthand, token by token. Values may be several words. */
  typos: Map<string, string>;
  /** Pairs of tokens that belong together. */
  bigrams: Map<string, string>;
  bigramFirst: Set<string>;
  /**
   * For each first letter, a bit per length of the words in `typos` and `bigramFirst`, so most tokens skip both
   * lookups (hashing every token's new string was a measurable cost).
   */
  fixShapes: Uint32Array;
  /** What follows "self" in a compound noun ("self harm", "self esteem"): "my self harm" is not "myself harm". */
  selfCompounds: Set<string>;
  /**
   * Words the spaced-letter joiner may split a run like "kmyself"/"mequieromatar" into, per language: a run is split
   * in one language's words when it can be ("wanttodoit" is "want to do it", not English "want" and Spanish "todo").
   */
  segmentWords: { en: Set<string>; es: Set<string>; both: Set<string> };
  dottedLetters: RegExp;
  edgePunctuation: RegExp;
}

/**
 * The tables are built on first use rather than when the module loads, and tests forget them before each test
 * (forgetWordTables): mutation testing then knows which tests read each entry and runs only those, in one test
 * process, instead of a process start and the whole suite for each entry.
 */
let tables: WordTables | undefined;

function wordTables(): WordTables {
  return (tables ??= buildWordTables());
}

/** Forget the built tables, so that the next use builds them again (for tests; see wordTables). */
export function forgetWordTables(): void {
  tables = undefined;
}

function buildWordTables(): WordTables {
  const typos = new Map<string, string>(Object.entries({
    // English
    suicde: 'suicide', sucide: 'suicide', suiside: 'suicide', suacide: 'suicide', suicdie: 'suicide',
    sucicide: 'suicide', siucide: 'suicide', sicide: 'suicide', suicie: 'suicide', suicid: 'suicide',
    sewerslide: 'suicide', sewerslid: 'suicide', seweslide: 'suicide', suicidial: 'suicidal', sucidal: 'suicidal',
    suicdal: 'suicidal', suisidal: 'suicidal', suicidle: 'suicidal', myslef: 'myself', mysefl: 'myself',
    mysel: 'myself', mysef: 'myself', myselfe: 'myself', myslf: 'myself', meself: 'myself', kil: 'kill', kll: 'kill',
    kiling: 'killing', killin: 'killing', pils: 'pills', pilz: 'pills', overdos: 'overdose', ded: 'dead', h8: 'hate',
    wanna: 'want to', wana: 'want to', wanto: 'want to', gonna: 'going to', gona: 'going to', finna: 'going to',
    ima: 'im going to', imma: 'im going to', tryna: 'trying to', gotta: 'got to', cuz: 'because', coz: 'because',
    bc: 'because', u: 'you', ur: 'your', w: 'with', pls: 'please', plz: 'please', rn: 'right now', tmrw: 'tomorrow',
    tmr: 'tomorrow', tonite: 'tonight', tn: 'tonight', idk: 'i dont know', idc: 'i dont care', dnt: 'dont',
    cnt: 'cant', noone: 'no one', ppl: 'people', hopless: 'hopeless', burdon: 'burden', depresed: 'depressed',
    deppressed: 'depressed', unalived: 'unalive', iam: 'i am', alot: 'a lot',
    // Spanish
    kiero: 'quiero', qiero: 'quiero', kero: 'quiero', qero: 'quiero', kiere: 'quiere', kieres: 'quieres', q: 'que',
    ke: 'que', xq: 'porque', pq: 'porque', porq: 'porque', xk: 'porque', pk: 'porque', tb: 'tambien',
    tmb: 'tambien', tbn: 'tambien', nd: 'nada', nadien: 'nadie', aki: 'aqui', suisidarme: 'suicidarme',
    sucidarme: 'suicidarme', suicidarm: 'suicidarme', suisidar: 'suicidar', sucidar: 'suicidar', suisidio: 'suicidio',
    sucidio: 'suicidio', suicido: 'suicidio', matarm: 'matarme', morirm: 'morirme', bida: 'vida', xfa: 'por favor',
  }));
  const bigrams = new Map<string, string>(Object.entries({
    'my self': 'myself', 'your self': 'yourself', 'her self': 'herself', 'him self': 'himself',
    'them selves': 'themselves', 'sewer slide': 'suicide', 'un alive': 'unalive', 'i m': 'im', 'self harm': 'self harm',
    'sui cide': 'suicide', 'suic ide': 'suicide', 'w o': 'without',
  }));
  const bigramFirst = new Set([...bigrams.keys()].map((k) => k.split(' ')[0]));
  const fixShapes = new Uint32Array(128);
  for (const w of [...typos.keys(), ...bigramFirst]) {
    const c = w.charCodeAt(0);
    if (c >= 128 || w.length >= 32) throw new Error(`typos/bigrams word out of range: ${w}`);
    fixShapes[c] |= 1 << w.length;
  }
  return {
    leet: new Map<string, string>(Object.entries({
      '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '9': 'g', $: 's', '@': 'a', '€': 'e', '|': 'l', '!': 'i',
    })),
    leetChars: /[0134579$@€|!]/,
    numberWithUnit:
      /^\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|am|pm|m|km|kms|mi|mg|g|kg|ml|l|cm|mm|h|hr|hrs|min|mins|s|sec|secs|x|k|lb|lbs|ft|yo|yr|yrs|y|mts|mt|hs|d|kcal|cal|cals|p|a|o|%)?$/,
    lWords: new Set([
      'self', 'myself', 'kill', 'killing', 'killed', 'life', 'alive', 'unalive', 'pill', 'pills', 'lethal', 'bleed',
      'bleeding', 'slit', 'all', 'help', 'hell', 'live', 'living', 'leave', 'plan', 'sleep', 'lol', 'feel', 'felt',
      'lost', 'alone', 'hurtful', 'pastillas', 'letal', 'lastimarme', 'killer',
    ]),
    doubleWords: new Set([
      'sleep', 'killed', 'all', 'will', 'better', 'off', 'feel', 'feeling', 'need', 'needed', 'bleed',
      'bleeding', 'till', 'still', 'free', 'too', 'see', 'been', 'goodbye', 'good', 'tomorrow', 'sorry', 'ill',
      'hell', 'tell', 'wall', 'walls', 'fall', 'full', 'call', 'yall', 'really', 'swallowed', 'bottle',
      'kidding', 'hopeless', 'worthless', 'useless', 'pointless', 'endless', 'helpless', 'miss', 'mess', 'less', 'stress',
      'soon', 'door', 'floor', 'llorar', 'lloro', 'pastillas', 'pastilla', 'cuchillo', 'ella', 'ellos', 'ellas', 'calle',
      'carro', 'perro', 'arrojarme', 'atropelle', 'horrible', 'terrible', 'cerrar', 'lleno', 'llena', 'llevo', 'creer',
      'leer', 'aggressive', 'attempted', 'suffer', 'suffering', 'happy', 'sadness',
    ]),
    typos,
    bigrams,
    bigramFirst,
    fixShapes,
    segmentWords: segmentTables(
      'i me my myself want to kill killing die dead death end it all life self harm hurt hurting cut cutting ' +
        'suicide suicidal am im going gonna wanna wish were was not wake up kms unalive just need ready tonight ' +
        'today now do and the a of be better off without you is never no more anymore overdose pills jump',
      'yo quiero quieres me mi morir morirme matar matarme suicidarme suicidar vida voy a no vivir despertar ' +
        'acabar con todo cortarme hacerme dano quitarme la el ya esta noche hoy desaparecer ganas de que se mato muero',
    ),
    selfCompounds: new Set([
      'harm', 'harming', 'harmed', 'hurt', 'hurting', 'injury', 'injuring', 'destruction', 'destructive', 'loathing',
      'hatred', 'hate', 'esteem', 'worth', 'care', 'doubt',
    ]),
    dottedLetters: /^(?:[a-z0-9$@][.\-_*·|/]){2,}[a-z0-9$@][.]?$/,
    edgePunctuation: /^[^a-z0-9$@|€]+|[^a-z0-9]+$/g,
  };
}

function mayFix(fixShapes: Uint32Array, t: string): boolean {
  const c = t.charCodeAt(0);
  return c < 128 && t.length < 32 && ((fixShapes[c] >>> t.length) & 1) === 1;
}

const MAX_SEGMENT_WORD = 12;

function segmentTables(en: string, es: string): WordTables['segmentWords'] {
  const words = (list: string): Set<string> => new Set(list.split(' '));
  return { en: words(en), es: words(es), both: new Set([...words(en), ...words(es)]) };
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens (pass 1, folding characters, is ./foldCharacters)

function isBoundary(tok: Token): boolean {
  return tok.t === '.' || tok.t === ',';
}

function pushBoundary(out: Token[], b: string, origin: number): void {
  const last = out[out.length - 1];
  if (last === undefined) return;
  if (isBoundary(last)) {
    if (b === '.') last.t = '.';
    return;
  }
  out.push(copied(b, origin));
}


/** Decode leetspeak inside one chunk ("k1ll", "mys3lf", "$uicide") unless it is a number with a unit. */
function decodeLeet(chars: string[]): boolean {
  const { edgePunctuation, leetChars, numberWithUnit, leet, lWords } = wordTables();
  const word = chars.join('');
  const core = word.replace(edgePunctuation, '');
  if (!/[a-z]/.test(core) || !leetChars.test(core) || numberWithUnit.test(core)) return false;
  const decoded = chars.slice();
  let changed = false;
  for (let i = 0; i < chars.length; i += 1) {
    const c = chars[i];
    const mapped = leet.get(c);
    if (mapped === undefined) continue;
    const prev = chars[i - 1] ?? '';
    const next = chars[i + 1] ?? '';
    const prevWordy = /^[a-z0-9]$/.test(prev) || (leet.has(prev) && prev !== '!');
    const nextWordy = /^[a-z0-9]$/.test(next) || (leet.has(next) && next !== '!');
    // "!" and "|" only count as letters between two letters ("d!e"); "help!" keeps its exclamation mark.
    if ((c === '!' || c === '|') && !(prevWordy && nextWordy)) continue;
    if (!prevWordy && !nextWordy) continue;
    decoded[i] = mapped;
    changed = true;
  }
  if (!changed) return false;
  // "1" reads as i ("k1ll") unless reading it as l makes a word we care about ("se1f"), word by word: "k1ll-se1f"
  // is "kill-self".
  if (chars.includes('1')) {
    const text = decoded.join('');
    for (const m of text.matchAll(/[a-z]+/g)) {
      const from = m.index;
      const to = from + m[0].length;
      if (!chars.slice(from, to).includes('1')) continue;
      const asL = m[0].split('').map((c, k) => (chars[from + k] === '1' ? 'l' : c)).join('');
      if (lWords.has(asL) && !lWords.has(m[0])) for (let i = from; i < to; i += 1) decoded[i] = asL[i - from];
    }
  }
  for (let i = 0; i < chars.length; i += 1) chars[i] = decoded[i];
  return true;
}

/** Pass 2: split one space-delimited chunk [a, b) into word, number and boundary tokens. */
function originsOf(f: Folded, a: number, b: number): number[] {
  if (f.s !== null) return f.s.slice(a, b);
  const s = new Array<number>(b - a);
  for (let i = a; i < b; i += 1) s[i - a] = i;
  return s;
}

function splitChunk(f: Folded, a: number, b: number, out: Token[], flags: { obfuscated: boolean }): void {
  let chars = f.chars.slice(a, b).replace(/'/g, '\u0000').split('');
  let s = originsOf(f, a, b);
  // Apostrophes join ("don't" → "dont", "I'm" → "im").
  if (chars.includes('\u0000')) {
    s = s.filter((_, i) => chars[i] !== '\u0000');
    chars = chars.filter((c) => c !== '\u0000');
  }
  // "k.i.l.l", "s-u-i-c-i-d-e": single letters joined by a separator inside one chunk.
  if (chars.length >= 5 && wordTables().dottedLetters.test(chars.join('')) && /[a-z]/.test(chars.join(''))) {
    chars = chars.filter((_, i) => i % 2 === 0);
    s = s.filter((_, i) => i % 2 === 0);
    flags.obfuscated = true;
  }
  if (decodeLeet(chars)) flags.obfuscated = true;
  // Split on what is left; keep separators between digits ("7/10", "2.5", "16:8").
  let cur = '';
  let cs: number[] = [];
  for (let i = 0; i < chars.length; i += 1) {
    const c = chars[i];
    const code = c.charCodeAt(0);
    if (isAlnumCode(code)) {
      cur += c;
      cs.push(s[i]);
      continue;
    }
    const between = isDigitCode((chars[i - 1] ?? '').charCodeAt(0)) && isDigitCode((chars[i + 1] ?? '').charCodeAt(0));
    if (between && (c === '.' || c === ',' || c === '/' || c === ':')) {
      cur += c;
      cs.push(s[i]);
      continue;
    }
    if (c === '*' && isLetterCode((chars[i - 1] ?? '').charCodeAt(0)) && isLetterCode((chars[i + 1] ?? '').charCodeAt(0))) {
      // "s*icide", "k*ll": a censored letter; drop the star and let the misspelling table finish the word.
      flags.obfuscated = true;
      continue;
    }
    if (cur !== '') out.push(tracked(cur, cs));
    cur = '';
    cs = [];
    if (c === '.' || c === '!') pushBoundary(out, '.', s[i]);
    else if (c === ',' || (c === '-' && chars.length === 1)) pushBoundary(out, ',', s[i]);
  }
  if (cur !== '') out.push(tracked(cur, cs));
}

/**
 * The common mixed chunks — a word with apostrophes ("don't") or followed by sentence punctuation ("worry.", "help!")
 * — split as {@link splitChunk} splits them, without its per-character arrays: letters only or digits only, with
 * apostrophes among them, then only `.`, `,` or `!`. Returns false (nothing pushed) for anything else.
 */
function splitSimpleChunk(f: Folded, a: number, b: number, out: Token[]): boolean {
  if (f.s !== null) return false;
  const { chars } = f;
  let letters = 0;
  let digits = 0;
  let apostrophes = 0;
  let end = a;
  for (; end < b; end += 1) {
    const c = chars.charCodeAt(end);
    if (isLetterCode(c)) letters += 1;
    else if (isDigitCode(c)) digits += 1;
    else if (c === 39) apostrophes += 1;
    else break;
  }
  if (letters > 0 && digits > 0) return false;
  for (let i = end; i < b; i += 1) {
    const c = chars.charCodeAt(i);
    if (c !== 46 && c !== 44 && c !== 33) return false;
  }
  if (letters + digits > 0) {
    if (apostrophes === 0) out.push(copied(chars.slice(a, end), a));
    else {
      let t = '';
      const s: number[] = [];
      for (let i = a; i < end; i += 1) {
        if (chars.charCodeAt(i) === 39) continue;
        t += chars[i];
        s.push(i);
      }
      out.push(tracked(t, s));
    }
  }
  for (let i = end; i < b; i += 1) pushBoundary(out, chars.charCodeAt(i) === 44 ? ',' : '.', i);
  return true;
}

/** Passes 1–2: fold and cut into tokens. */
function tokenise(f: Folded, flags: { obfuscated: boolean }): Token[] {
  const out: Token[] = [];
  const { chars } = f;
  let start = 0;
  for (let i = 0; i <= chars.length; i += 1) {
    if (i < chars.length && chars.charCodeAt(i) !== 32) continue;
    if (i > start) {
      // Plain words and plain numbers need no further work; anything mixed goes through splitChunk.
      let letters = 0;
      let digits = 0;
      for (let k = start; k < i; k += 1) {
        const c = chars.charCodeAt(k);
        if (isLetterCode(c)) letters += 1;
        else if (isDigitCode(c)) digits += 1;
      }
      const plain = letters + digits === i - start && (letters === 0 || digits === 0);
      if (plain) out.push(f.s === null ? copied(chars.slice(start, i), start) : tracked(chars.slice(start, i), f.s.slice(start, i)));
      else if (!splitSimpleChunk(f, start, i, out)) splitChunk(f, start, i, out, flags);
    }
    start = i + 1;
  }
  return out;
}

/** Pass 3: join runs of three or more single letters ("k i l l m y s e l f") and split them into words. */
function joinSpacedLetters(tokens: Token[], flags: { obfuscated: boolean }): Token[] {
  let single = 0;
  let found = false;
  for (const tok of tokens) {
    single = tok.t.length === 1 && isLetterCode(tok.t.charCodeAt(0)) ? single + 1 : 0;
    if (single >= 3) found = true;
  }
  if (!found) return tokens;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; ) {
    let j = i;
    while (j < tokens.length && tokens[j].t.length === 1 && isLetterCode(tokens[j].t.charCodeAt(0))) j += 1;
    if (j - i >= 3) {
      const run = tokens.slice(i, j);
      const blob = run.map((t) => t.t).join('');
      const s = run.map((t) => originOf(t, 0));
      flags.obfuscated = true;
      const words = segment(blob);
      if (words === null) out.push(tracked(blob, s));
      else {
        let k = 0;
        for (const w of words) {
          out.push(tracked(w, s.slice(k, k + w.length)));
          k += w.length;
        }
      }
      i = j;
    } else {
      const end = Math.max(j, i + 1);
      for (; i < end; i += 1) out.push(tokens[i]);
    }
  }
  return out;
}

/**
 * Split a run of letters into the fewest known words of one language, or of both when neither covers it alone
 * ("mequieromatarlol" is not split at all); null when it cannot be covered.
 */
function segment(blob: string): string[] | null {
  if (blob.length > 80) return null;
  const { en, es, both } = wordTables().segmentWords;
  const inEnglish = segmentWith(blob, en);
  const inSpanish = segmentWith(blob, es);
  if (inEnglish === null || inSpanish === null) return inEnglish ?? inSpanish ?? segmentWith(blob, both);
  return inSpanish.length < inEnglish.length ? inSpanish : inEnglish;
}

function segmentWith(blob: string, segmentWords: Set<string>): string[] | null {
  const best: (string[] | null)[] = new Array<string[] | null>(blob.length + 1).fill(null);
  best[0] = [];
  for (let end = 1; end <= blob.length; end += 1) {
    for (let start = Math.max(0, end - MAX_SEGMENT_WORD); start < end; start += 1) {
      const prev = best[start];
      if (prev === null) continue;
      const w = blob.slice(start, end);
      if (!segmentWords.has(w)) continue;
      const current = best[end];
      if (current === null || prev.length + 1 < current.length) best[end] = [...prev, w];
    }
  }
  return best[blob.length];
}

/** Pass 4: collapse runs of three or more identical letters, to two or (unless a known double-letter word) one. */
function collapseToken(tok: Token, mode: 'two' | 'one'): Token {
  if (!/([a-z])\1\1/.test(tok.t)) return tok;
  const two = collapseRuns(tok, 2);
  if (mode === 'two' || wordTables().doubleWords.has(two.t)) return two;
  return collapseRuns(tok, 1);
}

function collapseRuns(tok: Token, limit: number): Token {
  let t = '';
  const s: number[] = [];
  for (let i = 0; i < tok.t.length; ) {
    let j = i;
    while (j < tok.t.length && tok.t[j] === tok.t[i]) j += 1;
    const keep = j - i >= 3 && isLetterCode(tok.t.charCodeAt(i)) ? limit : j - i;
    for (let k = 0; k < keep; k += 1) {
      t += tok.t[i];
      // The last kept letter stands for the rest of the run, so evidence covers all of it.
      s.push(originOf(tok, k === keep - 1 ? j - 1 : i + k));
    }
    i = j;
  }
  return tracked(t, s);
}

/** Pass 5: misspellings, shorthand and split words. */
function fixWords(tokens: Token[]): Token[] {
  const { fixShapes, bigramFirst, bigrams, typos } = wordTables();
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const tok = tokens[i];
    const next = tokens[i + 1];
    if (!mayFix(fixShapes, tok.t)) {
      out.push(tok);
      continue;
    }
    if (next !== undefined && bigramFirst.has(tok.t)) {
      const pair = bigrams.get(`${tok.t} ${next.t}`);
      // "my self harm", "her self-esteem": "self" opens a compound noun, so "my" stays a possessive.
      if (pair !== undefined && !(next.t === 'self' && wordTables().selfCompounds.has(tokens[i + 2]?.t ?? ''))) {
        pushWords(out, pair, originOf(tok, 0), originOf(next, next.t.length - 1));
        i += 1;
        continue;
      }
    }
    const typo = typos.get(tok.t);
    if (typo !== undefined && typo !== tok.t) pushWords(out, typo, originOf(tok, 0), originOf(tok, tok.t.length - 1));
    else out.push(tok);
  }
  return out;
}

/** Push replacement words that all map back to the source span [first, last]. */
function pushWords(out: Token[], words: string, first: number, last: number): void {
  for (const w of words.split(' ')) {
    const s = new Array<number>(w.length).fill(first);
    s[w.length - 1] = last;
    out.push(tracked(w, s));
  }
}

function assemble(original: string, tokens: Token[], obfuscated: boolean): NormalisedText {
  const tokenStarts: number[] = [];
  const words: string[] = [];
  const origins: (number[] | number)[] = [];
  let pos = 0;
  let afterBoundary = true;
  for (let k = 0; k < tokens.length; k += 1) {
    const tok = tokens[k];
    const boundary = isBoundary(tok);
    // Drop a leading boundary and adjacent ones.
    if (boundary && afterBoundary) continue;
    afterBoundary = boundary;
    tokenStarts.push(pos);
    words.push(tok.t);
    origins.push(tok.s ?? tok.o);
    pos += tok.t.length + 1;
  }
  return { original, text: words.join(' '), obfuscated, tokenStarts, origins };
}

/**
 * Normalise a message. Returns one variant, or two when the message stretches letters ("diiiie"): runs collapsed
 * to two letters, and runs collapsed to one (except known double-letter words).
 */
export function normaliseVariants(text: string): NormalisedText[] {
  const folded = fold(text);
  const flags = { obfuscated: folded.obfuscated };
  const tokens = joinSpacedLetters(tokenise(folded, flags), flags);
  if (!folded.stretched) return [assemble(text, fixWords(tokens), flags.obfuscated)];
  const two = fixWords(tokens.map((t) => collapseToken(t, 'two')));
  const one = fixWords(tokens.map((t) => collapseToken(t, 'one')));
  return [assemble(text, two, true), assemble(text, one, true)];
}

/** Normalise a message to its plain form (the first variant of {@link normaliseVariants}). */
export function normalise(text: string): NormalisedText {
  return normaliseVariants(text)[0];
}

/** Index of the token containing normalised position `pos` (a space belongs to the token after it). */
function tokenAt(n: NormalisedText, pos: number): number {
  let lo = 0;
  let hi = n.tokenStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (n.tokenStarts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function originAt(n: NormalisedText, pos: number, side: 'start' | 'end'): number {
  let k = tokenAt(n, pos);
  let offset = pos - n.tokenStarts[k];
  const length = (k + 1 < n.tokenStarts.length ? n.tokenStarts[k + 1] - 1 : n.text.length) - n.tokenStarts[k];
  if (offset >= length) {
    // A space between tokens: snap to the neighbouring token.
    if (side === 'start' && k + 1 < n.origins.length) {
      k += 1;
      offset = 0;
    } else offset = length - 1;
  }
  const origin = n.origins[k];
  const at = typeof origin === 'number' ? origin + Math.max(0, offset) : origin[Math.max(0, offset)];
  if (side === 'start') return at;
  const cp = n.original.codePointAt(at) ?? 0;
  return at + (cp > 0xffff ? 2 : 1);
}

/** The part of the original message behind normalised characters [start, end). */
export function originalSpan(n: NormalisedText, start: number, end: number): string {
  if (end <= start || start >= n.text.length) return '';
  const from = originAt(n, start, 'start');
  const to = originAt(n, Math.min(end, n.text.length) - 1, 'end');
  return n.original.slice(from, Math.max(from, to));
}
