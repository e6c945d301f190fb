import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { screenMessage } from '../../../src/safety/screener';
import { CUES, IDIOMS, MATCHER, RULES } from '../../../src/safety/screening/compiledLexicon';
import { AnchorMatcher, GateRegistry, type Gated, type GatedAlternative, type Requirements } from '../../../src/safety/screening/matcher';
import { normaliseVariants } from '../../../src/safety/screening/normalise';

/**
 * The matching engine decides which patterns run on a message: a pattern it fails to mark is a risk phrase the
 * screener never sees. Its contract: a rule is marked exactly when one of its anchors occurs in the text (or when it
 * has no usable anchor, always), and gated context patterns answer as `patterns.some((p) => p.test(text))`.
 */
/** One requirement: any of these words. A pattern with no requirement at all always runs. */
const anchors = (...words: string[]): Requirements => [new Set(words)];
const ALWAYS: Requirements = [];

function marked(matcher: AnchorMatcher, text: string, rules: number): number[] {
  const g = matcher.markCandidates(text);
  const out: number[] = [];
  for (let r = 0; r < rules; r += 1) if (matcher.ruleMarked(r, g)) out.push(r);
  assert.deepEqual([...matcher.markedRules], out, 'markedRules lists the marked rules in rule order');
  return out;
}

function markedIdioms(matcher: AnchorMatcher, g: number, idioms: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < idioms; i += 1) if (matcher.idiomMarked(i, g)) out.push(i);
  return out;
}

