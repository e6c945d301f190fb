import assert from 'node:assert/strict';
import fc from 'fast-check';
import { screenMessage } from '../../../src/safety/screener';
import { AnchorMatcher, GateRegistry, type Requirements } from '../../../src/safety/screening/matcher';

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

  it('a character outside the plain alphabet breaks an anchor', () => {
    const matcher = new AnchorMatcher([anchors('kill'), anchors('ab')], [], []);
    assert.deepEqual(marked(matcher, 'ki-ll', 2), []);
    assert.deepEqual(marked(matcher, 'kiñll', 2), []);
    assert.deepEqual(marked(matcher, 'ñkill', 2), [0]);
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
