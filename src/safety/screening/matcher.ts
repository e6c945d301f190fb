/**
 * The matching engine: which patterns can possibly match a message.
 *
 * Running every rule's regex on every message is what makes a screener slow. At load time each pattern's anchors
 * (literal strings one of which every match contains, see ./literals) go into one index; at screening time a single
 * pass over the message finds which of those strings occur, and only patterns whose anchors occur are run. A pattern
 * may require two sets ("us" and "hits|beats|…"): it runs only when both occur, since a short anchor alone is in
 * most messages.
 *
 * Three kinds of pattern share the index, numbered in one mark array: rules (0 … rules - 1), gates (the alternatives
 * of context patterns such as cues and a rule's `requires`/`unless`), then idioms.
 */
import { requiredLiteralSets, splitAlternatives } from './literals';

/** The literal sets a pattern requires: every match contains one string of each. Empty: no guarantee (always run). */
export type Requirements = readonly (ReadonlySet<string>)[];

/**
 * Context patterns (cues, a rule's `requires`/`unless`) are tested on whole messages and clauses, where running a long
 * alternation at every position is what costs. Each is split into its top-level alternatives like the rules, and each
 * alternative's anchors go into the same anchor index: an alternative whose anchors do not occur anywhere in the
 * (masked) message cannot match it, nor any clause or run of words cut from it, and is skipped.
 */
export interface GatedAlternative {
  re: RegExp;
  /** Index into the gates; the gate's mark is marks[gateBase + gate]. */
  gate: number;
}
export type Gated = readonly GatedAlternative[];

/**
 * Anchor index: a trie over every anchor of every rule (and of the idioms), stored flat in a typed array over the
 * normalised alphabet, so one pass over the message finds every anchor that occurs at any position.
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789 .,~';
const LETTER_INDEX = new Int8Array(128).fill(-1);
for (let k = 0; k < ALPHABET.length; k += 1) LETTER_INDEX[ALPHABET.charCodeAt(k)] = k;
const WIDTH = ALPHABET.length;

/**
 * The index holds only each anchor's first characters, and the rest of a longer anchor is checked in place when its
 * prefix is found: the full anchors made a 12 MB table that missed the processor's caches at every step; cut short,
 * it is a few hundred kilobytes and gates exactly as before. It is an Aho–Corasick automaton, so one step per
 * character finds every prefix ending there, instead of a walk from every position.
 */
const ANCHOR_PREFIX = 8;

interface AnchorTrie {
  /** next[state * WIDTH + letter] = the state after reading the letter (state 0 is the start). */
  next: Uint16Array | Int32Array;
  /**
   * The anchor prefixes ending at a state (its own and those of its suffixes) are entries outStart[s] …
   * outStart[s + 1] - 1 of `endings` (requirement numbers) and `rests` (what must follow the prefix for the whole
   * anchor to occur; "" when the prefix is the anchor).
   */
  outStart: Int32Array;
  endings: Int32Array;
  rests: string[];
  /** The pattern (index into marks) each requirement belongs to. */
  owner: Int32Array;
  /** How many requirements each pattern has; a pattern is a candidate once all of them are found. */
  needed: Int32Array;
  /** Patterns with no usable anchor: they always run. */
  alwaysRun: number[];
}

