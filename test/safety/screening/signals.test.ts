import assert from 'node:assert/strict';
import { screenMessage, type RiskLevel, type ScreeningHistoryEntry } from '../../../src/safety/screener';

/**
 * Weak signals combined: what a harmless reply gets when earlier messages in the window left these signals behind
 * (each earlier message on its own raised nothing). `ask` is whether the chat asks the person before alerting.
 * The same combinations hold inside one message; a few are checked with real words at the end.
 */
const NOW = new Date('2026-03-10T12:00:00.000Z');

function afterSignals(signals: string[]) {
  const history: ScreeningHistoryEntry[] = signals.map((s, i) => ({
    at: new Date(NOW.getTime() - (signals.length - i) * 60_000).toISOString(),
    level: 'none',
    categories: [],
    signals: [s],
  }));
  return screenMessage('ok thanks', { history, now: NOW, model: false });
}

type Row = [signals: string[], level: RiskLevel, ask?: boolean];

function table(name: string, rows: Row[]): void {
  describe(name, () => {
    for (const [signals, level, ask] of rows) {
      it(`${signals.join(' + ')} → ${level}${ask ? ', asked first' : ''}`, () => {
        const result = afterSignals(signals);
        assert.equal(result.level, level, `signals: ${result.signals.join(', ')}`);
        assert.equal(result.confirm, level !== 'none' && (ask ?? level === 'concern'));
        // The reply itself said nothing: its own signals (what is logged for it) stay empty.
        assert.deepEqual(result.signals, []);
        if (level !== 'none') assert.deepEqual(result.categories, ['self_harm_suicide']);
        else assert.deepEqual(result.categories, []);
      });
    }
  });
}

