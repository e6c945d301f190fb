import assert from 'node:assert/strict';
import fc from 'fast-check';
import { screenMessage } from '../../src/safety/screener';
import { collectTexts, screenTexts } from '../../src/safety/turnScreening';

/**
 * A card submission carries the bot's own identifiers (reminder ids, alert ids, timestamps, choice ids)
 * next to whatever the person typed. Tapping "Check in" on a reminder must never read as a crisis.
 */
describe('screening of the identifiers in card submissions', () => {
  const now = new Date('2026-12-07T10:00:00Z');

  it('a reminder button tap is no risk, whatever its ids', () => {
    const tap = { value: { choice: 'checkIn', reminder: 'checkIn', reminderId: 'e2e-client:checkIn:2026-11-25T18:00:00.000Z' } };
    assert.equal(screenTexts(collectTexts(tap), [], now).level, 'none');
  });

  it('ids, timestamps and codes never raise a level (the learned layer reads prose only)', () => {
    const id = fc.oneof(
      fc.uuid(),
      fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{1,12}$/), fc.stringMatching(/^[A-Za-z0-9]{1,12}$/), fc.integer({ min: 0, max: 99999 })).map(([a, b, n]) => `${a}:${b}:${n}`),
    );
    fc.assert(fc.property(id, (value) => screenMessage(value, { now }).level === 'none'), { seed: 20261207, numRuns: 500 });
  });

  it('risk typed into a card field is still screened, leetspeak in one token included', () => {
    assert.equal(screenTexts(collectTexts({ value: { note: 'i want to kill myself tonight' } }), [], now).level, 'urgent');
    assert.equal(screenMessage('k1ll_mys3lf_t0n1ght', { now }).level, 'urgent');
  });
});
