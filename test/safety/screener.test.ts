import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  RISK_LEVELS,
  levelRank,
  maxLevel,
  requiredLiterals,
  screenMessage,
  splitAlternatives,
  type RiskCategory,
  type RiskLevel,
  type ScreeningHistoryEntry,
} from '../../src/safety/screener';
import { normalise } from '../../src/safety/normalise';
import { en } from '../../src/safety/lexicon/en';
import { es } from '../../src/safety/lexicon/es';
import { loadDevSet } from './evaluate';

type Case = [text: string, level: RiskLevel, categories?: RiskCategory[]];

function table(name: string, cases: Case[]): void {
  describe(name, () => {
    for (const [text, level, categories] of cases) {
      it(`${JSON.stringify(text)} → ${level}${categories ? ` ${categories.join('+')}` : ''}`, () => {
        const result = screenMessage(text);
        assert.equal(result.level, level, `signals: ${result.signals.join(', ')}`);
        if (categories) assert.deepEqual(result.categories, categories);
      });
    }
  });
}

const S: RiskCategory[] = ['self_harm_suicide'];
const B: RiskCategory[] = ['harmed_by_others'];
const O: RiskCategory[] = ['harm_to_others'];
const E: RiskCategory[] = ['disordered_eating'];
const TS: RiskCategory[] = ['self_harm_suicide', 'third_party'];

