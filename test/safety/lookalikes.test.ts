import assert from 'node:assert/strict';
import fc from 'fast-check';
import confusables from 'unhomoglyph/data.json';
import { forgetWordTables, normalise } from '../../src/safety/normalise';
import { PREFERRED_READINGS } from '../../src/safety/screening/lookalikes';
import { screenMessage } from '../../src/safety/screener';

const DATA = confusables as Record<string, string>;
const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];
const skeleton = (s: string): string => [...s].map((c) => DATA[c] ?? c).join('');
/** The skeletons a lower-case ASCII letter is drawn as, in either case. */
const skeletonsOf = (letter: string): Set<string> => new Set([skeleton(letter), skeleton(letter.toUpperCase())]);

/** Every non-ASCII character Unicode lists as a confusable of the letter (digits such as 𝟏 excepted: they are digits). */
function confusablesOf(letter: string): string[] {
  const targets = skeletonsOf(letter);
  return Object.entries(DATA)
    .filter(([ch, target]) => ch.charCodeAt(0) >= 128 && targets.has(target) && !/\p{Nd}/u.test(ch))
    .map(([ch]) => ch);
}

/**
 * The Latin letters a character may honestly be read as: any letter drawn like it, its compatibility decomposition, or
 * the reading the screener deliberately prefers (palochka ӏ is typed for "l", though Unicode's skeleton says "i").
 */
function readingsOf(ch: string): Set<string> {
  const out = new Set(LETTERS.filter((x) => skeletonsOf(x).has(DATA[ch])));
  const preferred = PREFERRED_READINGS.get(ch);
  if (preferred !== undefined) out.add(preferred);
  const decomposed = ch.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  if (/^[a-z]$/.test(decomposed)) out.add(decomposed);
  return out;
}

/** A nonsense word around the character, so no word-level fix (u → you, q → que) touches it. */
const carrier = (letter: string, ch: string): string => (letter === 'q' ? `zx${ch}xz` : `zq${ch}qz`);

describe('look-alike and enclosed letters', () => {
  // The word tables are built on first use: each test builds them again, so mutation testing sees who reads them.
  beforeEach(forgetWordTables);
  it('every confusable of every ASCII letter folds to a Latin letter it can be read as', () => {
    let checked = 0;
    const failures: string[] = [];
    for (const letter of LETTERS) {
      for (const ch of confusablesOf(letter)) {
        checked += 1;
        const got = normalise(carrier(letter, ch)).text;
        const ok = [...readingsOf(ch)].some((x) => got === carrier(letter, x));
        if (!ok) failures.push(`${letter}: U+${(ch.codePointAt(0) as number).toString(16)} ${ch} → ${got}`);
      }
    }
    assert.ok(checked > 1000, `only ${checked} confusables found in the data`);
    assert.deepEqual(failures, []);
  });

  describe('enclosed letters fold', () => {
    const cases: [string, string][] = [
      ['ⓚⓘⓛⓛ ⓜⓨⓢⓔⓛⓕ', 'circled'],
      ['⒦⒤⒧⒧ ⒨⒴⒮⒠⒧⒡', 'parenthesised'],
      ['🄺🄸🄻🄻 🄼🅈🅂🄴🄻🄵', 'squared'],
      ['🅚🅘🅛🅛 🅜🅨🅢🅔🅛🅕', 'negative circled'],
      ['🅺🅸🅻🅻 🅼🆈🆂🅴🅻🅵', 'negative squared'],
      ['ⓀⒾⓁⓁ ⓂⓎⓈⒺⓁⒻ', 'circled capitals'],
    ];
    for (const [input, kind] of cases) {
      it(`${kind}: ${input}`, () => {
        assert.equal(normalise(input).text, 'kill myself');
        assert.equal(screenMessage(`i want to ${input}`).level, 'urgent');
      });
    }
    it('marks enclosed letters as disguise', () => assert.equal(normalise('ⓚⓘⓛⓛ').obfuscated, true));
    it('keeps a country flag out of the words', () => assert.equal(normalise('hola 🇲🇽').text, 'hola'));
  });

  it('a risk phrase written with any mix of look-alike letters is screened like the plain phrase', () => {
    const phrases = ['i want to kill myself', 'me quiero matar', 'i want to die', 'voy a suicidarme'];
    // "l" and "I" share one skeleton, so a character drawn like both may be read as either; those are left out here.
    const pick = (letter: string): string[] =>
      confusablesOf(letter).filter((ch) => normalise(carrier(letter, ch)).text === carrier(letter, letter));
    const pool = new Map(LETTERS.map((l) => [l, [l, ...pick(l)]]));
    fc.assert(
      fc.property(fc.constantFrom(...phrases), fc.infiniteStream(fc.nat()), (phrase, choices) => {
        const disguised = [...phrase].map((c) => {
          const options = pool.get(c);
          return options === undefined ? c : options[choices.next().value % options.length];
        });
        assert.equal(screenMessage(disguised.join('')).level, screenMessage(phrase).level, disguised.join(''));
      }),
      { numRuns: 300 },
    );
  });
});