function buildAnchorTrie(requirementsById: readonly Requirements[]): AnchorTrie {
  const children: number[][] = [[]];
  const own: { rule: number; rest: string }[][] = [[]];
  const alwaysRun: number[] = [];
  const owner: number[] = [];
  const needed = new Int32Array(requirementsById.length);
  const insertable = (anchor: string): boolean => /^[a-z0-9 .,~]+$/.test(anchor);
  const insert = (anchor: string, rule: number): void => {
    let node = 0;
    for (let k = 0; k < Math.min(anchor.length, ANCHOR_PREFIX); k += 1) {
      const letter = LETTER_INDEX[anchor.charCodeAt(k)];
      let child = children[node][letter];
      if (child === undefined) {
        child = children.length;
        children.push([]);
        own.push([]);
        children[node][letter] = child;
      }
      node = child;
    }
    // A longer anchor behind a short one of the same requirement (27 of the lexicon's 17,000 anchors) is one more
    // ending, skipped at once when the short one has already found the requirement.
    own[node].push({ rule, rest: anchor.slice(ANCHOR_PREFIX) });
  };
  requirementsById.forEach((requirements, id) => {
    for (const anchors of requirements) {
      // An empty anchor, or one with a character outside the normalised alphabet, could never be found: that set
      // gates nothing.
      if (![...anchors].every(insertable)) continue;
      const requirement = owner.length;
      owner.push(id);
      needed[id] += 1;
      for (const a of anchors) insert(a, requirement);
    }
    if (needed[id] === 0) alwaysRun.push(id);
  });

  // Breadth first: each state's failure link is the longest proper suffix that is also a state.
  const states = children.length;
  const next = new Int32Array(states * WIDTH);
  const fail = new Int32Array(states);
  const outputs: { rule: number; rest: string }[][] = new Array(states);
  outputs[0] = own[0];
  const queue: number[] = [];
  for (let letter = 0; letter < WIDTH; letter += 1) {
    const child = children[0][letter];
    if (child === undefined) continue;
    next[letter] = child;
    queue.push(child);
  }
  for (let q = 0; q < queue.length; q += 1) {
    const state = queue[q];
    outputs[state] = [...own[state], ...outputs[fail[state]]];
    for (let letter = 0; letter < WIDTH; letter += 1) {
      const child = children[state][letter];
      const fallback = next[fail[state] * WIDTH + letter];
      if (child === undefined) {
        next[state * WIDTH + letter] = fallback;
      } else {
        next[state * WIDTH + letter] = child;
        fail[child] = fallback;
        queue.push(child);
      }
    }
  }
  const outStart = new Int32Array(states + 1);
  for (let n = 0; n < states; n += 1) outStart[n + 1] = outStart[n] + outputs[n].length;
  const all = outputs.flat();
  return {
    next: states <= 0xffff ? Uint16Array.from(next) : next,
    outStart,
    endings: Int32Array.from(all, (e) => e.rule),
    rests: all.map((e) => e.rest),
    owner: Int32Array.from(owner),
    needed,
    alwaysRun,
  };
}

/** Usually a handful of rule numbers, where Array#sort's comparator calls cost more than insertion sort. */
function sortNumbers(list: number[]): void {
  if (list.length > 32) {
    list.sort((a, b) => a - b);
    return;
  }
  for (let i = 1; i < list.length; i += 1) {
    const v = list[i];
    let j = i - 1;
    for (; j >= 0 && list[j] > v; j -= 1) list[j + 1] = list[j];
    list[j + 1] = v;
  }
}

/**
 * Registers gates while a lexicon compiles ({@link GateRegistry.gated}), then becomes a matcher once the rules and
 * idioms are known ({@link GateRegistry.build}).
 */
export class GateRegistry {
  readonly anchors: Requirements[] = [];

  /** Any of the patterns, gated. Patterns with flags or back-references are kept whole and always run, as written. */
  gated(patterns: readonly RegExp[]): Gated {
    const alternative = (re: RegExp, anchors: Requirements): GatedAlternative => {
      this.anchors.push(anchors);
      return { re, gate: this.anchors.length - 1 };
    };
    return patterns.flatMap((pattern) => {
      if (pattern.flags !== '' || /\\(?:[1-9]|k<)/.test(pattern.source)) return [alternative(pattern, [])];
      return splitAlternatives(pattern.source).map((part) => alternative(new RegExp(part), requiredLiteralSets(part)));
    });
  }

  build(ruleAnchors: readonly Requirements[], idiomAnchors: readonly Requirements[]): AnchorMatcher {
    return new AnchorMatcher(ruleAnchors, this.anchors, idiomAnchors);
  }
}