describe('crisis screener', () => {
  describe('levels API', () => {
    it('orders levels none < concern < urgent', () => {
      assert.deepEqual(RISK_LEVELS, ['none', 'concern', 'urgent']);
      assert.ok(levelRank('none') < levelRank('concern') && levelRank('concern') < levelRank('urgent'));
    });
    it('maxLevel picks the higher level', () => {
      assert.equal(maxLevel('none', 'urgent'), 'urgent');
      assert.equal(maxLevel('concern', 'none'), 'concern');
      assert.equal(maxLevel('urgent', 'concern'), 'urgent');
    });
  });

  table('passive ideation is concern', [
    ['I wish I were dead', 'concern', S],
    ['sometimes I wish I could just not wake up', 'concern', S],
    ['everyone would be better off without me', 'concern', S],
    ['I want to die', 'concern', S],
    ['no quiero despertar', 'concern', S],
    ['ojalá no despertar', 'concern', S],
    ['me quiero morir', 'concern', S],
    ['quiero desaparecer', 'concern', S],
  ]);

  table('active ideation, intent, plan, means, preparation, acts and farewells are urgent', [
    ['I want to kill myself', 'urgent', S],
    ['me quiero matar', 'urgent', S],
    ['quiero matarme', 'urgent', S],
    ["I'm going to kill myself tonight", 'urgent', S],
    ['I have a plan to end my life', 'urgent', S],
    ['I have the pills ready', 'urgent', S],
    ['I wrote my note and gave away my things', 'urgent', S],
    ['I took all the pills', 'urgent', S],
    ['me tomé todas las pastillas', 'urgent', S],
    ['this is my last message', 'urgent', S],
    ['goodbye everyone, tell my mom I love her', 'urgent', S],
    ['esta es mi despedida', 'urgent', S],
  ]);

  table('self-harm, harm by others and disordered eating are concern', [
    ['i keep thinking about hurting myself', 'concern', S],
    ['tengo ganas de cortarme otra vez', 'concern', S],
    ['he hits me when he drinks', 'concern', B],
    ['mi pareja me pega', 'concern', B],
    ["I'm scared of my partner, he hurts me", 'concern', B],
    ["I've been starving myself", 'concern', E],
    ['I make myself throw up after eating', 'concern', E],
    ['no como nada para adelgazar', 'concern', E],
  ]);

  table('harm to others and immediate danger are urgent', [
    ["I'm going to hurt him", 'urgent', O],
    ['voy a matarlo', 'urgent', O],
    ["he's outside with a knife", 'urgent', B],
    ['me va a matar, está golpeando la puerta', 'urgent', B],
    ['my boyfriend is choking me right now help', 'urgent', B],
  ]);

  table('being told to kill oneself is bullying, not the writer\'s own ideation', [
    ['my classmates keep telling me to kill myself', 'concern', B],
    ['someone commented kys on my post', 'concern', B],
    ["people at school tell me to kys and maybe they're right", 'concern', ['self_harm_suicide', 'harmed_by_others']],
    ['en la escuela me dicen que me mate', 'concern', B],
    ['mi amiga me dijo que me tirara a la piscina y le hablara', 'none'],
    ['kys', 'none'],
  ]);

  table('questions about means', [
    ['how many paracetamol would be lethal', 'urgent', S],
    ['¿cuántas pastillas hacen falta para no despertar?', 'urgent', S],
    ['lost my job today. what bridges in the city are taller than 25m', 'urgent', S],
    ["what's the tallest bridge near me, I can't take it anymore", 'urgent', S],
    // A means-like question with no distress at all is trivia (documented choice).
    ["what's the tallest bridge in New York? pub quiz question", 'none'],
    ['how many ibuprofen can I take for period cramps', 'none'],
  ]);

  table('slang and algospeak', [
    ['kms', 'urgent', S],
    ['i wanna kms fr', 'urgent', S],
    ["i'm going to unalive myself", 'urgent', S],
    ['thinking about sewerslide a lot lately', 'concern', S],
    ["I've decided to self-delete this weekend", 'urgent', S],
    ['planning to ctb tonight', 'urgent', S],
    ["I'm going to end it all tonight", 'urgent', S],
    ['ran 5 kms this morning', 'none'],
    ['this message will self-delete in 10 seconds', 'none'],
    ['I need to catch the bus at 7', 'none'],
  ]);

  table('obfuscation', [
    ['k1ll mys3lf', 'urgent', S],
    ['I want to ѕuicide', 'urgent', S],
    ['i want to k\u200Bill my\u200Dself', 'urgent', S],
    ['k i l l  m y s e l f', 'urgent', S],
    ['i want to diiiiie tonight', 'urgent', S],
    ['𝐈 𝐰𝐚𝐧𝐭 𝐭𝐨 𝐤𝐢𝐥𝐥 𝐦𝐲𝐬𝐞𝐥𝐟', 'urgent', S],
    ['m e q u i e r o m a t a r', 'urgent', S],
  ]);

  table('a denial cancels only the phrase it governs', [
    ["I'd never hurt myself", 'none'],
    ["I'm not suicidal", 'none'],
    ['no quiero morir', 'none'],
    ['nunca me mataría', 'none'],
    ['I would never hurt myself but I wish I could not wake up', 'concern', S],
    ["I'd never hurt anyone else, but I'm going to kill myself", 'urgent', S],
    ['nunca me haría daño pero ojalá no despertara', 'concern', S],
    ["I'm not going to do anything stupid, but I've been looking at the bridge", 'urgent', S],
    ["I can't stop thinking about killing myself", 'concern', S],
    ["I don't want to live anymore", 'concern', S],
  ]);

  table('idioms and hyperbole do not fire', [
    ['this commute is killing me', 'none'],
    ["I'm dying to see that film", 'none'],
    ["I'd kill for a coffee", 'none'],
    ['dead tired', 'none'],
    ['I need to cut myself some slack', 'none'],
    ['me muero de hambre', 'none'],
    ['mataría por un café', 'none'],
    ['me mata de risa', 'none'],
    ['killing it at work', 'none'],
    ['the battery died', 'none'],
    ['drop dead gorgeous', 'none'],
    ['I killed the boss on level 3', 'none'],
    ['how do I kill the process', 'none'],
    ['suicide squad is on tonight', 'none'],
    ['my mom is going to kill me when she sees my grades', 'none'],
    ['la película de terror me mató del susto', 'none'],
    ["I'm going to kill myself if I have to sit through one more meeting lol", 'concern', S],
  ]);

  table('past history', [
    ["years ago I attempted but I'm in a good place now", 'none'],
    ['hace años intenté suicidarme, pero ahora estoy bien', 'none'],
    ['I tried to kill myself 2 years ago and lately I feel that hopeless again', 'concern', S],
    ['I tried to kill myself 2 years ago and I want to do it again', 'urgent', S],
  ]);

  describe('third parties', () => {
    it('someone else at risk is concern with the third-party category', () => {
      const result = screenMessage('my friend wants to kill herself, what do I do');
      assert.equal(result.level, 'concern');
      assert.equal(result.thirdParty, true);
      assert.deepEqual(result.categories, TS);
      assert.ok(result.signals.includes('third_party'));
    });
    it('works in Spanish from the verb and clitic', () => {
      const result = screenMessage('mi hermana dice que se quiere morir');
      assert.equal(result.level, 'concern');
      assert.equal(result.thirdParty, true);
      assert.deepEqual(result.categories, TS);
    });
    it('someone else in danger right now stays urgent', () => {
      const result = screenMessage("my friend just took a bunch of pills and won't wake up");
      assert.equal(result.level, 'urgent');
      assert.equal(result.thirdParty, true);
    });
    it('"asking for a friend" is also treated as possible self-concern', () => {
      const result = screenMessage('asking for a friend: how many pills would it take to not wake up');
      assert.equal(result.level, 'urgent');
      assert.equal(result.thirdParty, true);
      assert.deepEqual(result.categories, TS);
      assert.ok(result.signals.includes('asking_for_a_friend'));
    });
    it('"asking for a friend" about something harmless is none', () => {
      const result = screenMessage("asking for a friend: what's a good gift for a new dad?");
      assert.equal(result.level, 'none');
      assert.equal(result.thirdParty, false);
    });
    it('"I feel the same" puts the writer in the same place', () => {
      const result = screenMessage('my friend told me she wants to kill herself and honestly I feel the same');
      assert.equal(result.level, 'urgent');
      assert.equal(result.thirdParty, true);
    });
  });

  describe('result shape', () => {
    it('evidence quotes the original message, signals carry no text', () => {
      const text = 'Honestly… I WANT TO K1LL MYSELF tonight';
      const result = screenMessage(text);
      assert.equal(result.level, 'urgent');
      assert.ok(result.evidence.length > 0);
      for (const e of result.evidence) {
        assert.ok(text.includes(e), `evidence "${e}" is not from the original`);
        assert.ok(e.length <= 120);
      }
      for (const s of result.signals) assert.match(s, /^[a-z_]+$/);
      assert.ok(result.signals.includes('obfuscation'));
    });
    it('evidence is short even for a long match', () => {
      const result = screenMessage(`I want to kill ${'\u200B'.repeat(300)}myself`);
      assert.equal(result.level, 'urgent');
      for (const e of result.evidence) assert.ok(e.length <= 120);
    });
    it('a none message has no evidence and no categories', () => {
      const result = screenMessage('my mood is 6/10 today');
      assert.deepEqual(
        { level: result.level, categories: result.categories, evidence: result.evidence, thirdParty: result.thirdParty },
        { level: 'none', categories: [], evidence: [], thirdParty: false },
      );
    });
    it('the history entry records time, level and signals', () => {
      const now = new Date('2025-05-01T12:00:00Z');
      const result = screenMessage('I want to die', { now });
      assert.deepEqual(result.historyEntry, {
        at: '2025-05-01T12:00:00.000Z',
        level: 'concern',
        categories: ['self_harm_suicide'],
        signals: ['passive_ideation'],
      });
    });
    it('handles empty and odd input', () => {
      for (const text of ['', ' ', '\u200B', '...', '😀', '\uD800', 'a'.repeat(5)]) assert.equal(screenMessage(text).level, 'none');
    });
  });

  describe('conversation window', () => {
    const t0 = Date.parse('2025-05-01T12:00:00Z');
    const at = (minutes: number): Date => new Date(t0 + minutes * 60_000);
    function run(messages: string[], minutesApart = 5, windowMinutes?: number): { levels: RiskLevel[]; history: ScreeningHistoryEntry[] } {
      const history: ScreeningHistoryEntry[] = [];
      const levels: RiskLevel[] = [];
      messages.forEach((m, i) => {
        const result = screenMessage(m, { history, now: at(i * minutesApart), windowMinutes });
        levels.push(result.level);
        history.push(result.historyEntry);
      });
      return { levels, history };
    }

    it('a retraction never lowers the level', () => {
      assert.deepEqual(run(['I want to kill myself', 'never mind, I was just being dramatic', 'how was your day?']).levels, [
        'urgent',
        'urgent',
        'urgent',
      ]);
    });
    it('signals accumulate across messages', () => {
      const { levels } = run(['nothing is ever going to get better', "I'm just a burden", "I won't be around much longer"]);
      assert.equal(levels[2], 'urgent');
    });
    it('a means question after distress is urgent', () => {
      assert.deepEqual(run(['I lost my job today', 'what bridges in the city are taller than 25m']).levels, ['none', 'urgent']);
    });
    it('entries older than the window are ignored', () => {
      assert.deepEqual(run(['I lost my job today', 'what bridges in the city are taller than 25m'], 25 * 60).levels, ['none', 'none']);
      assert.deepEqual(run(['I want to die', 'thanks for listening'], 90, 60).levels, ['concern', 'none']);
    });
    it('a stored entry holds what the message raised, not the inherited level, so a flag expires', () => {
      const { history } = run(['I want to die', 'thanks for listening']);
      assert.equal(history[1].level, 'none');
    });
    it('ignores malformed and future entries', () => {
      const history = [
        { at: 'not a date', level: 'urgent', categories: [], signals: ['active_ideation'] },
        { at: at(60).toISOString(), level: 'urgent', categories: [], signals: [] },
      ] as ScreeningHistoryEntry[];
      assert.equal(screenMessage('hello', { history, now: at(0) }).level, 'none');
    });
    it('keeps the window categories when the level is inherited', () => {
      const history = [screenMessage('he hits me when he drinks', { now: at(0) }).historyEntry];
      const result = screenMessage('ok thanks', { history, now: at(5) });
      assert.equal(result.level, 'concern');
      assert.deepEqual(result.categories, ['harmed_by_others']);
      assert.equal(result.messageLevel, 'none');
    });
  });

  describe('performance', () => {
    it('screens a 10,000-character message in a few milliseconds', () => {
      const long = 'I had a long day at work and then I went to the shop for bread. '.repeat(160).slice(0, 10_000);
      screenMessage(long);
      const start = process.hrtime.bigint();
      for (let i = 0; i < 10; i += 1) screenMessage(long);
      const ms = Number(process.hrtime.bigint() - start) / 1e6 / 10;
      assert.ok(ms < 25, `took ${ms.toFixed(1)} ms`);
    });
    it('stays linear on adversarial input', () => {
      const inputs = [
        'k i l l '.repeat(1200),
        'a'.repeat(10_000),
        `${'i want to '.repeat(1000)}die`,
        `${'no '.repeat(3000)}quiero morir`,
        `${'\u200B'.repeat(5000)}kill myself`,
        '💊'.repeat(4000),
      ];
      for (const input of inputs) {
        const start = process.hrtime.bigint();
        screenMessage(input);
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        assert.ok(ms < 200, `${JSON.stringify(input.slice(0, 20))}… took ${ms.toFixed(1)} ms`);
      }
    });
  });

  describe('rule anchors (the gate that decides which rules run)', () => {
    const alternatives = [...en.rules, ...es.rules].flatMap((r) =>
      splitAlternatives(r.pattern.source).map((source) => ({ id: r.id, source, re: new RegExp(source, 'g') })),
    );
    const devTexts = loadDevSet().map((i) => normalise(i.text).text);

    it('every rule alternative has anchors', () => {
      for (const a of alternatives) assert.notEqual(requiredLiterals(a.source), null, `${a.id}: /${a.source}/`);
    });
    it('every match found in the dev set contains one of its anchors', () => {
      for (const a of alternatives) {
        const anchors = [...(requiredLiterals(a.source) ?? [])];
        for (const text of devTexts) {
          for (const m of text.matchAll(a.re)) {
            assert.ok(anchors.some((x) => m[0].includes(x)), `${a.id} matched "${m[0]}" without any of ${anchors.join('|')}`);
          }
        }
      }
    });
    it('the analysis is sound on generated patterns', () => {
      const word = fc.constantFrom('kill', 'me', 'my', 'self', 'die', 'to', 'want', 'a', 'b');
      const atom: fc.Arbitrary<string> = fc.oneof(
        word,
        fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => `(?:${ws.join('|')})`),
        word.map((w) => `(?:${w} )?`),
        word.map((w) => `(?:${w})+`),
        fc.constant('\\b'),
        fc.constant(' '),
        fc.constant('\\w+'),
      );
      fc.assert(
        fc.property(fc.array(atom, { minLength: 1, maxLength: 6 }), fc.array(word, { maxLength: 12 }), (atoms, words) => {
          const source = atoms.join('');
          const anchors = requiredLiterals(source);
          if (anchors === null) return;
          for (const m of words.join(' ').matchAll(new RegExp(source, 'g'))) {
            if (m[0].length > 0) assert.ok([...anchors].some((x) => m[0].includes(x)), `/${source}/ on "${m[0]}"`);
          }
        }),
        { numRuns: 2000 },
      );
    });
  });
});