describe('screening: the anchor matcher', () => {
  it('marks the rules whose anchors occur anywhere in the message, and only those', () => {
    const rules = [anchors('kill myself'), anchors('die', 'dead'), anchors('pills'), anchors('morir')];
    const matcher = new AnchorMatcher(rules, [], []);
    assert.deepEqual(marked(matcher, 'i want to kill myself', 4), [0]);
    assert.deepEqual(marked(matcher, 'better off dead', 4), [1]);
    assert.deepEqual(marked(matcher, 'the pills , i want to die', 4), [1, 2]);
    assert.deepEqual(marked(matcher, 'quiero morir', 4), [3]);
    assert.deepEqual(marked(matcher, 'see you thursday', 4), []);
    // Each message is marked afresh: nothing carries over from the one before.
    assert.deepEqual(marked(matcher, 'kill', 4), []);
  });

  it('finds an anchor at the very start and the very end of the message', () => {
    const matcher = new AnchorMatcher([anchors('die'), anchors('help')], [], []);
    assert.deepEqual(marked(matcher, 'die', 2), [0]);
    assert.deepEqual(marked(matcher, 'help me i want to die', 2), [0, 1]);
  });

  it('finds anchors that overlap or sit inside one another', () => {
    const rules = [anchors('kill myself'), anchors('myself'), anchors('self harm'), anchors('lf h')];
    const matcher = new AnchorMatcher(rules, [], []);
    assert.deepEqual(marked(matcher, 'kill myself', 4), [0, 1]);
    assert.deepEqual(marked(matcher, 'myself harm', 4), [1, 2, 3]);
    assert.deepEqual(marked(matcher, 'my self', 4), []);
    assert.deepEqual(marked(matcher, 'i self harm', 4), [2, 3]);
    assert.deepEqual(marked(matcher, 'killl myself', 4), [1]);
  });

  it('checks the whole of a long anchor, not only its first letters', () => {
    const matcher = new AnchorMatcher([anchors('suicidarme'), anchors('suicidal thoughts')], [], []);
    assert.deepEqual(marked(matcher, 'suicidarme', 2), [0]);
    assert.deepEqual(marked(matcher, 'suicidar', 2), []);
    assert.deepEqual(marked(matcher, 'suicidarte', 2), []);
    assert.deepEqual(marked(matcher, 'suicidal thought', 2), []);
    assert.deepEqual(marked(matcher, 'suicidal thoughts again', 2), [1]);
    assert.deepEqual(marked(matcher, 'suicidal , suicidal thoughts', 2), [1]);
  });

  it('finds each of several long anchors that begin with the same letters', () => {
    const matcher = new AnchorMatcher([anchors('suicidal thoughts', 'suicidal ideation', 'suicidal'), anchors('sobredosis de pastillas', 'sobredosis de insulina')], [], []);
    assert.deepEqual(marked(matcher, 'suicidal ideation', 2), [0]);
    assert.deepEqual(marked(matcher, 'i feel suicidal', 2), [0]);
    assert.deepEqual(marked(matcher, 'una sobredosis de insulina', 2), [1]);
    assert.deepEqual(marked(matcher, 'sobredosis de pastillas', 2), [1]);
    assert.deepEqual(marked(matcher, 'sobredosis de', 2), []);
  });

  it('a character outside the plain alphabet breaks an anchor', () => {
    const matcher = new AnchorMatcher([anchors('kill'), anchors('ab')], [], []);
    assert.deepEqual(marked(matcher, 'ki-ll', 2), []);
    assert.deepEqual(marked(matcher, 'kiñll', 2), []);
    assert.deepEqual(marked(matcher, 'ñkill', 2), [0]);
    // After any character outside it, from the first one past plain ASCII on, reading starts afresh.
    for (const odd of ['\u0080', '\u007f', 'ñ', '\u{1F62D}', '\n']) assert.deepEqual(marked(matcher, `ab${odd}kill`, 2), [0, 1], JSON.stringify(odd));
    // Nor is it read as some letter of the alphabet.
    for (const text of ['a-', 'añ', 'a\u0080', 'aB']) assert.deepEqual(marked(matcher, text, 2), [], JSON.stringify(text));
  });

  it('always runs a pattern it cannot gate: no anchors, an empty anchor, or one outside the plain alphabet', () => {
    const rules = [anchors('pills'), ALWAYS, anchors('die', ''), anchors('müde'), anchors('Die')];
    const matcher = new AnchorMatcher(rules, [], []);
    assert.deepEqual(marked(matcher, 'see you thursday', 5), [1, 2, 3, 4]);
    assert.deepEqual(marked(matcher, 'pills', 5), [0, 1, 2, 3, 4]);
    assert.deepEqual(marked(matcher, '', 5), [1, 2, 3, 4]);
  });

  it('a context pattern or idiom that always runs is never listed as a rule', () => {
    const registry = new GateRegistry();
    const shouting = registry.gated([/\bHELP\b/i]);
    const matcher = registry.build([anchors('die')], [ALWAYS]);
    const g = matcher.markCandidates('see you');
    assert.deepEqual([...matcher.markedRules], []);
    assert.deepEqual(markedIdioms(matcher, g, 1), [0]);
    assert.equal(matcher.anyMatch(shouting, 'HELP'), true);
  });

  it('lists the marked rules in rule order, however many there are', () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${i}`);
    const matcher = new AnchorMatcher(words.map((w) => anchors(w)), [], []);
    const reversed = [...words].reverse().join(' ');
    assert.deepEqual(marked(matcher, reversed, 40), words.map((_, i) => i));
    const few = [words[30], words[3], words[17], words[9]].join(' ');
    assert.deepEqual(marked(matcher, few, 40), [3, 9, 17, 30]);
  });

  it('marks idioms apart from rules', () => {
    const matcher = new AnchorMatcher([anchors('kill')], [], [anchors('killing me'), anchors('dying to')]);
    const g = matcher.markCandidates('this job is killing me');
    assert.deepEqual(markedIdioms(matcher, g, 2), [0]);
    assert.equal(matcher.ruleMarked(0, g), true);
    assert.deepEqual([...matcher.markedRules], [0]);
    const h = matcher.markCandidates('dying to see you');
    assert.deepEqual(markedIdioms(matcher, h, 2), [1]);
    assert.equal(matcher.ruleMarked(0, h), false);
    assert.deepEqual([...matcher.markedRules], []);
  });

  describe('a rule that needs two sets of words', () => {
    // "(he|she) (hits|beats) us": a short word alone is in most messages, so the rule waits for both.
    const beats: Requirements = [new Set(['us']), new Set(['hits', 'beats'])];

    it('is marked only when a word of each set occurs, in either order, at the start or the end', () => {
      const matcher = new AnchorMatcher([beats, anchors('die')], [], []);
      assert.deepEqual(marked(matcher, 'he beats us', 2), [0]);
      assert.deepEqual(marked(matcher, 'us . he hits', 2), [0]);
      assert.deepEqual(marked(matcher, 'hits us', 2), [0]);
      assert.deepEqual(marked(matcher, 'he hits me', 2), []);
      assert.deepEqual(marked(matcher, 'tell us', 2), []);
      assert.deepEqual(marked(matcher, 'tell us i want to die', 2), [1]);
    });

    it('a word repeated does not stand in for the other set', () => {
      const matcher = new AnchorMatcher([beats], [], []);
      assert.deepEqual(marked(matcher, 'us us us', 1), []);
      assert.deepEqual(marked(matcher, 'hits beats hits', 1), []);
      assert.deepEqual(marked(matcher, 'beats beats us us', 1), [0]);
    });

    it('a word found in one message does not count towards the next', () => {
      const matcher = new AnchorMatcher([beats], [], []);
      assert.deepEqual(marked(matcher, 'call us', 1), []);
      assert.deepEqual(marked(matcher, 'he hits', 1), []);
      assert.deepEqual(marked(matcher, 'he hits us', 1), [0]);
      assert.deepEqual(marked(matcher, 'he hits', 1), []);
    });

    it('one occurrence can satisfy two sets that share a word, and two sets of one rule may share a prefix', () => {
      const shared: Requirements = [new Set(['kill', 'die']), new Set(['kill'])];
      const long: Requirements = [new Set(['overdosing']), new Set(['overdose tonight'])];
      const matcher = new AnchorMatcher([shared, long], [], []);
      assert.deepEqual(marked(matcher, 'kill', 2), [0]);
      assert.deepEqual(marked(matcher, 'die', 2), []);
      assert.deepEqual(marked(matcher, 'overdosing', 2), []);
      assert.deepEqual(marked(matcher, 'overdose tonight', 2), []);
      assert.deepEqual(marked(matcher, 'overdose tonight , overdosing', 2), [1]);
    });

    it('a set it cannot gate on is left out and the other still gates', () => {
      const rules: Requirements[] = [
        [new Set(['müde']), new Set(['pills'])],
        [new Set(['pills']), new Set(['', 'x'])],
        [new Set(['Tired']), new Set([''])],
      ];
      const matcher = new AnchorMatcher(rules, [], []);
      assert.deepEqual(marked(matcher, 'pills', 3), [0, 1, 2]);
      assert.deepEqual(marked(matcher, 'tired', 3), [2]);
    });

    it('shares anchors with other rules and gates without losing any of them', () => {
      const registry = new GateRegistry();
      const night = registry.gated([/\bus tonight\b/]);
      const matcher = registry.build([beats, anchors('us'), anchors('beats')], [[new Set(['us']), new Set(['beats'])]]);
      const g = matcher.markCandidates('he beats us');
      assert.deepEqual([...matcher.markedRules], [0, 1, 2]);
      assert.equal(matcher.idiomMarked(0, g), true);
      assert.equal(matcher.anyMatch(night, 'he beats us'), false);
      const h = matcher.markCandidates('come see us tonight');
      assert.deepEqual([...matcher.markedRules], [1]);
      assert.equal(matcher.idiomMarked(0, h), false);
      assert.equal(matcher.anyMatch(night, 'come see us tonight'), true);
    });
  });

  it('marks a rule exactly when a word of each of its sets occurs, on generated sets and texts', () => {
    const letters = fc.constantFrom('a', 'b', 'c', ' ', '.');
    const anchor = fc.oneof(
      { weight: 12, arbitrary: fc.array(letters, { minLength: 1, maxLength: 11 }).map((cs) => cs.join('')) },
      { weight: 1, arbitrary: fc.constantFrom('', 'aB', 'añ') },
    );
    const requirement = fc.uniqueArray(anchor, { minLength: 1, maxLength: 3 });
    const usable = (a: string): boolean => /^[a-z .]+$/.test(a);
    fc.assert(
      fc.property(fc.array(fc.array(requirement, { maxLength: 3 }), { minLength: 1, maxLength: 12 }), fc.array(fc.array(letters, { maxLength: 30 }), { minLength: 1, maxLength: 3 }), (rules, messages) => {
        const matcher = new AnchorMatcher(rules.map((sets) => sets.map((set) => new Set(set))), [], []);
        for (const text of messages.map((cs) => cs.join(''))) {
          const expected = rules.flatMap((sets, i) =>
            sets.filter((set) => set.every(usable)).every((set) => set.some((a) => text.includes(a))) ? [i] : [],
          );
          assert.deepEqual(marked(matcher, text, rules.length), expected, JSON.stringify(text));
        }
      }),
      { seed: 20261207, numRuns: 300 },
    );
  });

  it('a very large index (more states than a 16-bit table holds) still finds every anchor', () => {
    // Distinct eight-letter anchors that share few prefixes: about 8 states each.
    const words = Array.from({ length: 12000 }, (_, i) => {
      let w = '';
      for (let n = i * 7919 + 12345, k = 0; k < 8; k += 1, n = Math.floor(n / 26) + k * 31) w += String.fromCharCode(97 + (n % 26));
      return w;
    });
    const unique = [...new Set(words)];
    const matcher = new AnchorMatcher(unique.map((w) => anchors(w)), [], []);
    for (const k of [0, 1, unique.length - 2, unique.length - 1]) {
      const g = matcher.markCandidates(`so ${unique[k]} .`);
      assert.equal(matcher.ruleMarked(k, g), true, unique[k]);
      assert.deepEqual([...matcher.markedRules], [k]);
    }
  });

  describe('gated context patterns', () => {
    it('answer as any of the patterns would, on the message and on any stretch of it', () => {
      const registry = new GateRegistry();
      const tonight = registry.gated([/\b(?:tonight|right now)\b/, /\bthis (?:evening|morning)\b/]);
      const later = registry.gated([/\btomorrow\b/]);
      const matcher = registry.build([anchors('kill')], []);
      const text = 'i will do it tonight , not tomorrow';
      matcher.markCandidates(text);
      assert.equal(matcher.anyMatch(tonight, text), true);
      assert.equal(matcher.anyMatch(later, text), true);
      assert.equal(matcher.anyMatch(tonight, 'i will do it tonight'), true);
      assert.equal(matcher.anyMatch(later, 'i will do it tonight'), false);
      matcher.markCandidates('see you this morning');
      assert.equal(matcher.anyMatch(tonight, 'see you this morning'), true);
      assert.equal(matcher.anyMatch(later, 'see you this morning'), false);
      matcher.markCandidates('see you soon');
      assert.equal(matcher.anyMatch(tonight, 'see you soon'), false);
    });

    it('an alternative whose words are not in the message is never tried, and the others are', () => {
      const registry = new GateRegistry();
      const soon = registry.gated([/\b(?:tonight|right now)\b/, /\bthis (?:evening|morning)\b/]);
      const matcher = registry.build([], []);
      const tried: string[] = [];
      const spied: Gated = soon.map((a) => {
        const re = new RegExp(a.re.source);
        re.test = (text: string): boolean => (tried.push(a.re.source), RegExp.prototype.test.call(a.re, text));
        return { ...a, re };
      });
      const g = matcher.markCandidates('see you this evening');
      assert.deepEqual(soon.map((a) => matcher.marks[matcher.gateBase + a.gate] === g), [false, true]);
      assert.equal(matcher.anyMatch(spied, 'see you this evening'), true);
      assert.deepEqual(tried, ['\\bthis (?:evening|morning)\\b']);
      tried.length = 0;
      const h = matcher.markCandidates('see you soon');
      assert.deepEqual(soon.map((a) => matcher.marks[matcher.gateBase + a.gate] === h), [false, false]);
      assert.equal(matcher.anyMatch(spied, 'see you soon'), false);
      assert.deepEqual(tried, []);
      const k = matcher.markCandidates('not tonight , this morning');
      assert.deepEqual(soon.map((a) => matcher.marks[matcher.gateBase + a.gate] === k), [true, true]);
      const m = matcher.markCandidates('right now');
      assert.deepEqual(soon.map((a) => matcher.marks[matcher.gateBase + a.gate] === m), [true, false]);
    });

    it('a pattern with flags or a back-reference is kept whole and always tried', () => {
      const registry = new GateRegistry();
      const shouting = registry.gated([/\bHELP\b/i]);
      const repeated = registry.gated([/\b(\w+) \1\b/]);
      const matcher = registry.build([], []);
      matcher.markCandidates('help help');
      assert.equal(matcher.anyMatch(shouting, 'Help me'), true);
      assert.equal(matcher.anyMatch(repeated, 'help help'), true);
      assert.equal(matcher.anyMatch(repeated, 'help me'), false);
    });

    it('agree with running every pattern, on generated patterns and texts', () => {
      const word = fc.constantFrom('kill', 'me', 'my', 'self', 'die', 'to', 'want', 'ki', 'll', 'mys');
      const alternative = fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
      const pattern = fc.array(alternative, { minLength: 1, maxLength: 3 }).map((alts) => new RegExp(`\\b(?:${alts.join('|')})\\b`));
      fc.assert(
        fc.property(fc.array(fc.array(pattern, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), fc.array(word, { maxLength: 10 }), (groups, words) => {
          const registry = new GateRegistry();
          const gatedGroups = groups.map((g) => registry.gated(g));
          const matcher = registry.build([], []);
          const text = words.join(' ');
          matcher.markCandidates(text);
          groups.forEach((g, i) => assert.equal(matcher.anyMatch(gatedGroups[i], text), g.some((p) => p.test(text)), `${g.join(' ')} on "${text}"`));
        }),
        { seed: 20261207, numRuns: 300 },
      );
    });
  });

  it('marks a rule exactly when one of its anchors occurs, on generated anchors and texts', () => {
    const letters = fc.constantFrom('a', 'b', 'c', ' ', '.');
    const anchor = fc.array(letters, { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(anchor, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 40 }), fc.array(letters, { maxLength: 40 }), (rules, chars) => {
        const text = chars.join('');
        const matcher = new AnchorMatcher(rules.map((r) => [new Set(r)]), [], []);
        const expected = rules.flatMap((r, i) => (r.some((a) => text.includes(a)) ? [i] : []));
        assert.deepEqual(marked(matcher, text, rules.length), expected);
      }),
      { seed: 20261207, numRuns: 400 },
    );
  });

  it('with the real lexicon, a phrase at the end of a long ordinary message is still found', () => {
    const chat = 'we went to the market and then to the park, it was a nice day and the kids played. '.repeat(40);
    assert.equal(screenMessage(`${chat}I want to kill myself`, { model: false }).level, 'urgent');
    assert.equal(screenMessage(`${chat}me quiero morir`, { model: false }).level, 'concern');
    assert.equal(screenMessage(chat, { model: false }).level, 'none');
  });
});

/**
 * The lexicon's own patterns, as the screener runs them. A rule's pattern is loosened for the generator: word
 * boundaries and lookarounds dropped (they consume nothing and the anchors never come from them), so every message
 * the real pattern matches is among the messages the loosened one describes, and more besides.
 */
function loosened(source: string): string {
  let out = '';
  const classEnd = (from: number): number => {
    let j = from + 1;
    while (source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
    return j;
  };
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i];
    if (c === '\\') {
      if (source[i + 1] !== 'b' && source[i + 1] !== 'B') out += source.slice(i, i + 2);
      i += 1;
    } else if (c === '[') {
      const end = classEnd(i);
      out += source.slice(i, end + 1);
      i = end;
    } else if (c === '(' && /^\(\?<?[=!]/.test(source.slice(i))) {
      let depth = 0;
      for (; i < source.length; i += 1) {
        if (source[i] === '\\') i += 1;
        else if (source[i] === '[') i = classEnd(i);
        else if (source[i] === '(') depth += 1;
        else if (source[i] === ')' && (depth -= 1) === 0) break;
      }
    } else out += c;
  }
  return out;
}

/** Every gated context pattern of the lexicon: the cues and each rule's `requires` and `unless`. */
function lexiconGates(): GatedAlternative[] {
  const isGated = (v: unknown): v is Gated => Array.isArray(v) && v.every((a) => typeof a === 'object' && a !== null && 'gate' in a);
  const all = new Map<number, GatedAlternative>();
  const add = (gated: Gated): void => gated.forEach((a) => all.set(a.gate, a));
  for (const value of Object.values(CUES)) if (isGated(value)) add(value);
  for (const rule of RULES) {
    rule.requires?.forEach(add);
    if (rule.unless !== undefined) add(rule.unless);
  }
  return [...all.values()];
}

/** Lines of the screening corpus, every eighth one (each file still contributes), as the screener reads them. */
function corpusTexts(): string[] {
  const dir = path.join(__dirname, '../../fixtures/screening-corpus');
  const lines = readdirSync(dir)
    .sort()
    .flatMap((file) => readFileSync(path.join(dir, file), 'utf8').split('\n').filter((line) => line.trim() !== ''))
    .map((line) => (JSON.parse(line) as { text: string }).text);
  const texts = lines.filter((_, i) => i % 8 === 0).flatMap((text) => normaliseVariants(text).map((n) => n.text));
  // The masked text the rules run on, too: idioms blotted to "~".
  return [...texts, ...texts.filter((t) => t.includes('killing me')).map((t) => t.replace(/killing me/g, '~~~~~~~ ~~'))];
}

/**
 * What the lexicon's own patterns say, worked out once per test process. None of it runs matcher code, and it is
 * the slow part (generating messages from every pattern, running every pattern on the corpus): a mutation run
 * re-runs these tests once per mutant in the same process, and only the matcher's answers need re-checking.
 */
function once<T>(compute: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: compute() }).v;
}

const AROUND = fc.array(fc.constantFrom('i', 'so', 'tired', 'y', 'ya', '.', ',', 'kill', 'me', 'die', 'us', 'no'), { maxLength: 4 }).map((ws) => ws.join(' '));

/** For each rule, messages its pattern matches: the phrase alone, after words, before words, and run into them. */
const ruleSamples = once(() =>
  RULES.map((rule, r) => ({
    r,
    texts: fc
      .sample(fc.tuple(AROUND, fc.stringMatching(new RegExp(loosened(rule.re.source))), AROUND), 3)
      .flatMap(([before, phrase, after]) => [phrase, `${before} ${phrase}`, `${phrase} ${after}`, `${before}${phrase}${after}`]),
  })),
);

/** For each idiom and each ungated-flag cue, messages its pattern matches. */
const idiomAndCueSamples = once(() => ({
  idioms: IDIOMS.map((idiom, i) => ({ i, texts: fc.sample(fc.stringMatching(new RegExp(loosened(idiom.re.source))), 3) })),
  cues: lexiconGates()
    .filter((alternative) => alternative.re.flags === '')
    .map((alternative) => ({ alternative, texts: fc.sample(fc.stringMatching(new RegExp(loosened(alternative.re.source))), 3) })),
}));

interface Pattern {
  name: string;
  re: RegExp;
  gated: (text: string, g: number) => boolean;
}

/** Every rule, idiom and gated cue of the lexicon, with how the matcher says whether it runs. */
const lexiconPatterns = once((): Pattern[] => [
  ...RULES.map((rule, r): Pattern => ({ name: `rule ${rule.rule.id}`, re: new RegExp(rule.re.source), gated: (_text, g) => MATCHER.ruleMarked(r, g) && MATCHER.markedRules.includes(r) })),
  ...IDIOMS.map((idiom, i): Pattern => ({ name: 'idiom', re: new RegExp(idiom.re.source), gated: (_text, g) => MATCHER.idiomMarked(i, g) })),
  ...lexiconGates().map((a): Pattern => ({ name: 'cue', re: a.re, gated: (text) => MATCHER.anyMatch([a], text) })),
]);

/** Each corpus text with the patterns that match it, found by running every pattern (ungated, in groups). */
const corpusMatches = once(() => {
  const patterns = lexiconPatterns();
  const GROUP = 40;
  const groups: { re: RegExp; members: Pattern[] }[] = [];
  const plain = patterns.filter((p) => p.re.flags === '');
  for (let k = 0; k < plain.length; k += GROUP) {
    const members = plain.slice(k, k + GROUP);
    groups.push({ re: new RegExp(members.map((p) => `(?:${p.re.source})`).join('|')), members });
  }
  for (const p of patterns.filter((q) => q.re.flags !== '')) groups.push({ re: p.re, members: [p] });
  return corpusTexts().map((text) => ({
    text,
    matching: groups.flatMap((group) => {
      if (!group.re.test(text)) return [];
      return group.members.filter((p) => {
        p.re.lastIndex = 0;
        return p.re.test(text);
      });
    }),
  }));
});

describe('screening: the anchor matcher over the real lexicon', () => {
  it('every rule is marked on any message its pattern matches, wherever the phrase sits in the message', () => {
    for (const { r, texts } of ruleSamples()) {
      for (const text of texts) {
        const g = MATCHER.markCandidates(text);
        const rule = RULES[r];
        assert.ok(MATCHER.ruleMarked(r, g), `rule ${rule.rule.id} (${rule.re.source}) not marked on ${JSON.stringify(text)}`);
        assert.ok(MATCHER.markedRules.includes(r), `rule ${rule.rule.id} marked but not listed on ${JSON.stringify(text)}`);
      }
    }
  });

  it('every idiom and context cue is marked on any message it matches', () => {
    const { idioms, cues } = idiomAndCueSamples();
    for (const { i, texts } of idioms) {
      for (const text of texts) assert.ok(MATCHER.idiomMarked(i, MATCHER.markCandidates(text)), `idiom ${IDIOMS[i].re.source} not marked on ${JSON.stringify(text)}`);
    }
    for (const { alternative, texts } of cues) {
      for (const text of texts) {
        // A cue that matches the text must be reported as matching once the text is marked.
        MATCHER.markCandidates(text);
        assert.equal(MATCHER.anyMatch([alternative], text), alternative.re.test(text), `cue ${alternative.re.source} on ${JSON.stringify(text)}`);
      }
    }
  });

  it('gated, the rules, idioms and cues find on the corpus exactly what running every pattern finds', function () {
    // Every pattern on every message is the slow path the matcher exists to avoid: seconds on a busy machine.
    this.timeout(60_000);
    let found = 0;
    for (const { text, matching } of corpusMatches()) {
      const g = MATCHER.markCandidates(text);
      for (const p of matching) {
        found += 1;
        assert.ok(p.gated(text, g), `${p.name} ${p.re.source} matches ${JSON.stringify(text)} but the matcher skips it`);
      }
    }
    // The corpus reaches a good part of the lexicon, or this test would prove little.
    assert.ok(found > 1000, `only ${found} pattern matches on the corpus`);
  });
});
