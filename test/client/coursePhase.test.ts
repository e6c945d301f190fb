import assert from 'node:assert/strict';
import { coursePosition } from '../../src/client/coursePhase';

describe('coursePosition: the course week and phase in the client\'s zone', () => {
  // A 12-week course: Monday 5 January to Sunday 29 March 2026 (84 days).
  const course = { courseStart: '2026-01-05', courseEnd: '2026-03-29', timeZone: 'America/Mexico_City' };
  const at = (iso: string) => coursePosition(course, new Date(iso));

  const cases: Array<[string, string, number, string]> = [
    ['the day before the start', '2026-01-04T18:00:00Z', 1, 'before'],
    ['the first day', '2026-01-05T15:00:00Z', 1, 'initial'],
    ['the last day of week 3', '2026-01-25T15:00:00Z', 3, 'initial'],
    ['the first day of week 4', '2026-01-26T15:00:00Z', 4, 'middle'],
    ['the day before the last fourteen', '2026-03-14T15:00:00Z', 10, 'middle'],
    ['the first of the last fourteen days', '2026-03-16T15:00:00Z', 11, 'ending'],
    ['the last day', '2026-03-29T15:00:00Z', 12, 'ending'],
    ['the day after the end', '2026-03-30T15:00:00Z', 12, 'after'],
  ];
  for (const [what, now, week, phase] of cases) {
    it(`${what}: week ${week}, ${phase}`, () => {
      const position = at(now);
      assert.equal(position?.phase, phase);
      assert.equal(position?.week, week);
      assert.equal(position?.totalWeeks, 12);
    });
  }

  it('counts days in the client\'s zone, not in UTC', () => {
    // 03:00 UTC on 5 January is still 4 January, 21:00, in Mexico City: the course has not started there.
    assert.equal(at('2026-01-05T03:00:00Z')?.phase, 'before');
    // …while in Madrid it is 5 January already.
    assert.equal(coursePosition({ ...course, timeZone: 'Europe/Madrid' }, new Date('2026-01-05T03:00:00Z'))?.phase, 'initial');
  });

  it('a daylight-saving change does not shift the week', () => {
    const madrid = { courseStart: '2026-03-02', courseEnd: '2026-06-21', timeZone: 'Europe/Madrid' };
    // Clocks go forward on 29 March; 30 March is day 28, the first day of week 5.
    assert.equal(coursePosition(madrid, new Date('2026-03-29T21:59:00Z'))?.week, 4);
    assert.equal(coursePosition(madrid, new Date('2026-03-30T08:00:00Z'))?.week, 5);
  });

  it('a course of two weeks or less is all ending work', () => {
    const short = { courseStart: '2026-01-05', courseEnd: '2026-01-16', timeZone: 'UTC' };
    assert.deepEqual(coursePosition(short, new Date('2026-01-05T12:00:00Z')), { phase: 'ending', week: 1, totalWeeks: 2, today: '2026-01-05' });
  });

  it('gives nothing for dates or a zone it cannot read', () => {
    assert.equal(coursePosition({ ...course, timeZone: 'Mars/Olympus' }, new Date('2026-02-01T12:00:00Z')), undefined);
    assert.equal(coursePosition({ ...course, courseEnd: '2026-13-40' }, new Date('2026-02-01T12:00:00Z')), undefined);
  });
});
