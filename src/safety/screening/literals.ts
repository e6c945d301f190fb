/**
 * Reading a regular expression's source at load time to find literal strings one of which every match must contain
 * ("kill myself" needs "myself"; the lethal-dose question needs "how many"/"how much"/"lethal dose"…). The matcher
 * gates each pattern on them: on one such set, or two when the pattern requires two distinctive ones. The analysis
 * is conservative: anything it cannot prove (classes, optional parts, lookarounds) gives no anchor, and a pattern
 * without anchors always runs.
 */

export type LiteralSet = Set<string> | null;
interface Node {
  /** Every match contains one of these strings (null: no guarantee). */
  req: LiteralSet;
  /** The node matches exactly one of these strings and nothing else (null: not a finite literal set). */
  exact: Set<string> | null;
}
/** Words so common that, as an anchor, they would gate nothing. */
const COMMON = new Set(('the a an to i it my me is of in on off from under want end again and or you your he she they we ' +
  'be at for with so but not no do this that just up out all get go have has was were are im dont can like how ' +
  'de la el que en y a los las se del un una por con es mi lo le su para al ya muy pero mas yo te').split(' '));
const MAX_EXACT = 120;

/** Expected cost of gating on this set: short strings and common words occur often. */
function cost(set: Set<string>): number {
  let total = 0;
  for (const s of set) {
    const core = s.trim();
    if (core.length === 0) return Infinity;
    const words = core.split(' ');
    const allCommon = words.every((w) => COMMON.has(w));
    // A common word alone matches everywhere; a phrase of common words ("end it") is already rare.
    const common = allCommon ? (words.length === 1 ? 50 : 8) : 0;
    total += common + 256 / core.length ** 2 + 1;
  }
  return total;
}
function better(a: LiteralSet, b: LiteralSet): LiteralSet {
  if (a === null) return b;
  if (b === null) return a;
  return cost(a) <= cost(b) ? a : b;
}
function productOf(sets: Set<string>[]): Set<string> | null {
  let acc: Set<string> | null = new Set(['']);
  for (const set of sets) {
    if (acc === null) return null;
    acc = product(acc, set);
  }
  return acc;
}

