import assert from 'node:assert/strict';
import { forgetWordTables, normalise, normaliseVariants, originalSpan } from '../../../src/safety/normalise';

/**
 * How the screener reads a disguised or misspelt message, and what it quotes back from the original: the plain form
 * every pattern is written against (see ../normalise.test.ts for the basics). Imports only the normaliser, so it
 * stays quick to load.
 */
const text = (input: string): string => normalise(input).text;
const texts = (input: string): string[] => normaliseVariants(input).map((v) => v.text);
const spaced = (word: string): string => word.split('').join(' ');

describe('screening: reading disguised and misspelt words', () => {
  // The word tables are built on first use: each test builds them again, so mutation testing sees who reads them.
  beforeEach(forgetWordTables);
  describe('each look-alike digit or symbol inside a word is read as its letter', () => {
    const cases: [string, string][] = [
      ['0verd0se', 'overdose'],
      ['k1ll', 'kill'],
      ['h3lp', 'help'],
      ['4lone', 'alone'],
      ['5uicide', 'suicide'],
      ['7onight', 'tonight'],
      ['9un', 'gun'],
      ['$uicide', 'suicide'],
      ['@lone', 'alone'],
      ['€nd', 'end'],
      ['he|p', 'help'],
      ['d!e', 'die'],
    ];
    for (const [input, expected] of cases) {
      it(`${input} → ${expected}`, () => {
        const n = normalise(input);
        assert.equal(n.text, expected);
        assert.equal(n.obfuscated, true);
      });
    }
  });

  describe('"1" is read as l where that makes a word the screener cares about', () => {
    const cases: [string, string][] = [
      ['se1f', 'self'], ['myse1f', 'myself'], ['ki11', 'kill'], ['ki11ing', 'killing'], ['ki11ed', 'killed'],
      ['1ife', 'life'], ['a1ive', 'alive'], ['una1ive', 'unalive'], ['pi11', 'pill'], ['pi11s', 'pills'],
      ['1etha1', 'lethal'], ['b1eed', 'bleed'], ['b1eeding', 'bleeding'], ['s1it', 'slit'], ['a11', 'all'],
      ['he1p', 'help'], ['he11', 'hell'], ['1ive', 'live'], ['1iving', 'living'], ['1eave', 'leave'], ['p1an', 'plan'],
      ['s1eep', 'sleep'], ['1o1', 'lol'], ['fee1', 'feel'], ['fe1t', 'felt'], ['1ost', 'lost'], ['a1one', 'alone'],
      ['hurtfu1', 'hurtful'], ['pasti11as', 'pastillas'], ['1eta1', 'letal'], ['vivir', 'vivir'], ['1astimarme', 'lastimarme'],
      ['ki11er', 'killer'],
      // Otherwise it is an i.
      ['k1ll', 'kill'], ['su1c1de', 'suicide'], ['d1e', 'die'],
      // Word by word: one word's i does not stop the next word's l.
      ['k1ll-se1f', 'kill self'], ['k1ll my se1f', 'kill myself'], ['d1e a1one', 'die alone'],
    ];
    for (const [input, expected] of cases) it(`${input} → ${expected}`, () => assert.equal(text(input), expected));
  });

  describe('what is not leetspeak stays as written', () => {
    const cases: [string, string][] = [
      ['help!', 'help .'],
      ['wow!! ok', 'wow . ok'],
      ['|ife', 'ife'],
      ['20mg 3am 2nd 5km 10x 3h 30min 1.5l 100kcal', '20mg 3am 2nd 5km 10x 3h 30min 1.5l 100kcal'],
      ['ran 10kms in 45mins at 6am', 'ran 10kms in 45mins at 6am'],
      ['she is 15yo and 1st', 'she is 15yo and 1st'],
      ['a 50% chance', 'a 50 chance'],
      ['I took 2 pills', 'i took 2 pills'],
    ];
    for (const [input, expected] of cases) {
      it(`${input} → ${expected}`, () => {
        assert.equal(text(input), expected);
        assert.equal(normalise(input).obfuscated, false);
      });
    }
  });

  describe('sentence punctuation becomes clause boundaries', () => {
    const cases: [string, string][] = [
      ['hi , . there', 'hi . there'],
      ['hi . , there', 'hi . there'],
      ['- hello - there', 'hello , there'],
      [', hi', 'hi'],
      ['. hi', 'hi'],
      ['hello -', 'hello ,'],
      ['a-b', 'a b'],
      ["don't.", 'dont .'],
      ["I'm, ok!", 'im , ok .'],
      ["rock'n'roll", 'rocknroll'],
      ['a.m.', 'a . m .'],
      ['fine; you? me: ok', 'fine . you . me . ok'],
      ['one\ntwo', 'one . two'],
    ];
    for (const [input, expected] of cases) it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => assert.equal(text(input), expected));
  });

  describe('letters joined by separators are one word', () => {
    const cases: [string, string][] = [
      ['k.i.l.l', 'kill'],
      ['k_i_l_l', 'kill'],
      ['k*i*l*l', 'kill'],
      ['s-u-i-c-i-d-e', 'suicide'],
      ['d.i.e.', 'die'],
      ['k*ll myself', 'kill myself'],
      ['s*icide', 'suicide'],
    ];
    for (const [input, expected] of cases) {
      it(`${input} → ${expected}`, () => {
        const n = normalise(input);
        assert.equal(n.text, expected);
        assert.equal(n.obfuscated, true);
      });
    }
    it('a starred word that is not a censored letter is plain', () => {
      assert.equal(text('*hugs* ok'), 'hugs ok');
      assert.equal(normalise('*hugs* ok').obfuscated, false);
    });
  });

  describe('spaced letters are split into the words they spell', () => {
    const english = (
      'i me my myself want to kill killing die dead death end it all life self harm hurt hurting cut cutting ' +
      'suicide suicidal am im going gonna wanna wish were was not wake up kms unalive just need ready tonight ' +
      'today now do and the a of be better off without you is never no more anymore overdose pills jump'
    ).split(' ');
    const spanish = (
      'yo quiero quieres me mi morir morirme matar matarme suicidarme suicidar vida voy a no vivir despertar ' +
      'acabar con todo cortarme hacerme dano quitarme la el ya esta noche hoy desaparecer ganas de que se mato muero'
    ).split(' ');
    const partners = { en: ['kill', 'die'], es: ['matar', 'morir'] };
    it('each word the joiner knows comes out whole next to another of its language', () => {
      for (const [language, words] of [['en', english], ['es', spanish]] as const) {
        for (const word of words) {
          const partner = word === partners[language][0] ? partners[language][1] : partners[language][0];
          // Shorthand is then read as usual ("gonna" → "going to").
          const reading = normalise(word).text;
          assert.equal(text(`ok ${spaced(word + partner)} ok`), `ok ${reading} ${partner} ok`, word);
        }
      }
    });
    it('a run is split in one language when it can be: English "to do", not Spanish "todo"', () => {
      assert.equal(text('w a n t t o d o i t'), 'want to do it');
      assert.equal(text('m e q u i e r o m a t a r'), 'me quiero matar');
      // Neither language alone: the words of both.
      assert.equal(text('k i l l m e m a t a r'), 'kill me matar');
    });
    it('a run is split into the fewest words it spells', () => {
      assert.equal(text('m a t a r m e'), 'matarme');
      assert.equal(text('m o r i r m e'), 'morirme');
      assert.equal(text('q u i e r o a c a b a r c o n t o d o'), 'quiero acabar con todo');
      assert.equal(text('d i e d i e'), 'die die');
    });
    it('a run it cannot split stays one word', () => {
      assert.equal(text('plan a b c'), 'plan abc');
      assert.equal(text('x q z v x'), 'xqzvx');
      assert.equal(normalise('x q z v x').obfuscated, true);
    });
    it('two single letters are left alone', () => {
      assert.equal(text('a b'), 'a b');
      assert.equal(normalise('a b').obfuscated, false);
    });
    it('a run of more than 80 letters is not split', () => {
      const run = 'iwanttodie'.repeat(8);
      assert.equal(text(spaced(run)), 'i want to die '.repeat(8).trim());
      assert.equal(text(spaced(`${run}iwanttodie`)), `${run}iwanttodie`);
    });
  });

  describe('stretched letters', () => {
    const doubles = [
      'sleep', 'kill', 'killing', 'killed', 'all', 'will', 'better', 'off', 'feel', 'feeling', 'need', 'needed', 'bleed',
      'bleeding', 'pills', 'till', 'still', 'free', 'too', 'see', 'been', 'goodbye', 'good', 'tomorrow', 'sorry', 'ill',
      'hell', 'tell', 'wall', 'walls', 'fall', 'full', 'call', 'yall', 'really', 'bottle', 'swallowed', 'kidding',
      'hopeless', 'worthless', 'useless', 'pointless', 'endless', 'helpless', 'miss', 'mess', 'less', 'stress', 'soon',
      'door', 'floor', 'llorar', 'lloro', 'pastillas', 'pastilla', 'cuchillo', 'ella', 'ellos', 'ellas', 'calle', 'carro',
      'perro', 'arrojarme', 'atropelle', 'horrible', 'terrible', 'cerrar', 'lleno', 'llena', 'llevo', 'creer', 'leer',
      'aggressive', 'attempted', 'suffer', 'suffering', 'happy', 'sadness', 'gonna', 'wanna',
    ];
    it('a word with a real double letter keeps it when its letters are stretched', () => {
      for (const word of doubles) {
        // Stretch the word's own double letter ("sleeeeep", "killll"): the one-letter reading must not drop it.
        const at = [...word].findIndex((c, i) => c === word[i + 1]);
        assert.ok(at >= 0, `${word} has no double letter`);
        const stretched = word.slice(0, at) + word[at].repeat(5) + word.slice(at + 2);
        const plain = normalise(`so ${word} now`).text;
        assert.deepEqual(texts(`so ${stretched} now`), [plain, plain], stretched);
      }
    });
    it('a word stretched elsewhere is read as the word as well', () => {
      for (const word of doubles) {
        const stretched = word + word[word.length - 1].repeat(3);
        assert.ok(texts(stretched).includes(normalise(word).text), stretched);
      }
    });
    it('other words are read with one letter', () => {
      assert.deepEqual(texts('diiiie'), ['diie', 'die']);
      assert.deepEqual(texts('noooo way'), ['noo way', 'no way']);
      assert.deepEqual(texts('wanna diiie'), ['want to diie', 'want to die']);
    });
    it('a stretched Spanish word is read as the word', () => {
      assert.deepEqual(texts('ya no quiero viviiiir'), ['ya no quiero viviir', 'ya no quiero vivir']);
      assert.deepEqual(texts('me quiero morirrr'), ['me quiero morirr', 'me quiero morir']);
    });
    it('only letters are collapsed; a long number stays', () => {
      assert.deepEqual(texts('soooo 1000'), ['soo 1000', 'so 1000']);
    });
    it('stretched text is marked as disguised in both readings', () => {
      for (const v of normaliseVariants('pleaseeee')) assert.equal(v.obfuscated, true);
    });
  });

  describe('misspellings and chat shorthand are read as the words', () => {
    const cases: [string, string][] = [
      ['suicde', 'suicide'], ['sucide', 'suicide'], ['suiside', 'suicide'], ['suacide', 'suicide'], ['suicdie', 'suicide'],
      ['sucicide', 'suicide'], ['siucide', 'suicide'], ['sicide', 'suicide'], ['suicie', 'suicide'], ['suicid', 'suicide'],
      ['sewerslide', 'suicide'], ['sewerslid', 'suicide'], ['seweslide', 'suicide'], ['suicidial', 'suicidal'],
      ['sucidal', 'suicidal'], ['suicdal', 'suicidal'], ['suisidal', 'suicidal'], ['suicidle', 'suicidal'],
      ['myslef', 'myself'], ['mysefl', 'myself'], ['mysel', 'myself'], ['mysef', 'myself'], ['myselfe', 'myself'],
      ['myslf', 'myself'], ['meself', 'myself'], ['kil', 'kill'], ['kll', 'kill'], ['kiling', 'killing'],
      ['killin', 'killing'], ['pils', 'pills'], ['pilz', 'pills'], ['overdos', 'overdose'], ['ded', 'dead'],
      ['h8', 'hate'], ['wanna', 'want to'], ['wana', 'want to'], ['wanto', 'want to'], ['gonna', 'going to'],
      ['gona', 'going to'], ['finna', 'going to'], ['ima', 'im going to'], ['imma', 'im going to'], ['tryna', 'trying to'],
      ['gotta', 'got to'], ['cuz', 'because'], ['coz', 'because'], ['bc', 'because'], ['u', 'you'], ['ur', 'your'],
      ['pls', 'please'], ['plz', 'please'], ['rn', 'right now'], ['tmrw', 'tomorrow'], ['tmr', 'tomorrow'],
      ['tonite', 'tonight'], ['tn', 'tonight'], ['idk', 'i dont know'], ['idc', 'i dont care'], ['dnt', 'dont'],
      ['cnt', 'cant'], ['noone', 'no one'], ['ppl', 'people'], ['hopless', 'hopeless'], ['burdon', 'burden'],
      ['depresed', 'depressed'], ['deppressed', 'depressed'], ['unalived', 'unalive'], ['w', 'with'], ['iam', 'i am'], ['alot', 'a lot'],
      ['kiero', 'quiero'], ['qiero', 'quiero'], ['kero', 'quiero'], ['qero', 'quiero'], ['kiere', 'quiere'],
      ['kieres', 'quieres'], ['q', 'que'], ['ke', 'que'], ['xq', 'porque'], ['pq', 'porque'], ['porq', 'porque'],
      ['xk', 'porque'], ['pk', 'porque'], ['tb', 'tambien'], ['tmb', 'tambien'], ['tbn', 'tambien'], ['nd', 'nada'],
      ['nadien', 'nadie'], ['aki', 'aqui'], ['suisidarme', 'suicidarme'], ['sucidarme', 'suicidarme'],
      ['suicidarm', 'suicidarme'], ['suisidar', 'suicidar'], ['sucidar', 'suicidar'], ['suisidio', 'suicidio'],
      ['sucidio', 'suicidio'], ['suicido', 'suicidio'], ['matarm', 'matarme'], ['morirm', 'morirme'], ['bida', 'vida'],
      ['xfa', 'por favor'],
    ];
    for (const [input, expected] of cases) {
      it(`${input} → ${expected}`, () => assert.equal(text(`so ${input} today`), `so ${expected} today`));
    }
    const pairs: [string, string][] = [
      ['my self', 'myself'], ['your self', 'yourself'], ['her self', 'herself'], ['him self', 'himself'],
      ['them selves', 'themselves'], ['sewer slide', 'suicide'], ['un alive', 'unalive'], ['i m', 'im'],
      ['self harm', 'self harm'], ['sui cide', 'suicide'], ['suic ide', 'suicide'], ['w/o', 'without'],
    ];
    for (const [input, expected] of pairs) {
      it(`${input} → ${expected}`, () => assert.equal(text(`so ${input} today`), `so ${expected} today`));
    }
    it('a word that only starts like a pair is left alone', () => {
      assert.equal(text('my selfie'), 'my selfie');
      assert.equal(text('un'), 'un');
      assert.equal(text('sewer'), 'sewer');
    });
    it('a replaced word quotes back the original spelling', () => {
      const n = normalise('so wanna die');
      const at = n.text.indexOf('want to die');
      assert.equal(originalSpan(n, at, at + 'want to die'.length), 'wanna die');
      const m = normalise('i hurt my self');
      const mine = m.text.indexOf('myself');
      assert.equal(originalSpan(m, mine, mine + 'myself'.length), 'my self');
    });
  });

  describe('what a client types is read the same way with an invisible character in it', () => {
    // [typed, what the screener reads, whether it is marked as disguised]. An invisible character forces the
    // character-tracking path; the words read must not change (and the message is then marked as disguised).
    const cases: [string, string, boolean][] = [
      ['a 3-way call', 'a 3 way call', false],
      ['1-on-1 with my therapist', '1 on 1 with my therapist', false],
      ['update to 1.2.3', 'update to 1.2.3', false],
      ["it's 4am", 'its 4am', false],
      ['pastillas!!', 'pastillas .', false],
      ['help!!!', 'help .', false],
      ['¿q hago?', 'que hago .', false],
      ['ya no kiero vivir', 'ya no quiero vivir', false],
      ['ayúdame, por favor', 'ayudame , por favor', false],
      ["don't.", 'dont .', false],
      ["I'm, ok!", 'im , ok .', false],
      ['hi , . there', 'hi . there', false],
      ['well , , ok', 'well , ok', false],
      ['rock&roll, me+you', 'rock roll , me you', false],
      ['- hello - there', 'hello , there', false],
      ['fine; you? me: ok', 'fine . you . me . ok', false],
      ['mood 7/10, 2.5 hours', 'mood 7/10 , 2.5 hours', false],
      ['d-i-e', 'die', true],
      ['d.i.e', 'die', true],
      ['i want to d13.', 'i want to die .', true],
      ['i want to k1ll myself.', 'i want to kill myself .', true],
      ["I'm d0ne.", 'im done .', true],
      ['k!ll mys3lf', 'kill myself', true],
      ['me quiero m@t@r', 'me quiero matar', true],
      ['qu1ero mor1r', 'quiero morir', true],
      ['n0 qu13r0 v1v1r', 'no quiero vivir', true],
      ['k i l l, m y s e l f', 'kill , myself', true],
      ['k*ll myself', 'kill myself', true],
      // "|" and "!" are letters only between two letters, a leet symbol counting as one; at an edge they are punctuation.
      ['@|one', 'alone', true],
      ['a|@rm', 'alarm', true],
      ['h€|p', 'help', true],
      ['k1ll!', 'kill .', true],
      ['k1ll|', 'kill', true],
    ];
    for (const [input, expected, disguised] of cases) {
      it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
        const n = normalise(input);
        assert.equal(n.text, expected);
        assert.equal(n.obfuscated, disguised);
        const hidden = normalise(`\u200B${input}`);
        assert.equal(hidden.text, expected);
        assert.equal(hidden.obfuscated, true);
      });
    }
  });

  describe('quoting back the original', () => {
    const spanOf = (input: string, phrase: string): string => {
      const n = normalise(input);
      const at = n.text.indexOf(phrase);
      assert.ok(at >= 0, `"${phrase}" not in "${n.text}"`);
      return originalSpan(n, at, at + phrase.length);
    };
    it('quotes the words as the client typed them', () => {
      const cases: [string, string, string][] = [
        ["so I don't. want to", 'dont', "don't"],
        ['i want to d13.', 'die', 'd13'],
        ['\u200Bi want to d13.', 'die', 'd13'],
        ['ok \u200Bdon\'t wanna live', 'dont want to live', "don't wanna live"],
        ["\u200BI'm, done", 'im', "I'm"],
        ['ya no kiero vivir', 'quiero vivir', 'kiero vivir'],
        ['q1ero mor1r hoy', 'morir', 'mor1r'],
        ['te juro q no', 'que no', 'q no'],
        ['n0 qu13r0 v1v1r', 'no quiero vivir', 'n0 qu13r0 v1v1r'],
        ['m e q u i e r o m o r i r', 'quiero morir', 'q u i e r o m o r i r'],
        ['so tired. k i l l m y s e l f', 'kill', 'k i l l'],
        ['k.i.l.l myself', 'kill myself', 'k.i.l.l myself'],
        ['un alive', 'unalive', 'un alive'],
      ];
      for (const [input, phrase, quoted] of cases) assert.equal(spanOf(input, phrase), quoted, input);
    });
    it('in the two-letter reading, a stretched run is quoted whole', () => {
      const n = normaliseVariants('i want to diiiie')[0];
      const at = n.text.indexOf('ii');
      assert.equal(originalSpan(n, at, at + 2), 'iiii');
      assert.equal(originalSpan(n, at + 1, at + 3), 'ie');
      assert.equal(originalSpan(n, at - 1, at + 1), 'di');
    });
    it('quotes letters outside the basic plane whole', () => {
      assert.equal(spanOf('ok 𝐤𝐢𝐥𝐥 𝐦𝐲𝐬𝐞𝐥𝐟 ok', 'kill myself'), '𝐤𝐢𝐥𝐥 𝐦𝐲𝐬𝐞𝐥𝐟');
      assert.equal(spanOf('ok 𝐝𝐢𝐞', 'die'), '𝐝𝐢𝐞');
    });
    it('quotes a word in the middle of the message, and the last word', () => {
      assert.equal(spanOf('well I want to die today', 'die'), 'die');
      assert.equal(spanOf('well I want to die', 'to die'), 'to die');
      assert.equal(spanOf('Sooo I want to DIE', 'die'), 'DIE');
    });
    it('a stretch that starts on a space starts at the next word', () => {
      const n = normalise('I want to die');
      const at = n.text.indexOf(' to');
      assert.equal(originalSpan(n, at, at + 3), 'to');
    });
    it('a stretch that ends on a space ends with the word before it', () => {
      const n = normalise('I want to die');
      assert.equal(originalSpan(n, 0, 'i want '.length), 'I want');
    });
    it('an empty or out-of-range stretch quotes nothing', () => {
      const n = normalise('I want to die');
      assert.equal(originalSpan(n, 3, 3), '');
      assert.equal(originalSpan(n, 5, 2), '');
      assert.equal(originalSpan(n, n.text.length, n.text.length + 4), '');
      assert.equal(originalSpan(normalise('...'), 0, 3), '');
      assert.equal(originalSpan(n, 10, 100), 'die');
    });
    it('quotes a word copied after folded accents with its accents', () => {
      assert.equal(spanOf('ya no aguanto más, quiero morir', 'quiero morir'), 'quiero morir');
      assert.equal(spanOf('¿Cuántas pastillas?', 'cuantas pastillas'), 'Cuántas pastillas');
    });
    it('quotes each token of a long message from where it was', () => {
      const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima'];
      const n = normalise(words.join('  '));
      for (const word of words) {
        const at = n.text.indexOf(word);
        assert.equal(originalSpan(n, at, at + word.length), word);
      }
    });
  });
});
