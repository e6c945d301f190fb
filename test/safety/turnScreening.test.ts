import assert from 'node:assert/strict';
import { screenTexts } from '../../src/safety/turnScreening';

describe('screening every text of a turn', () => {
  const now = new Date('2026-03-01T10:00:00Z');
  const weak = "I'm such a burden and nothing is ever going to get better";

  it('asks first when every flagged text rests on weak signals or the model alone', () => {
    const result = screenTexts([weak, 'see you thursday'], [], now);
    assert.notEqual(result.level, 'none');
    assert.equal(result.confirm, true);
    assert.equal(result.historyEntry.confirm, true);
  });

  it('alerts at once when any text is lexicon-certain', () => {
    const result = screenTexts([weak, 'I want to kill myself'], [], now);
    assert.equal(result.level, 'urgent');
    assert.equal(result.confirm, false);
    assert.equal(result.historyEntry.confirm, undefined);
  });

  it('has nothing to ask about when nothing is flagged', () => {
    const result = screenTexts(['see you thursday', 'ok'], [], now);
    assert.equal(result.level, 'none');
    assert.equal(result.confirm, false);
  });
});
