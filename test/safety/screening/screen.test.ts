import assert from 'node:assert/strict';
import { screenMessage, type ScreeningHistoryEntry } from '../../../src/safety/screener';
import { FEATURE_COUNT } from '../../../src/safety/screening/features';
import type { ScreeningModel, Thresholds } from '../../../src/safety/screening/model';

/**
 * One message's screening as the chat and the clinician see it: the level, whether the chat asks before alerting
 * (`confirm`), the categories and the quoted evidence in the alert, whether the helpers' response for someone else
 * applies, and what is stored for the next message. The lexicon decides unless a test hands in its own model.
 */
const NOW = new Date('2026-03-10T12:00:00.000Z');
const lexicon = (text: string, history?: ScreeningHistoryEntry[]) => screenMessage(text, { model: false, now: NOW, history });

/** A learned layer whose scores are the same for every message: it shows what the screener does with a score. */
function constantModel(flagged: number, urgent: number, thresholds: Partial<Record<'en' | 'es', Thresholds>> = {}): ScreeningModel {
  const logit = (p: number): number => Math.log(p / (1 - p));
  const standard = { flagged: 0.5, urgent: 0.5 };
  return {
    flagged: { bias: logit(flagged), weights: new Float32Array(FEATURE_COUNT) },
    urgent: { bias: logit(urgent), weights: new Float32Array(FEATURE_COUNT) },
    thresholds: { en: thresholds.en ?? standard, es: thresholds.es ?? standard },
  };
}
const ALWAYS_CONCERN = constantModel(0.9, 0.1);
const ALWAYS_URGENT = constantModel(0.9, 0.9);

