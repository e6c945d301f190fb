import assert from 'node:assert/strict';
import fc from 'fast-check';
import { forgetWordTables, normalise, normaliseVariants, originalSpan } from '../../src/safety/normalise';

const texts = (input: string): string[] => normaliseVariants(input).map((v) => v.text);

describe('safety normalisation', () => {
  // The word tables are built on first use: each test builds them again, so mutation testing sees who reads them.
  beforeEach(forgetWordTables);
  describe('plain form', () => {
    const cases: [string, string][] = [
      ['I WANT TO Kill Myself', 'i want to kill myself'],
      ["I'm fine, don't worry", 'im fine , dont worry'],
      ['don’t worry, I’m ok', 'dont worry , im ok'],
      ['¿Cuántas pastillas hacen falta?', 'cuantas pastillas hacen falta .'],
      ['Ñoño está en el baño… ¡qué daño!', 'nono esta en el bano . que dano .'],
      ['no   more\tspaces\n\nplease', 'no more spaces . please'],
      ['hello 😀 world 🌍!', 'hello world .'],
      ['I have the 💊 and a 🔪', 'i have the pills and a knife'],
      ['lol 😂', 'lol lol'],
      ['constructor toString __proto__', 'constructor tostring proto'],
    ];
    for (const [input, expected] of cases) {
      it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
        assert.equal(normalise(input).text, expected);
      });
    }
  });

  describe('numbers survive', () => {
    const cases: [string, string][] = [
      ['mood 7/10 today', 'mood 7/10 today'],
      ['bridges taller than 25 m', 'bridges taller than 25 m'],
      ['bridges taller than 25m', 'bridges taller than 25m'],
      ['I took 20 pills at 3am', 'i took 20 pills at 3am'],
      ['ran 5 kms, 2.5 hours, 16:8 fasting', 'ran 5 kms , 2.5 hours , 16.8 fasting'],
      ['it costs $20 or 1,000 pesos', 'it costs 20 or 1,000 pesos'],
      ['20mg twice a day', '20mg twice a day'],
    ];
    for (const [input, expected] of cases) {
      it(`${JSON.stringify(input)}`, () => assert.equal(normalise(input).text, expected));
    }
  });

  describe('leetspeak', () => {
    const cases: [string, string][] = [
      ['k1ll mys3lf', 'kill myself'],
      ['$uicide', 'suicide'],
      ['su1c1d3', 'suicide'],
      ['d!e', 'die'],
      ['se1f h4rm', 'self harm'],
      ['m4t4rm3', 'matarme'],
      ['n0b0dy c4res', 'nobody cares'],
      ['@lone', 'alone'],
      ['w4nt t0 d13', 'want to die'],
      ['un4l1ve', 'unalive'],
    ];
    for (const [input, expected] of cases) {
      it(`${input} → ${expected}`, () => assert.equal(normalise(input).text, expected));
    }
    it('flags the message as obfuscated', () => assert.equal(normalise('k1ll mys3lf').obfuscated, true));
    it('leaves plain text unflagged', () => assert.equal(normalise('kill the process').obfuscated, false));
  });

  describe('look-alike letters from other scripts', () => {
    const cases: [string, string][] = [
      ['ѕuicide', 'suicide'], // Cyrillic dze
      ['kіll mуѕеlf', 'kill myself'], // Cyrillic і у ѕ е
      ['ԁіе', 'die'], // Cyrillic komi de, і, е
      ['оvеrdоѕе', 'overdose'],
      ['ɡun', 'gun'], // Latin script g
      ['јump', 'jump'],
      ['хanax', 'xanax'],
      ['ѕорa', 'sopa'],
      ['ΚΙLL', 'kill'], // Greek capitals
      ['ᴡɪsʜ ɪ ᴡᴀs ᴅᴇᴀᴅ', 'wish i was dead'], // small capitals
      ['𝐤𝐢𝐥𝐥 𝐦𝐲𝐬𝐞𝐥𝐟', 'kill myself'], // mathematical bold
      ['ｋｉｌｌ', 'kill'], // fullwidth
    ];
    for (const [input, expected] of cases) {
      it(`${input} → ${expected}`, () => assert.equal(normalise(input).text, expected));
    }
  });

  describe('invisible characters', () => {
    const invisible = [
      '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\uFEFF',
      '\u00AD', '\uFE0F', '\uFE00', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2069', '\u180E',
      '\u034F',
    ];
    for (const ch of invisible) {
      it(`U+${ch.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')} inside a word is removed`, () => {
        const n = normalise(`k${ch}ill my${ch}self`);
        assert.equal(n.text, 'kill myself');
        assert.equal(n.obfuscated, true);
      });
    }
  });

  describe('spaced letters', () => {
    const cases: [string, string][] = [
      ['k i l l  m y s e l f', 'kill myself'],
      ['k.i.l.l myself', 'kill myself'],
      ['k-i-l-l m-y-s-e-l-f', 'kill myself'],
      ['i w a n t t o d i e', 'i want to die'],
      ['m e q u i e r o m a t a r', 'me quiero matar'],
      ['i want to d i e', 'i want to die'],
    ];
    for (const [input, expected] of cases) {
      it(`${input} → ${expected}`, () => assert.equal(normalise(input).text, expected));
    }
    it('keeps ordinary single-letter words', () => assert.equal(normalise('I am a nurse').text, 'i am a nurse'));
    // Dots inside an abbreviation become clause boundaries ("a . m ."); the letters themselves survive.
    it('keeps the letters of two-letter abbreviations', () => assert.match(normalise('see you at 9 a.m.').text, /^see you at 9 a \. m \.$/));
  });

  describe('stretched letters', () => {
    it('gives both readings when letters are stretched', () => {
      assert.deepEqual(texts('diiiiie'), ['diie', 'die']);
      assert.deepEqual(texts('sleeeeep foreverrrr'), ['sleep foreverr', 'sleep forever']);
    });
    it('keeps real double letters in the single-letter reading', () => {
      assert.ok(texts('killll myselfff').includes('kill myself'));
      assert.ok(texts('me quiero morirrrr').includes('me quiero morir'));
    });
    it('gives one reading when nothing is stretched', () => assert.equal(normaliseVariants('good night').length, 1));
  });

  describe('misspellings and shorthand', () => {
    const cases: [string, string][] = [
      ['suicde', 'suicide'],
      ['sucide', 'suicide'],
      ['sewerslide', 'suicide'],
      ['sewer slide', 'suicide'],
      ['i want to kil my self', 'i want to kill myself'],
      ['myslef', 'myself'],
      ['wanna die', 'want to die'],
      ['gonna kms', 'going to kms'],
      ['me kiero morir', 'me quiero morir'],
      ['q no aguanto xq', 'que no aguanto porque'],
      ['me quiero suisidar', 'me quiero suicidar'],
      ['s*icide', 'suicide'],
      // "self" opening a compound noun keeps "my" a possessive, whatever the compound; otherwise "my self" is "myself".
      ['my self harm is back', 'my self harm is back'],
      ['her self-injury scares me', 'her self injury scares me'],
      ['your self hatred', 'your self hatred'],
      ['my self-esteem', 'my self esteem'],
      ['my self destructive side', 'my self destructive side'],
      ['i hate my self harm and my self', 'i hate my self harm and myself'],
      ['hurt my self badly', 'hurt myself badly'],
    ];
    for (const [input, expected] of cases) {
      it(`${input} → ${expected}`, () => assert.equal(normalise(input).text, expected));
    }
    const selfNouns = ['harm', 'harming', 'harmed', 'hurt', 'hurting', 'injury', 'injuring', 'destruction', 'destructive', 'loathing', 'hatred', 'hate', 'esteem', 'worth', 'care', 'doubt'];
    it(`"my self <noun>" keeps "my" for each of: ${selfNouns.join(', ')}`, () => {
      for (const noun of selfNouns) assert.equal(normalise(`my self ${noun} again`).text, `my self ${noun} again`, noun);
    });
  });

  describe('mapping back to the original', () => {
    const spanOf = (input: string, phrase: string): string => {
      const n = normalise(input);
      const at = n.text.indexOf(phrase);
      assert.ok(at >= 0, `"${phrase}" not in "${n.text}"`);
      return originalSpan(n, at, at + phrase.length);
    };
    it('returns the original words', () => assert.equal(spanOf('Honestly, I WANT TO DIE.', 'want to die'), 'WANT TO DIE'));
    it('keeps accents and punctuation of the original', () =>
      assert.equal(spanOf('¡Ya no quiero vivir, de verdad!', 'ya no quiero vivir'), 'Ya no quiero vivir'));
    it('spans leetspeak and invisible characters', () =>
      assert.equal(spanOf('ok k1ll\u200B mys3lf now', 'kill myself'), 'k1ll\u200B mys3lf'));
    it('spans spaced letters', () => assert.equal(spanOf('so k i l l m y s e l f ok', 'kill myself'), 'k i l l m y s e l f'));
    it('spans stretched letters', () => {
      const n = normaliseVariants('i want to diiiie')[1];
      const at = n.text.indexOf('die');
      assert.equal(originalSpan(n, at, at + 3), 'diiiie');
    });
    it('spans a replaced misspelling', () => assert.equal(spanOf('gonna kms', 'going to'), 'gonna'));
  });

  describe('properties', () => {
    const invisible = fc.constantFrom('\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u202E', '\u2063');

    it('invisible characters between code points never change the text', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), fc.array(fc.nat(), { maxLength: 5 }), invisible, (s, at, ch) => {
          const chars = [...s];
          for (const i of at) chars.splice(i % (chars.length + 1), 0, ch);
          assert.deepEqual(texts(chars.join('')), texts(s));
        }),
        { numRuns: 500 },
      );
    });

    it('upper or lower case never changes the text', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), (s) => {
          assert.deepEqual(texts(s.toUpperCase()), texts(s.toLowerCase()));
        }),
        { numRuns: 500 },
      );
    });

    it('the fast path and the general path agree', () => {
      // A zero-width character forces the general (character-tracking) path; the text must be the same.
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
          assert.deepEqual(texts(`\u200B${s}`), texts(s));
        }),
        { numRuns: 500 },
      );
    });

    it('output is lower-case ASCII tokens separated by single spaces', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
          for (const t of texts(s)) assert.match(t, /^(?:[a-z0-9~][a-z0-9.,/:~]*|[.,])?(?: (?:[a-z0-9][a-z0-9.,/:]*|[.,]))*$/);
        }),
        { numRuns: 500 },
      );
    });
  });
});
