import assert from 'node:assert/strict';
import { screenMessage, type ScreeningHistoryEntry } from '../../../src/safety/screener';

/**
 * The conversation's recent window, seen from what a person's next message gets: which earlier flags still count
 * (and until when), what they leave for the alert (categories) and whether the chat asks before alerting.
 * Screened with the lexicon alone so the level comes from the window, not the learned layer.
 */
const NOW = new Date('2026-03-10T12:00:00.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function ago(ms: number): string {
  return new Date(NOW.getTime() - ms).toISOString();
}

function entry(at: string, level: ScreeningHistoryEntry['level'], extra: Partial<ScreeningHistoryEntry> = {}): ScreeningHistoryEntry {
  return { at, level, categories: level === 'none' ? [] : ['self_harm_suicide'], signals: [], ...extra };
}

/** A harmless reply after the given history. */
function reply(history: ScreeningHistoryEntry[], windowMinutes?: number) {
  return screenMessage('ok thanks', { history, now: NOW, model: false, windowMinutes });
}

describe('screening: the conversation window', () => {
  it('an ordinary reply with no history is none', () => {
    const result = reply([]);
    assert.equal(result.level, 'none');
    assert.equal(result.confirm, false);
  });

  it('an urgent message an hour ago keeps the next harmless reply urgent, alerting without asking', () => {
    const result = reply([entry(ago(60 * MINUTE), 'urgent')]);
    assert.equal(result.level, 'urgent');
    assert.equal(result.messageLevel, 'none');
    assert.deepEqual(result.categories, ['self_harm_suicide']);
    assert.equal(result.confirm, false);
  });

  it('the highest level in the window wins whatever the order of the entries', () => {
    for (const history of [
      [entry(ago(3 * MINUTE), 'urgent'), entry(ago(2 * MINUTE), 'concern'), entry(ago(MINUTE), 'none')],
      [entry(ago(3 * MINUTE), 'none'), entry(ago(2 * MINUTE), 'concern'), entry(ago(MINUTE), 'urgent')],
    ]) {
      assert.equal(reply(history).level, 'urgent');
    }
    assert.equal(reply([entry(ago(2 * MINUTE), 'concern'), entry(ago(MINUTE), 'none')]).level, 'concern');
  });

  it('a flag exactly 24 hours old still counts; one a millisecond older has expired', () => {
    assert.equal(reply([entry(ago(DAY), 'urgent')]).level, 'urgent');
    assert.equal(reply([entry(ago(DAY + 1), 'urgent')]).level, 'none');
  });

  it('a flag written at this very moment counts; one stamped in the future is ignored', () => {
    assert.equal(reply([entry(ago(0), 'concern')]).level, 'concern');
    assert.equal(reply([entry(ago(-1), 'urgent')]).level, 'none');
    assert.equal(reply([entry(ago(-DAY), 'urgent')]).level, 'none');
  });

  it('a shorter window lets a flag expire sooner', () => {
    assert.equal(reply([entry(ago(59 * MINUTE), 'urgent')], 60).level, 'urgent');
    assert.equal(reply([entry(ago(61 * MINUTE), 'urgent')], 60).level, 'none');
    assert.equal(reply([entry(ago(61 * MINUTE), 'urgent')]).level, 'urgent');
  });

  it('an entry with an unreadable time is ignored rather than trusted', () => {
    assert.equal(reply([entry('yesterday', 'urgent')]).level, 'none');
    assert.equal(reply([entry('', 'urgent', { signals: ['hopelessness', 'burden'] })]).level, 'none');
  });

  it('an entry that was to be asked about keeps the next reply one to ask about', () => {
    const asked = reply([entry(ago(MINUTE), 'concern', { confirm: true })]);
    assert.equal(asked.level, 'concern');
    assert.equal(asked.confirm, true);
    const certain = reply([entry(ago(MINUTE), 'concern')]);
    assert.equal(certain.level, 'concern');
    assert.equal(certain.confirm, false);
    // One certain entry among asked ones is enough to alert without asking.
    const mixed = reply([entry(ago(2 * MINUTE), 'concern', { confirm: true }), entry(ago(MINUTE), 'concern', { confirm: false })]);
    assert.equal(mixed.confirm, false);
  });

  it('signals left by earlier messages combine with each other', () => {
    const result = reply([
      entry(ago(3 * MINUTE), 'none', { signals: ['hopelessness'] }),
      entry(ago(2 * MINUTE), 'none', { signals: ['burden'] }),
    ]);
    assert.equal(result.level, 'concern');
    assert.equal(result.confirm, true);
    // Out of the window, the same signals are forgotten.
    const old = reply([
      entry(ago(DAY + MINUTE), 'none', { signals: ['hopelessness'] }),
      entry(ago(2 * MINUTE), 'none', { signals: ['burden'] }),
    ]);
    assert.equal(old.level, 'none');
  });

  it('the alert names the categories of the earlier flags, not of entries that raised nothing', () => {
    const result = reply([
      entry(ago(2 * MINUTE), 'concern', { categories: ['harmed_by_others'] }),
      entry(ago(MINUTE), 'none', { categories: ['harm_to_others'] }),
    ]);
    assert.equal(result.level, 'concern');
    assert.deepEqual(result.categories, ['harmed_by_others']);
  });

  it('a flag inherited from the window is not stored again as this message’s own level', () => {
    const result = reply([entry(ago(MINUTE), 'urgent')]);
    assert.equal(result.historyEntry.level, 'none');
    assert.deepEqual(result.historyEntry.categories, []);
  });
});