describe('screening one message', () => {
  describe('what the alert quotes', () => {
    it('quotes the person’s own words, with their capitals and accents', () => {
      assert.deepEqual(lexicon('Me quiero MORIR').evidence, ['Me quiero MORIR']);
      assert.deepEqual(lexicon('I want to die').evidence, ['want to die']);
    });

    it('quotes a phrase said twice only once', () => {
      const result = lexicon('I want to die. I want to die!');
      assert.equal(result.level, 'concern');
      assert.deepEqual(result.evidence, ['want to die']);
    });

    it('does not quote a denied phrase, but still alerts on the phrase that is not denied', () => {
      const result = lexicon("I don't want to kill myself but I want to die");
      assert.equal(result.level, 'concern');
      assert.deepEqual(result.evidence, ['want to die']);
      assert.ok(result.signals.includes('denial'));
    });

    it('cuts a very long quoted phrase to 120 characters ending in an ellipsis', () => {
      const text = `I want to kill ${'\u200B'.repeat(300)}myself`;
      const result = lexicon(text);
      assert.equal(result.level, 'urgent');
      const long = result.evidence.find((e) => e.endsWith('…'));
      assert.ok(long !== undefined, JSON.stringify(result.evidence));
      assert.equal(long.length, 120);
      assert.ok(text.startsWith(long.slice(0, -1)) || text.includes(long.slice(0, -1)));
      for (const e of result.evidence) assert.ok(e.length <= 120);
    });

    it('quotes a phrase of exactly 120 characters whole', () => {
      const text = `I want to kill ${'\u200B'.repeat(109)}myself`;
      const [quote] = lexicon(text).evidence;
      assert.equal(quote.length, 120);
      assert.ok(!quote.endsWith('…'));
      assert.ok(text.endsWith(quote));
    });

    it('quotes at most eight phrases however many there are', () => {
      const text = [
        'I want to die', 'I want to kill myself', 'I have the pills ready', 'I wrote my goodbye letters',
        'I am a burden to everyone', 'nobody would miss me', 'I have been cutting myself', 'tonight is the night',
        "I won't be around much longer", 'he hits me',
      ].join('. ');
      const result = lexicon(text);
      assert.equal(result.level, 'urgent');
      assert.equal(result.evidence.length, 8, JSON.stringify(result.evidence));
      assert.ok(result.evidence.every((e) => e.trim() === e && e !== ''));
    });

    it('a past attempt with distress today quotes both', () => {
      const result = lexicon('I tried to kill myself two years ago and I feel awful today');
      assert.equal(result.level, 'concern');
      assert.equal(result.confirm, true);
      assert.ok(result.evidence.includes('I feel awful'), JSON.stringify(result.evidence));
      assert.ok(result.evidence.some((e) => e.includes('kill myself')), JSON.stringify(result.evidence));
    });

    it('a retraction is not quoted, and a message that flags nothing quotes nothing', () => {
      const retraction = lexicon('never mind, I was just being dramatic');
      assert.equal(retraction.level, 'none');
      assert.ok(retraction.signals.includes('retraction'));
      assert.deepEqual(retraction.evidence, []);
      const distress = lexicon('I feel awful');
      assert.equal(distress.level, 'none');
      assert.deepEqual(distress.signals, ['distress']);
      assert.deepEqual(distress.evidence, []);
      assert.deepEqual(distress.categories, []);
    });

    it('a retraction after an urgent message keeps the window urgent but quotes nothing of its own', () => {
      const history = [lexicon('I want to kill myself').historyEntry];
      const result = lexicon('never mind, I was just being dramatic', history);
      assert.equal(result.level, 'urgent');
      assert.deepEqual(result.evidence, []);
      assert.equal(result.historyEntry.level, 'none');
    });
  });

  describe('someone else at risk', () => {
    it('a friend’s wish to kill herself is a concern for the helper, with the third-party response', () => {
      for (const text of ['my friend wants to kill herself', 'mi amiga dice que se va a matar']) {
        const result = lexicon(text);
        assert.equal(result.level, 'concern', text);
        assert.equal(result.thirdParty, true);
        assert.equal(result.confirm, false);
        assert.deepEqual(result.categories, ['self_harm_suicide', 'third_party']);
        assert.ok(result.signals.includes('third_party'));
        // The writer's own state is not recorded as the friend's ideation.
        assert.ok(!result.signals.includes('active_ideation'), result.signals.join(', '));
      }
    });

    it('someone else in danger right now stays urgent', () => {
      for (const text of [
        "my friend just took a bunch of pills and won't wake up",
        'he is on the bridge right now and says he wants to kill himself',
        'my friend is on the roof right now, she has a plan to kill herself',
        'my friend is going to take all her pills right now',
        'my brother is on the bridge right now, he decided to end his life tonight',
      ]) {
        const result = lexicon(text);
        assert.equal(result.level, 'urgent', text);
        assert.equal(result.thirdParty, true);
      }
    });

    it('a character in a game is nobody at risk, unless the writer says they feel the same', () => {
      const story = lexicon('in the game my character wants to kill himself');
      assert.equal(story.level, 'none');
      assert.equal(story.thirdParty, false);
      assert.deepEqual(story.signals, ['fiction']);
      const same = lexicon('in the game my character wants to kill himself and honestly I feel the same');
      assert.equal(same.level, 'urgent');
      assert.ok(same.signals.includes('active_ideation'));
    });

    it('a story about someone in danger right now still reaches the helper', () => {
      const result = lexicon('in the news a man on the bridge right now wants to kill himself');
      assert.equal(result.level, 'urgent');
      assert.equal(result.thirdParty, true);
    });

    it('"I feel the same" puts the writer where the friend is', () => {
      const result = lexicon('my friend wants to kill herself and honestly I feel the same');
      assert.equal(result.level, 'urgent');
      assert.equal(result.thirdParty, true);
      assert.deepEqual(result.categories, ['self_harm_suicide', 'third_party']);
      assert.ok(result.signals.includes('active_ideation'));
      assert.ok(result.evidence.includes('kill herself'));
    });

    it('someone else’s past attempt is not the writer’s risk', () => {
      const result = lexicon('my brother tried to kill himself years ago');
      assert.equal(result.level, 'none');
      assert.equal(result.thirdParty, false);
    });

    it('"asking for a friend" about a means question is urgent and treated as possibly the writer', () => {
      for (const text of ["asking for a friend: what's the tallest bridge in town", 'pregunto por una amiga: cuántas pastillas hacen falta para morir']) {
        const result = lexicon(text);
        assert.equal(result.level, 'urgent', text);
        assert.equal(result.thirdParty, true);
        assert.equal(result.confirm, false);
        assert.deepEqual(result.categories, ['self_harm_suicide', 'third_party']);
        assert.ok(result.signals.includes('asking_for_a_friend'));
      }
    });

    it('"asking for a friend" about someone who would never do it, or about a gift, is none', () => {
      for (const text of ['asking for a friend, he would never kill himself', "asking for a friend: what's a good gift for a new dad?"]) {
        const result = lexicon(text);
        assert.equal(result.level, 'none', text);
        assert.equal(result.thirdParty, false);
        assert.deepEqual(result.categories, []);
      }
    });
  });

  describe('weak signals in one message', () => {
    it('a means question with distress in the same message is urgent and alerted at once', () => {
      const result = lexicon("I lost my job. what's the tallest bridge in town");
      assert.equal(result.level, 'urgent');
      assert.equal(result.messageLevel, 'urgent');
      assert.equal(result.confirm, false);
      assert.deepEqual(result.categories, ['self_harm_suicide']);
      assert.ok(result.signals.includes('means_question'));
      assert.equal(result.historyEntry.level, 'urgent');
      assert.equal(result.historyEntry.confirm, undefined);
      assert.deepEqual(result.historyEntry.signals, ['ambiguous_means', 'distress', 'means_question']);
    });

    it('the same question without distress is none', () => {
      const result = lexicon("what's the tallest bridge in town");
      assert.equal(result.level, 'none');
      assert.deepEqual(result.signals, ['ambiguous_means']);
    });

    it('answering "When will you do it?", "I\'m doing it tomorrow" is the answer; a risk phrase beside it still counts', () => {
      for (const text of ["I'm doing it tomorrow", 'lo hago mañana']) {
        assert.equal(lexicon(text).level, 'urgent', text);
        const answer = screenMessage(text, { model: false, now: NOW, answering: 'when' });
        assert.equal(answer.level, 'none', text);
        assert.deepEqual(answer.historyEntry.signals.includes('bare_it_pointer'), false, text);
      }
      const withRisk = screenMessage("I'm doing it tomorrow, i want to kill myself", { model: false, now: NOW, answering: 'when' });
      assert.equal(withRisk.level, 'urgent');
    });

    it('"I\'m doing it" on its own is urgent but asked about first', () => {
      for (const text of ["I'm doing it", 'ya lo voy a hacer']) {
        const result = lexicon(text);
        assert.equal(result.level, 'urgent', text);
        assert.equal(result.confirm, true);
        // The next turn still knows it was uncertain: the window keeps it urgent, still to be asked about.
        assert.equal(result.historyEntry.confirm, true, text);
        const next = screenMessage('ok', { history: [result.historyEntry], now: new Date(Date.parse(result.historyEntry.at) + 60_000), model: false });
        assert.equal(next.level, 'urgent', text);
        assert.equal(next.confirm, true, text);
      }
    });
  });

  describe('what the phrases are sure of, and what is asked about first', () => {
    const cases: [string, string, boolean, string[]][] = [
      // A joke marker makes explicit words a check, asked first; the same words without it alert at once.
      ['kms lol', 'concern', true, ['active_ideation', 'hyperbole']],
      ['kms', 'urgent', false, ['active_ideation']],
      ['i want to die lol', 'concern', true, ['hyperbole', 'passive_ideation']],
      ['i want to die', 'concern', false, ['passive_ideation']],
      ['me quiero morir jajaja', 'concern', true, ['hyperbole', 'passive_ideation']],
      // Despair that is the whole message: asked first. With something certain beside it, alerted at once.
      ["what's the point", 'concern', true, ['hopelessness']],
      ['no aguanto más', 'concern', true, ['distress', 'hopelessness']],
      ["what's the point, i want to kill myself", 'urgent', false, ['active_ideation', 'hopelessness']],
      // Someone else's risk is what the phrase says, not a joke: alerted at once.
      ['my friend said she wants to kill herself', 'concern', false, ['third_party']],
      ['in the game my character kills himself at the end and honestly i feel the same', 'urgent', false, ['active_ideation', 'identification']],
    ];
    for (const [text, level, confirm, signals] of cases) {
      it(`${JSON.stringify(text)} → ${level}${confirm ? ', asked first' : ', alerted at once'}`, () => {
        const result = lexicon(text);
        assert.deepEqual([result.level, result.confirm], [level, confirm]);
        for (const signal of signals) assert.ok(result.signals.includes(signal), `${signal} missing from ${result.signals.join(', ')}`);
        assert.equal(result.historyEntry.confirm, confirm ? true : undefined);
      });
    }
    it('a laugh does not make a passive wish with a time tonight a joke', () => {
      const result = lexicon('i want to die tonight lol');
      assert.deepEqual([result.level, result.confirm], ['urgent', false]);
    });
  });

  describe('disguised words', () => {
    it('a disguised risk phrase is marked as disguised; a disguised greeting is not', () => {
      const risk = lexicon('k1ll mys3lf');
      assert.equal(risk.level, 'urgent');
      assert.ok(risk.signals.includes('obfuscation'));
      assert.deepEqual(risk.evidence, ['k1ll mys3lf']);
      const greeting = lexicon('h3ll0 fr13nd');
      assert.equal(greeting.level, 'none');
      assert.deepEqual(greeting.signals, []);
    });

    it('stretched letters are read', () => {
      const result = lexicon('I want to diiiie');
      assert.equal(result.level, 'concern');
      assert.ok(result.signals.includes('obfuscation'));
    });
  });

  describe('what is stored for the next message', () => {
    it('the entry carries the time of this message, for every message', () => {
      const first = screenMessage('I want to die', { model: false, now: new Date('2026-03-10T12:00:00.000Z') });
      const second = screenMessage('I want to die', { model: false, now: new Date('2026-03-10T12:05:00.000Z') });
      const calm = screenMessage('see you thursday', { model: false, now: new Date('2026-03-10T12:06:00.000Z') });
      assert.equal(first.historyEntry.at, '2026-03-10T12:00:00.000Z');
      assert.equal(second.historyEntry.at, '2026-03-10T12:05:00.000Z');
      assert.equal(calm.historyEntry.at, '2026-03-10T12:06:00.000Z');
      assert.deepEqual(first.historyEntry, { at: '2026-03-10T12:00:00.000Z', level: 'concern', categories: ['self_harm_suicide'], signals: ['passive_ideation'] });
    });

    it('a message that completes earlier weak signals is stored with the level they reached together', () => {
      const history = [lexicon('everything is pointless').historyEntry];
      assert.equal(history[0].level, 'none');
      const result = lexicon('nobody would miss me', history);
      assert.equal(result.level, 'concern');
      assert.equal(result.confirm, true);
      assert.equal(result.historyEntry.level, 'concern');
      assert.equal(result.historyEntry.confirm, true);
      assert.deepEqual(result.historyEntry.categories, ['self_harm_suicide']);
    });

    it('a means question after distress earlier is stored as urgent, to alert on without asking', () => {
      const history = [lexicon('I lost my job today').historyEntry];
      const result = lexicon("what's the tallest bridge in town", history);
      assert.equal(result.level, 'urgent');
      assert.equal(result.messageLevel, 'none');
      assert.equal(result.confirm, false);
      assert.equal(result.historyEntry.level, 'urgent');
      assert.equal(result.historyEntry.confirm, undefined);
    });

    it('a denial after earlier weak signals does not store their level as its own', () => {
      const history = [lexicon('everything is pointless').historyEntry, lexicon('nobody would miss me').historyEntry];
      const result = lexicon("but I would never kill myself", history);
      assert.equal(result.level, 'concern');
      assert.equal(result.historyEntry.level, 'none');
      assert.deepEqual(result.historyEntry.categories, []);
    });
  });

  describe('nothing to flag', () => {
    it('an ordinary message gets a plain none: no categories, no evidence, no one else, nothing to ask', () => {
      for (const options of [{ model: false as const }, { model: constantModel(0.01, 0.01) }]) {
        assert.deepEqual(screenMessage('see you thursday', { ...options, now: NOW }), {
          level: 'none',
          messageLevel: 'none',
          categories: [],
          signals: [],
          evidence: [],
          thirdParty: false,
          confirm: false,
          historyEntry: { at: '2026-03-10T12:00:00.000Z', level: 'none', categories: [], signals: [] },
        });
      }
    });

    it('an ordinary message in a conversation is stored as none, with nothing to ask about', () => {
      const history = [lexicon('see you thursday').historyEntry];
      assert.deepEqual(lexicon('ok thanks', history).historyEntry, { at: '2026-03-10T12:00:00.000Z', level: 'none', categories: [], signals: [] });
    });

    it('the writer’s own risk is not someone else’s', () => {
      for (const text of ['I want to die', 'I want to kill myself', 'he hits me']) assert.equal(lexicon(text).thirdParty, false, text);
    });
  });

  describe('someone else at risk, more', () => {
    it('a third party in immediate danger from someone stays urgent', () => {
      const result = lexicon("my friend texted me goodbye and now she's not answering");
      assert.equal(result.level, 'urgent');
      assert.equal(result.thirdParty, true);
      assert.deepEqual(result.categories, ['self_harm_suicide', 'third_party']);
    });

    it('someone else’s hopelessness is not recorded as the writer’s', () => {
      const result = lexicon('my sister feels hopeless');
      assert.equal(result.level, 'none');
      assert.deepEqual(result.signals, []);
    });

    it('a friend’s risk after the writer’s own weak signals is stored as the friend’s concern, not as the writer’s level', () => {
      const history: ScreeningHistoryEntry[] = [{ at: '2026-03-10T11:50:00.000Z', level: 'none', categories: [], signals: ['burden', 'not_around'] }];
      const result = lexicon('my friend wants to die', history);
      assert.equal(result.level, 'urgent');
      assert.equal(result.messageLevel, 'concern');
      assert.equal(result.historyEntry.level, 'concern');
    });
  });

  describe('what a message that only takes back, denies or jokes stores', () => {
    const hopeless: ScreeningHistoryEntry[] = [{ at: '2026-03-10T11:50:00.000Z', level: 'none', categories: [], signals: ['hopelessness', 'burden'] }];
    for (const text of [
      'never mind',
      'I would never kill myself',
      "I'm going to kill my sister lol",
      "asking for a friend: what's a good gift for a new dad?",
      'honestly I feel the same',
    ]) {
      it(`${JSON.stringify(text)} after hopelessness and burden: the window's concern stays, the entry raises nothing`, () => {
        const result = lexicon(text, hopeless);
        assert.equal(result.level, 'concern');
        assert.equal(result.historyEntry.level, 'none');
        assert.equal(result.historyEntry.confirm, undefined);
      });
    }

    it('a weak signal said together with a take-back still counts as the message’s own', () => {
      const history: ScreeningHistoryEntry[] = [{ at: '2026-03-10T11:50:00.000Z', level: 'none', categories: [], signals: ['hopelessness'] }];
      const result = lexicon('nobody would miss me, never mind', history);
      assert.equal(result.level, 'concern');
      assert.equal(result.historyEntry.level, 'concern');
      assert.equal(result.historyEntry.confirm, true);
      assert.deepEqual(result.historyEntry.signals, ['retraction', 'thwarted_belonging']);
    });
  });

  describe('categories across the window', () => {
    it('a new concern of the same level names its own category, not the window’s', () => {
      const history = [lexicon('he hits me').historyEntry];
      const result = lexicon('I want to die', history);
      assert.equal(result.level, 'concern');
      assert.deepEqual(result.categories, ['self_harm_suicide']);
    });

    it('a lower message under a higher window names both', () => {
      const history = [lexicon("my sister's husband is outside with a knife").historyEntry];
      const result = lexicon('I want to die', history);
      assert.equal(result.level, 'urgent');
      assert.deepEqual(result.categories, ['self_harm_suicide', 'harmed_by_others']);
    });
  });

  describe('odd input', () => {
    it('a text that arrives as another kind of value is still screened', () => {
      assert.equal(screenMessage(new String('I want to kill myself') as unknown as string, { model: false }).level, 'urgent');
      assert.equal(screenMessage(undefined as unknown as string, { model: false }).level, 'none');
      assert.equal(screenMessage(null as unknown as string, { model: false }).level, 'none');
    });
  });

  describe('the learned layer', () => {
    it('may raise words the lexicon does not know to a concern, which is asked about first', () => {
      const result = screenMessage('the zorblax is ready', { model: ALWAYS_CONCERN, now: NOW });
      assert.equal(result.level, 'concern');
      assert.equal(result.confirm, true);
      assert.deepEqual(result.categories, ['self_harm_suicide']);
      assert.deepEqual(result.signals, ['model_concern']);
      assert.deepEqual(result.evidence, []);
      assert.equal(result.historyEntry.level, 'concern');
      assert.equal(result.historyEntry.confirm, true);
    });

    it('raises to urgent with its own signal, and still asks first when nothing else is sure', () => {
      const result = screenMessage('the zorblax is ready', { model: ALWAYS_URGENT, now: NOW });
      assert.equal(result.level, 'urgent');
      assert.equal(result.confirm, true);
      assert.deepEqual(result.signals, ['model_urgent']);
    });

    it('raises a lexicon concern to urgent without asking, since the lexicon was sure of the concern', () => {
      const result = screenMessage('I want to die', { model: ALWAYS_URGENT, now: NOW });
      assert.equal(result.level, 'urgent');
      assert.equal(result.confirm, false);
      assert.deepEqual(result.signals, ['model_urgent', 'passive_ideation']);
    });

    it('has nothing to add to an urgent message', () => {
      const result = screenMessage('I want to kill myself', { model: ALWAYS_URGENT, now: NOW });
      assert.deepEqual(result.signals, ['active_ideation']);
    });

    it('may raise a message with only weak signals, adding self-harm as the category', () => {
      const result = screenMessage('I feel awful', { model: ALWAYS_CONCERN, now: NOW });
      assert.equal(result.level, 'concern');
      assert.deepEqual(result.categories, ['self_harm_suicide']);
      assert.deepEqual(result.signals, ['distress', 'model_concern']);
    });

    it('never lowers what the lexicon found', () => {
      const never = constantModel(0.01, 0.01);
      assert.equal(screenMessage('I want to kill myself', { model: never }).level, 'urgent');
      assert.equal(screenMessage('I want to die', { model: never }).level, 'concern');
    });

    it('is not consulted when switched off', () => {
      assert.equal(screenMessage('the zorblax is ready', { model: false }).level, 'none');
    });

    it('leaves a single code-like token (a card’s value, an id, a time) to the lexicon', () => {
      for (const text of ['mood_7', '2026-03-10T12:00', ' choice:3 ', 'a@b.co']) {
        assert.equal(screenMessage(text, { model: ALWAYS_URGENT }).level, 'none', text);
      }
      assert.equal(screenMessage('mood 7', { model: ALWAYS_URGENT }).level, 'urgent');
      assert.equal(screenMessage('choice_3 is what I feel', { model: ALWAYS_URGENT }).level, 'urgent');
    });

    it('uses the thresholds of the person’s language, or guesses the language from the words', () => {
      // Scores of 0.6: over the English threshold (0.5), under the Spanish one (0.7).
      const model = constantModel(0.6, 0.1, { en: { flagged: 0.5, urgent: 0.9 }, es: { flagged: 0.7, urgent: 0.9 } });
      const level = (text: string, locale?: string) => screenMessage(text, { model, locale }).level;
      assert.equal(level('hoy fui al mercado con mi hermana', 'en'), 'concern');
      assert.equal(level('I went to the market today', 'es'), 'none');
      assert.equal(level('I went to the market and it was fine', 'pt'), 'concern');
      assert.equal(level('hoy fui al mercado y no estaba', 'pt'), 'none');
      assert.equal(level('hoy fui al mercado y no estaba'), 'none');
      // When the words do not tell, the lower (more careful) threshold applies.
      assert.equal(level('zorblax', 'pt'), 'concern');
    });

    it('the shipped model is used unless another is given', () => {
      const text = 'the zorblax is ready';
      assert.deepEqual(screenMessage(text, { model: true, now: NOW }), screenMessage(text, { now: NOW }));
    });

    it('raising a message about being hurt keeps its category', () => {
      const result = screenMessage('he hits me', { model: ALWAYS_URGENT, now: NOW });
      assert.equal(result.level, 'urgent');
      assert.deepEqual(result.categories, ['harmed_by_others']);
    });

    it('in a conversation, a raised level is stored as this message’s own', () => {
      const history = [lexicon('see you thursday').historyEntry];
      const result = screenMessage('the zorblax is ready', { model: ALWAYS_CONCERN, now: NOW, history });
      assert.equal(result.level, 'concern');
      assert.equal(result.historyEntry.level, 'concern');
      assert.equal(result.historyEntry.confirm, true);
    });
  });
});