describe('screening: weak signals combined', () => {
  table('one weak signal alone is never a level', [
    [['hopelessness'], 'none'],
    [['burden'], 'none'],
    [['not_around'], 'none'],
    [['distress'], 'none'],
    [['past_history'], 'none'],
    [['ambiguous_means'], 'none'],
    [['means_hint'], 'none'],
    [['plan_hint'], 'none'],
    [['decision_hint'], 'none'],
    [['intent_hint'], 'none'],
    [['capability'], 'none'],
  ]);

  table('two warning signs are a concern to ask about; with "won\'t be around" they are urgent', [
    [['hopelessness', 'burden'], 'concern'],
    [['thwarted_belonging', 'capability'], 'concern'],
    [['burden', 'thwarted_belonging'], 'concern'],
    [['hopelessness', 'capability'], 'concern'],
    [['burden', 'not_around'], 'urgent'],
    [['not_around', 'capability'], 'urgent'],
  ]);

  table('three signs of general distress are a concern; with "won\'t be around" urgent', [
    [['distress', 'self_harm', 'suicidal_thoughts'], 'concern'],
    [['passive_ideation', 'self_harm', 'past_history'], 'concern'],
    [['hopelessness', 'self_harm', 'suicidal_thoughts'], 'concern'],
    [['burden', 'self_harm', 'suicidal_thoughts'], 'concern'],
    [['thwarted_belonging', 'self_harm', 'suicidal_thoughts'], 'concern'],
    [['capability', 'self_harm', 'suicidal_thoughts'], 'concern'],
    [['not_around', 'self_harm', 'suicidal_thoughts'], 'urgent'],
    [['distress', 'passive_ideation', 'self_harm'], 'concern'],
    [['distress', 'self_harm'], 'none'],
    [['distress', 'farewell', 'veiled_act'], 'none'],
  ]);

  table('a past attempt with present distress is a concern to ask about', [
    [['past_history', 'distress'], 'concern'],
    [['past_history', 'hopelessness'], 'concern'],
    [['past_history', 'burden'], 'concern'],
    [['past_history', 'thwarted_belonging'], 'concern'],
    [['past_history', 'capability'], 'none'],
  ]);

  describe('a means-like question in any distress is urgent, alerted at once', () => {
    const context = [
      'distress', 'hopelessness', 'burden', 'thwarted_belonging', 'not_around', 'passive_ideation', 'suicidal_thoughts',
      'active_ideation', 'self_harm', 'farewell', 'veiled_act', 'asking_for_a_friend', 'harmed_by_others', 'intent',
      'plan', 'means', 'preparation', 'past_history',
    ];
    for (const other of context) {
      it(`ambiguous_means + ${other} → urgent`, () => {
        const result = afterSignals(['ambiguous_means', other]);
        assert.equal(result.level, 'urgent');
        assert.equal(result.confirm, false);
        assert.deepEqual(result.signals, ['means_question']);
      });
    }
    it('ambiguous_means + capability (no distress) → none, and no means question is recorded', () => {
      const result = afterSignals(['ambiguous_means', 'capability']);
      assert.equal(result.level, 'none');
      assert.ok(!result.signals.includes('means_question'));
    });
  });

  table('a hint of a plan, preparation, recurrence or timing with ideation is urgent', [
    ...(['passive_ideation', 'suicidal_thoughts', 'active_ideation', 'self_harm', 'not_around', 'hopelessness', 'burden',
      'thwarted_belonging', 'capability', 'past_history', 'veiled_act', 'farewell', 'intent'].map((s): Row => [['plan_hint', s], 'urgent', false])),
    [['preparation_hint', 'passive_ideation'], 'urgent', false],
    [['recurrence_hint', 'passive_ideation'], 'urgent', false],
    [['intent_hint', 'passive_ideation'], 'urgent', false],
    [['recurrence_hint', 'distress'], 'none'],
  ]);

  table('means at hand with ideation or despair is urgent', [
    ...(['passive_ideation', 'suicidal_thoughts', 'active_ideation', 'not_around', 'veiled_act', 'intent', 'capability',
      'hopelessness', 'burden', 'thwarted_belonging', 'distress'].map((s): Row => [['means_hint', s], 'urgent', false])),
    [['means_hint', 'self_harm'], 'none'],
    [['means_hint', 'plan_hint'], 'urgent', false],
  ]);

  table('"I\'ve decided" with a time, means, a plan or preparation is urgent', [
    [['decision_hint', 'intent_hint'], 'urgent', false],
    [['decision_hint', 'means_hint'], 'urgent', false],
    [['decision_hint', 'plan_hint'], 'urgent', false],
    [['decision_hint', 'preparation_hint'], 'urgent', false],
    [['intent_hint', 'means_hint'], 'urgent', false],
    [['intent_hint', 'plan_hint'], 'urgent', false],
    [['decision_hint', 'distress'], 'none'],
  ]);

  describe('thoughts that come back, beside a denial or a past act, are suicidal thoughts to ask about', () => {
    for (const other of ['denial', 'past_history']) {
      it(`thoughts_hint + ${other} → concern, asked first`, () => {
        const result = afterSignals([other, 'thoughts_hint']);
        assert.equal(result.level, 'concern');
        assert.equal(result.confirm, true);
        assert.deepEqual(result.signals, ['suicidal_thoughts']);
        assert.deepEqual(result.categories, ['self_harm_suicide']);
      });
    }
    it('alone, or a denial with a past act and no thoughts, is none', () => {
      for (const signals of [['thoughts_hint'], ['denial'], ['denial', 'past_history'], ['thoughts_hint', 'distress']]) {
        const result = afterSignals(signals);
        assert.equal(result.level, 'none', signals.join(' + '));
        assert.deepEqual(result.signals, [], signals.join(' + '));
      }
    });
  });

  table('"I\'m doing it" and nothing else is urgent but asked about first', [
    [['bare_it_pointer'], 'urgent', true],
    [['bare_it_pointer', 'hopelessness', 'burden'], 'concern', true],
    [['bare_it_pointer', 'means_hint', 'hopelessness'], 'urgent', false],
  ]);

  describe('inside one message', () => {
    it('hopelessness and not belonging said together are a concern to ask about', () => {
      for (const text of ['everything is pointless and nobody would miss me', 'ya no tengo esperanza y nadie me quiere']) {
        const result = screenMessage(text, { model: false, now: NOW });
        assert.equal(result.level, 'concern', `${text}: ${result.signals.join(', ')}`);
        assert.equal(result.confirm, true);
        assert.deepEqual(result.categories, ['self_harm_suicide']);
        assert.equal(result.historyEntry.confirm, true);
      }
    });
  });
});