function product(a: Set<string>, b: Set<string>): Set<string> | null {
  if (a.size * b.size > MAX_EXACT) return null;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

/**
 * Literal strings one of which every match of the pattern contains, or null when no guarantee can be derived.
 * Exported for the tests, which check it against the development set.
 */
export function requiredLiterals(source: string): LiteralSet {
  return analyse(source).best;
}

/** More sets than this add automaton states and outputs for little further gating. */
const MAX_SETS = 2;

/**
 * The literal sets to gate the pattern on: every match contains one string of each. The first is
 * {@link requiredLiterals}; a second, distinctive set the pattern's top level also requires is added when there is one
 * ("(he|she) (hits|beats) (us|me and my …)" needs an object and a verb): gating on both runs far fewer patterns than
 * gating on the cheapest alone, whose short strings ("us") occur in most messages. Empty when nothing is required.
 */
export function requiredLiteralSets(source: string): Set<string>[] {
  const { best, all } = analyse(source);
  if (best === null) return [];
  const key = (set: Set<string>): string => [...set].sort().join('\u0000');
  const others = new Map<string, Set<string>>();
  for (const set of all) if (distinctive(set)) others.set(key(set), set);
  others.delete(key(best));
  return [best, ...[...others.values()].sort((a, b) => cost(a) - cost(b)).slice(0, MAX_SETS - 1)];
}

/** A set worth gating on besides the cheapest: no string in it is a short fragment or a lone common word. */
function distinctive(set: Set<string>): boolean {
  for (const s of set) {
    const core = s.trim();
    if (core.length < 3 || COMMON.has(core)) return false;
  }
  return true;
}

function analyse(source: string): { best: LiteralSet; all: Set<string>[] } {
  let i = 0;
  let depth = 0;
  /** The candidates of the top-level sequence (a top-level alternation has only its union). */
  const all: Set<string>[] = [];
  function parseAlternation(): Node {
    depth += 1;
    const alts: Node[] = [parseSequence()];
    while (source[i] === '|') {
      i += 1;
      alts.push(parseSequence());
    }
    depth -= 1;
    let req: LiteralSet = new Set<string>();
    let exact: Set<string> | null = new Set<string>();
    for (const a of alts) {
      if (a.req === null || req === null) req = null;
      else for (const s of a.req) req.add(s);
      if (a.exact === null || exact === null) exact = null;
      else for (const s of a.exact) exact.add(s);
    }
    if (exact !== null && exact.size > MAX_EXACT) exact = null;
    return { req, exact };
  }
  function parseQuantifier(): number | null {
    const c = source[i];
    if (c === '?' || c === '*' || c === '+') {
      i += 1;
      if (source[i] === '?') i += 1;
      return c === '+' ? 1 : 0;
    }
    if (c === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(source.slice(i));
      if (m) {
        i += m[0].length;
        if (source[i] === '?') i += 1;
        return Number(m[1]);
      }
    }
    return null;
  }
  function parseSequence(): Node {
    let best: LiteralSet = null;
    // The current run of contiguous exact atoms; their product is a candidate while it stays small.
    let atoms: Set<string>[] = [];
    let whole = true;
    const top = depth === 1;
    const candidate = (set: Set<string>): void => {
      if (top) all.push(set);
      best = better(best, set);
    };
    const consider = (set: Set<string> | null): void => {
      if (set !== null && !(set.size === 1 && set.has(''))) candidate(set);
    };
    const close = (): void => {
      consider(productOf(atoms));
      atoms = [];
    };
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      const c = source[i];
      let atom: Node = { req: null, exact: null };
      let zeroWidth = false;
      if (c === '(') {
        i += 1;
        let look = false;
        if (source.startsWith('?:', i)) i += 2;
        else if (source.startsWith('?=', i) || source.startsWith('?!', i)) { i += 2; look = true; }
        else if (source.startsWith('?<=', i) || source.startsWith('?<!', i)) { i += 3; look = true; }
        else if (source.startsWith('?<', i)) i = source.indexOf('>', i) + 1;
        const inner = parseAlternation();
        if (source[i] !== ')') throw new Error(`Unbalanced group at ${i} in /${source}/`);
        i += 1;
        if (look) zeroWidth = true;
        else atom = inner;
      } else if (c === '[') {
        let j = i + 1;
        if (source[j] === '^') j += 1;
        if (source[j] === ']') j += 1;
        while (source[j] !== ']') { if (source[j] === '\\') j += 1; j += 1; }
        i = j + 1;
      } else if (c === '\\') {
        const e = source[i + 1];
        i += 2;
        if (e === 'b' || e === 'B') zeroWidth = true;
        else if ('wWdDsS'.includes(e) || /[1-9]/.test(e)) { /* one unknown character */ }
        else if (e === 'p' || e === 'P') i = source.indexOf('}', i) + 1;
        else if (e === 'u') { atom = lit(String.fromCharCode(parseInt(source.slice(i, i + 4), 16))); i += 4; }
        else if (e === 'x') { atom = lit(String.fromCharCode(parseInt(source.slice(i, i + 2), 16))); i += 2; }
        else if (e === 'n') atom = lit('\n');
        else if (e === 't') atom = lit('\t');
        else atom = lit(e);
      } else if (c === '^' || c === '$') {
        i += 1;
        zeroWidth = true;
      } else if (c === '.') {
        i += 1;
      } else {
        i += 1;
        atom = lit(c);
      }
      const min = parseQuantifier();
      if (zeroWidth) continue; // \b, ^, $ and lookarounds consume nothing: contiguity is kept.
      if (min === null && atom.exact !== null) {
        atoms.push(atom.exact);
        if (productOf(atoms) === null) {
          // Too many combinations: keep the run so far as a candidate, then drop atoms from the left until the
          // product fits again ("(to|will|…) (end|ending) (it|things)" keeps "end it", "ending things", …).
          whole = false;
          consider(productOf(atoms.slice(0, -1)));
          while (atoms.length > 1 && productOf(atoms) === null) atoms.shift();
        }
        continue;
      }
      whole = false;
      close();
      if (min === 0) continue;
      const required = atom.exact ?? atom.req;
      if (required !== null) candidate(required);
    }
    const exact = whole ? productOf(atoms) : null;
    close();
    return { req: best, exact };
  }
  const out = parseAlternation();
  if (i !== source.length) throw new Error(`Could not read /${source}/ at ${i}`);
  // With top-level alternatives, only their union is required.
  return { best: out.req, all: splitAlternatives(source).length === 1 ? all : [] };
}
function lit(c: string): Node {
  return { req: new Set([c]), exact: new Set([c]) };
}

/** The top-level alternatives of a pattern ("a|b(c|d)" → "a", "b(c|d)"), each gated and run on its own. */
export function splitAlternatives(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i];
    if (c === '\\') i += 1;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (c === '|' && depth === 0) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(source.slice(start));
  return parts;
}