/** One pass over a message marks every rule, gate and idiom whose anchors occur in it. Synchronous, not reentrant. */
export class AnchorMatcher {
  readonly gateBase: number;
  readonly idiomBase: number;
  /** Patterns to run for the current message are marked with the current generation. */
  readonly marks: Int32Array;
  /** The rules marked in the current generation, in rule order once {@link markCandidates} returns. */
  readonly markedRules: number[] = [];
  private generation = 0;
  private readonly trie: AnchorTrie;
  /** Requirements found in the current generation are marked with it. */
  private readonly found: Int32Array;
  /** How many of a pattern's requirements were found, valid when countedIn[pattern] is the current generation. */
  private readonly counts: Int32Array;
  private readonly countedIn: Int32Array;

  constructor(ruleAnchors: readonly Requirements[], gateAnchors: readonly Requirements[], idiomAnchors: readonly Requirements[]) {
    this.gateBase = ruleAnchors.length;
    this.idiomBase = this.gateBase + gateAnchors.length;
    this.trie = buildAnchorTrie([...ruleAnchors, ...gateAnchors, ...idiomAnchors]);
    const patterns = this.idiomBase + idiomAnchors.length;
    this.marks = new Int32Array(patterns);
    this.found = new Int32Array(this.trie.owner.length);
    this.counts = new Int32Array(patterns);
    this.countedIn = new Int32Array(patterns);
  }

  /** Mark the rules (and idioms and gates) whose anchors occur in the text; returns the generation that marks them. */
  markCandidates(text: string): number {
    this.generation += 1;
    const g = this.generation;
    const { marks, markedRules, gateBase } = this;
    markedRules.length = 0;
    // Each pattern is listed once, and nothing carries this generation's mark yet.
    for (const id of this.trie.alwaysRun) {
      marks[id] = g;
      if (id < gateBase) markedRules.push(id);
    }
    const { next, outStart, endings, rests, owner, needed } = this.trie;
    const { found, counts, countedIn } = this;
    let state = 0;
    for (let k = 0; k < text.length; k += 1) {
      const code = text.charCodeAt(k);
      const letter = code < 128 ? LETTER_INDEX[code] : -1;
      if (letter < 0) {
        // No anchor spans a character outside the normalised alphabet.
        state = 0;
        continue;
      }
      state = next[state * WIDTH + letter];
      for (let e = outStart[state], end = outStart[state + 1]; e < end; e += 1) {
        const requirement = endings[e];
        if (found[requirement] === g) continue;
        const rest = rests[e];
        if (rest !== '' && !text.startsWith(rest, k + 1)) continue;
        found[requirement] = g;
        const id = owner[requirement];
        if (countedIn[id] !== g) {
          countedIn[id] = g;
          counts[id] = 0;
        }
        counts[id] += 1;
        if (counts[id] === needed[id]) {
          marks[id] = g;
          if (id < gateBase) markedRules.push(id);
        }
      }
    }
    sortNumbers(markedRules);
    return g;
  }

  /** Whether rule r is marked in generation g. */
  ruleMarked(r: number, g: number): boolean {
    return this.marks[r] === g;
  }

  /** Whether idiom i is marked in generation g. */
  idiomMarked(i: number, g: number): boolean {
    return this.marks[this.idiomBase + i] === g;
  }

  /**
   * Whether any of the gated patterns matches the text (as `patterns.some((p) => p.test(text))`). The text must be the
   * masked message screened in the current generation, or a stretch of it (a clause, the words before a phrase).
   */
  anyMatch(patterns: Gated, text: string): boolean {
    const { marks, gateBase, generation } = this;
    for (let i = 0; i < patterns.length; i += 1) {
      const { re, gate } = patterns[i];
      if (marks[gateBase + gate] === generation && re.test(text)) return true;
    }
    return false;
  }
}
