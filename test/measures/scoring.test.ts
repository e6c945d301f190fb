import assert from 'node:assert/strict';
import { INSTRUMENTS } from '../../src/measures/instruments';
import { bandOf, change, outcome, score } from '../../src/measures/scoring';

const { phq9, gad7 } = INSTRUMENTS;

describe('measure scoring', () => {
  describe('totals and bands, hand-scored', () => {
    const cases: Array<[typeof phq9, number[], number, string]> = [
      [phq9, [0, 0, 0, 0, 0, 0, 0, 0, 0], 0, 'minimal'],
      [phq9, [1, 1, 0, 1, 1, 0, 0, 0, 0], 4, 'minimal'],
      [phq9, [1, 1, 1, 1, 1, 0, 0, 0, 0], 5, 'mild'],
      [phq9, [2, 2, 1, 1, 1, 1, 1, 0, 0], 9, 'mild'],
      [phq9, [2, 2, 2, 1, 1, 1, 1, 0, 0], 10, 'moderate'],
      [phq9, [3, 2, 2, 2, 2, 1, 1, 1, 0], 14, 'moderate'],
      [phq9, [3, 3, 2, 2, 2, 1, 1, 1, 0], 15, 'moderatelySevere'],
      [phq9, [3, 3, 3, 2, 2, 2, 2, 1, 1], 19, 'moderatelySevere'],
      [phq9, [3, 3, 3, 3, 2, 2, 2, 1, 1], 20, 'severe'],
      [phq9, [3, 3, 3, 3, 3, 3, 3, 3, 3], 27, 'severe'],
      [gad7, [0, 0, 0, 0, 0, 0, 0], 0, 'minimal'],
      [gad7, [1, 1, 1, 1, 0, 0, 0], 4, 'minimal'],
      [gad7, [1, 1, 1, 1, 1, 0, 0], 5, 'mild'],
      [gad7, [2, 2, 1, 1, 1, 1, 1], 9, 'mild'],
      [gad7, [2, 2, 2, 1, 1, 1, 1], 10, 'moderate'],
      [gad7, [3, 2, 2, 2, 2, 2, 1], 14, 'moderate'],
      [gad7, [3, 3, 2, 2, 2, 2, 1], 15, 'severe'],
      [gad7, [3, 3, 3, 3, 3, 3, 3], 21, 'severe'],
    ];
    for (const [instrument, answers, total, band] of cases) {
      it(`${instrument.title} ${answers.join('')} → ${total} ${band}`, () => {
        assert.deepEqual(score(instrument, answers), { complete: true, total, band });
      });
    }
  });

  it('gives no score for an incomplete measure, and says which items are missing', () => {
    assert.deepEqual(score(phq9, [3, 3, 3, 3, 3, 3, 3, 3]), { complete: false, missing: [9] });
    assert.deepEqual(score(phq9, [1, undefined, 1, 1, 1, null, 1, 1, 1]), { complete: false, missing: [2, 6] });
    assert.deepEqual(score(gad7, []), { complete: false, missing: [1, 2, 3, 4, 5, 6, 7] });
  });

  it('gives no score when an answer is outside 0–3 or there are too many answers', () => {
    assert.equal(score(gad7, [0, 0, 0, 0, 0, 0, 4]).complete, false);
    assert.equal(score(gad7, [0, 0, 0, 0, 0, 0, -1]).complete, false);
    assert.equal(score(gad7, [0, 0, 0, 0, 0, 0, 1.5]).complete, false);
    assert.equal(score(gad7, [0, 0, 0, 0, 0, 0, 0, 0]).complete, false);
  });

  it('refuses a total outside the instrument', () => {
    assert.throws(() => bandOf(gad7, 22), RangeError);
    assert.throws(() => bandOf(phq9, -1), RangeError);
    // The error names the instrument and the total, for whoever reads the log.
    assert.throws(() => bandOf(gad7, 22), { name: 'RangeError', message: 'GAD-7 total out of range: 22' });
    assert.throws(() => bandOf(phq9, 28), { name: 'RangeError', message: 'PHQ-9 total out of range: 28' });
  });

  describe('reliable change: PHQ-9 ± 6, GAD-7 ± 4', () => {
    const cases: Array<[typeof phq9, number, number, string]> = [
      [phq9, 18, 12, 'improved'],
      [phq9, 18, 13, 'none'],
      [phq9, 10, 16, 'worsened'],
      [phq9, 10, 15, 'none'],
      [gad7, 12, 8, 'improved'],
      [gad7, 12, 9, 'none'],
      [gad7, 6, 10, 'worsened'],
      [gad7, 6, 9, 'none'],
    ];
    for (const [instrument, from, to, expected] of cases) {
      it(`${instrument.title} ${from} → ${to}: ${expected}`, () => {
        assert.deepEqual(change(instrument, from, to), { points: to - from, reliable: expected });
      });
    }
  });

  describe('outcome of a course', () => {
    it('one measure: the band, remission for the PHQ-9, no change yet', () => {
      assert.deepEqual(outcome(phq9, [4]), { latest: 4, band: 'minimal', remission: true });
      assert.deepEqual(outcome(gad7, [12]), { latest: 12, band: 'moderate' });
      assert.equal(outcome(phq9, []), undefined);
    });

    it('response is a drop of at least half from baseline; remission is PHQ-9 below 5', () => {
      const halved = outcome(phq9, [16, 12, 8]);
      assert.equal(halved?.response, true);
      assert.equal(halved?.remission, false);
      assert.deepEqual(halved?.sinceBaseline, { points: -8, reliable: 'improved' });
      assert.deepEqual(halved?.sinceLast, { points: -4, reliable: 'none' });
      assert.equal(outcome(phq9, [16, 9])?.response, false, '9 is more than half of 16');
      assert.equal(outcome(phq9, [9, 4])?.remission, true);
      assert.equal(outcome(phq9, [9, 5])?.remission, false);
      assert.equal(outcome(phq9, [0, 0])?.response, false, 'nothing to halve');
      assert.equal(outcome(gad7, [15, 7])?.response, true);
      assert.equal(outcome(gad7, [15, 7])?.remission, undefined);
    });
  });

  it('every instrument has the same number of items in both languages, and four answers', () => {
    for (const instrument of Object.values(INSTRUMENTS)) {
      for (const language of ['en', 'es'] as const) {
        assert.equal(instrument.text[language].items.length, instrument.itemCodes.length, `${instrument.id} ${language}`);
        assert.equal(instrument.text[language].answers.length, 4);
      }
      assert.equal(instrument.bands[instrument.bands.length - 1].max, instrument.itemCodes.length * 3);
    }
  });
});
