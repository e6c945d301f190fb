import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { MeasureRule } from '../../src/scheduling/measureSchedule';
import { clearZoneCaches, nextOccurrence, occurrencesBetween, ScheduleContext } from '../../src/scheduling/schedule';

/** The local date-times (client's zone) a rule fires at over the whole course. */
function localTimes(rule: MeasureRule, context: ScheduleContext): string[] {
  const from = DateTime.fromISO(`${context.courseStart}T00:00`, { zone: context.timeZone }).minus({ minutes: 1 }).toJSDate();
  const to = DateTime.fromISO(`${context.courseEnd}T23:59`, { zone: context.timeZone }).toJSDate();
  return occurrencesBetween(rule, from, to, context).map((d) => DateTime.fromJSDate(d, { zone: context.timeZone }).toFormat("yyyy-MM-dd'T'HH:mm"));
}

describe('measure schedules', () => {
  // Each test starts with no zone offsets cached, so it sees only what the code computes now.
  beforeEach(clearZoneCaches);
  const course: ScheduleContext = { timeZone: 'America/New_York', courseStart: '2026-10-26', courseEnd: '2026-12-20' };

  it('every 14 days by default from the course start (the baseline), and once more on the last day, at local time across the DST change', () => {
    assert.deepEqual(localTimes({ kind: 'measure', instruments: ['phq9', 'gad7'], time: '18:00' }, course), [
      '2026-10-26T18:00',
      '2026-11-09T18:00',
      '2026-11-23T18:00',
      '2026-12-07T18:00',
      '2026-12-20T18:00',
    ]);
  });

  it('a course end that falls on an interval day is one measure, not two', () => {
    assert.deepEqual(localTimes({ kind: 'measure', instruments: ['phq9'], time: '09:30', everyDays: 7 }, { ...course, courseEnd: '2026-11-16' }), [
      '2026-10-26T09:30',
      '2026-11-02T09:30',
      '2026-11-09T09:30',
      '2026-11-16T09:30',
    ]);
  });

  it('before each session: the baseline, then the day before every session counted from the last one held', () => {
    const rule: MeasureRule = { kind: 'measure', instruments: ['phq9'], time: '19:00', cadence: 'beforeSession', sessionEveryDays: 7, atCourseEnd: false };
    assert.deepEqual(localTimes(rule, { ...course, courseEnd: '2026-11-30', lastSessionDate: '2026-11-05' }), [
      '2026-10-26T19:00',
      '2026-11-11T19:00',
      '2026-11-18T19:00',
      '2026-11-25T19:00',
    ]);
  });

  it('starts at a first date inside the course, and skips a time inside quiet hours', () => {
    assert.deepEqual(localTimes({ kind: 'measure', instruments: ['gad7'], time: '12:00', everyDays: 21, firstDate: '2026-11-02', atCourseEnd: false }, course), [
      '2026-11-02T12:00',
      '2026-11-23T12:00',
      '2026-12-14T12:00',
    ]);
    assert.deepEqual(localTimes({ kind: 'measure', instruments: ['gad7'], time: '22:30' }, { ...course, quietHours: { start: '22:00', end: '07:00' } }), []);
  });

  it('before each session by default: sessions weekly from the baseline, the day before each, and the last day', () => {
    // No session held yet: the first session counts as the baseline's day, so the measures come the day
    // before 2, 9, 16, 23 and 30 November, and on the course's last day.
    assert.deepEqual(localTimes({ kind: 'measure', instruments: ['phq9'], time: '19:00', cadence: 'beforeSession' }, { ...course, courseEnd: '2026-11-30' }), [
      '2026-10-26T19:00',
      '2026-11-01T19:00',
      '2026-11-08T19:00',
      '2026-11-15T19:00',
      '2026-11-22T19:00',
      '2026-11-29T19:00',
      '2026-11-30T19:00',
    ]);
  });

  it('a client without course dates has measures from the first date the programme set, every 14 days', () => {
    const rule: MeasureRule = { kind: 'measure', instruments: ['phq9'], time: '18:00', firstDate: '2026-11-02' };
    const noCourse: ScheduleContext = { timeZone: 'America/New_York' };
    const at = (after: string) => DateTime.fromJSDate(nextOccurrence(rule, new Date(after), noCourse)!, { zone: 'America/New_York' }).toFormat("yyyy-MM-dd'T'HH:mm");
    assert.equal(at('2026-10-01T00:00Z'), '2026-11-02T18:00', 'nothing before the first date');
    assert.equal(at('2026-11-20T12:00Z'), '2026-11-30T18:00');
    assert.equal(at('2026-12-01T12:00Z'), '2026-12-14T18:00');
  });

  it('a first date before the course starts puts the baseline on the course’s first day', () => {
    assert.deepEqual(localTimes({ kind: 'measure', instruments: ['phq9'], time: '18:00', firstDate: '2026-10-01', atCourseEnd: false }, { ...course, courseEnd: '2026-11-30' }), [
      '2026-10-26T18:00',
      '2026-11-09T18:00',
      '2026-11-23T18:00',
    ]);
  });
});
