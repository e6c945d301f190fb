import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RRule } from 'rrule';
import { clearZoneCaches, dayBefore, isMonthDay, localToInstant, nextOccurrence, occurrencesBetween, rruleOccurrenceProblem, rruleProblem, ScheduleContext, ScheduleRule, yearlyRrule } from '../../src/scheduling/schedule';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const daily = (time: string): ScheduleRule => ({ kind: 'weekly', time });
const between = (rule: ScheduleRule, from: string, to: string, context: ScheduleContext) => iso(occurrencesBetween(rule, new Date(from), new Date(to), context));
const next = (rule: ScheduleRule, after: string, context: ScheduleContext) => nextOccurrence(rule, new Date(after), context)?.toISOString();
/** Madrid is UTC+1 in late November: 19:00 there is 18:00Z. */
const MADRID = { timeZone: 'Europe/Madrid' };

describe('schedule computation', function () {
  // Each test starts with no zone offsets cached, so it sees only what the code computes now.
  beforeEach(clearZoneCaches);
  describe('daylight saving', function () {
    it('America/New_York spring forward: 02:30 fires once at 03:00 EDT on the night the clocks jump', function () {
      assert.deepEqual(between(daily('02:30'), '2026-03-06T00:00Z', '2026-03-10T00:00Z', { timeZone: 'America/New_York' }), [
        '2026-03-06T07:30:00.000Z', // 02:30 EST
        '2026-03-07T07:30:00.000Z',
        '2026-03-08T07:00:00.000Z', // 02:30 does not exist: 03:00 EDT
        '2026-03-09T06:30:00.000Z', // 02:30 EDT
      ]);
    });

    it('America/New_York fall back: 01:30 fires once, at the first 01:30 (EDT)', function () {
      assert.deepEqual(between(daily('01:30'), '2026-10-30T00:00Z', '2026-11-03T00:00Z', { timeZone: 'America/New_York' }), [
        '2026-10-30T05:30:00.000Z',
        '2026-10-31T05:30:00.000Z',
        '2026-11-01T05:30:00.000Z', // 01:30 EDT; not again at 01:30 EST (06:30Z)
        '2026-11-02T06:30:00.000Z',
      ]);
    });

    it('America/New_York: 19:00 stays 19:00 local across both changes', function () {
      const context = { timeZone: 'America/New_York' };
      assert.deepEqual(between(daily('19:00'), '2026-03-07T00:00Z', '2026-03-09T00:00Z', context), ['2026-03-08T00:00:00.000Z', '2026-03-08T23:00:00.000Z']);
      assert.deepEqual(between(daily('19:00'), '2026-10-31T00:00Z', '2026-11-02T12:00Z', context), ['2026-10-31T23:00:00.000Z', '2026-11-02T00:00:00.000Z']);
    });

    it('Europe/Madrid spring forward (02:00 → 03:00): 02:30 fires at 03:00 CEST', function () {
      assert.deepEqual(between(daily('02:30'), '2026-03-28T00:00Z', '2026-03-30T12:00Z', { timeZone: 'Europe/Madrid' }), [
        '2026-03-28T01:30:00.000Z',
        '2026-03-29T01:00:00.000Z',
        '2026-03-30T00:30:00.000Z',
      ]);
    });

    it('Europe/Madrid fall back (03:00 → 02:00): 02:30 fires once, on summer time', function () {
      assert.deepEqual(between(daily('02:30'), '2026-10-24T12:00Z', '2026-10-26T12:00Z', { timeZone: 'Europe/Madrid' }), [
        '2026-10-25T00:30:00.000Z', // 02:30 CEST; the second 02:30 (01:30Z) is not used
        '2026-10-26T01:30:00.000Z',
      ]);
    });

    it('Australia/Lord_Howe spring forward by 30 minutes (02:00 → 02:30): 02:15 fires at 02:30', function () {
      assert.deepEqual(between(daily('02:15'), '2026-10-02T00:00Z', '2026-10-05T00:00Z', { timeZone: 'Australia/Lord_Howe' }), [
        '2026-10-02T15:45:00.000Z', // +10:30
        '2026-10-03T15:30:00.000Z', // 02:30 +11:00
        '2026-10-04T15:15:00.000Z', // 02:15 +11:00
      ]);
    });

    it('Australia/Lord_Howe fall back by 30 minutes (02:00 → 01:30): 01:45 fires once, the first time', function () {
      assert.deepEqual(between(daily('01:45'), '2026-04-03T00:00Z', '2026-04-06T00:00Z', { timeZone: 'Australia/Lord_Howe' }), [
        '2026-04-03T14:45:00.000Z',
        '2026-04-04T14:45:00.000Z', // +11:00; not again at +10:30 (15:15Z)
        '2026-04-05T15:15:00.000Z',
      ]);
    });

    it('Asia/Kolkata (no daylight saving, +05:30): the same UTC instant every day', function () {
      const got = between(daily('19:00'), '2026-03-27T00:00Z', '2026-04-01T00:00Z', { timeZone: 'Asia/Kolkata' });
      assert.deepEqual(got, ['27', '28', '29', '30', '31'].map((d) => `2026-03-${d}T13:30:00.000Z`));
    });

    it('several skipped times of one night collapse into one reminder', function () {
      const rule: ScheduleRule = { kind: 'rrule', rrule: 'FREQ=DAILY;BYHOUR=2;BYMINUTE=0,30', time: '02:00' };
      assert.deepEqual(between(rule, '2026-03-07T12:00Z', '2026-03-09T12:00Z', { timeZone: 'America/New_York' }), [
        '2026-03-08T07:00:00.000Z',
        '2026-03-09T06:00:00.000Z',
        '2026-03-09T06:30:00.000Z',
      ]);
    });

    it('never returns an instant twice nor goes backwards, in any of the four zones (property)', function () {
      const zones = ['America/New_York', 'Europe/Madrid', 'Australia/Lord_Howe', 'Asia/Kolkata'];
      fc.assert(
        fc.property(
          fc.constantFrom(...zones),
          fc.integer({ min: 0, max: 23 }),
          fc.constantFrom(0, 15, 30, 45),
          fc.integer({ min: 0, max: 364 }),
          (timeZone, hour, minute, dayOfYear) => {
            const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
            const from = new Date(Date.UTC(2026, 0, 1 + dayOfYear));
            const got = occurrencesBetween(daily(time), from, new Date(from.getTime() + 10 * 86_400_000), { timeZone });
            assert.ok(got.length >= 9 && got.length <= 11, `${got.length} occurrences in 10 days`);
            for (let i = 1; i < got.length; i++) assert.ok(got[i].getTime() - got[i - 1].getTime() >= 22 * 3_600_000);
          },
        ),
        { numRuns: 200 },
      );
    });
  });

  describe('rules and limits', function () {
    it('fires only on the chosen days of the week', function () {
      const rule: ScheduleRule = { kind: 'weekly', time: '19:00', days: ['mon', 'thu'] };
      // 23 Nov 2026 is a Monday.
      assert.deepEqual(between(rule, '2026-11-23T00:00Z', '2026-12-01T00:00Z', { timeZone: 'Europe/Madrid' }), [
        '2026-11-23T18:00:00.000Z',
        '2026-11-26T18:00:00.000Z',
        '2026-11-30T18:00:00.000Z',
      ]);
    });

    it('expands an RRULE in local time (every other Tuesday at the given time)', function () {
      const rule: ScheduleRule = { kind: 'rrule', rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', time: '08:15' };
      const got = between(rule, '2026-11-01T00:00Z', '2026-12-31T00:00Z', { timeZone: 'Asia/Kolkata', courseStart: '2026-11-03' });
      assert.deepEqual(got, ['2026-11-03T02:45:00.000Z', '2026-11-17T02:45:00.000Z', '2026-12-01T02:45:00.000Z', '2026-12-15T02:45:00.000Z', '2026-12-29T02:45:00.000Z']);
    });

    it('stays inside the course dates (both inclusive, in local time)', function () {
      const context = { timeZone: 'America/New_York', courseStart: '2026-11-24', courseEnd: '2026-11-26' };
      assert.deepEqual(between(daily('21:00'), '2026-11-01T00:00Z', '2026-12-31T00:00Z', context), [
        '2026-11-25T02:00:00.000Z',
        '2026-11-26T02:00:00.000Z',
        '2026-11-27T02:00:00.000Z', // 21:00 on 26 Nov in New York is already 27 Nov in UTC
      ]);
      assert.equal(nextOccurrence(daily('21:00'), new Date('2026-11-27T03:00Z'), context), undefined);
    });

    it('skips occurrences inside quiet hours, across midnight too', function () {
      const context = { timeZone: 'Europe/Madrid', quietHours: { start: '22:00', end: '07:00' } };
      assert.equal(nextOccurrence(daily('23:30'), new Date('2026-11-25T00:00Z'), context), undefined);
      assert.equal(nextOccurrence(daily('06:59'), new Date('2026-11-25T00:00Z'), context), undefined);
      assert.equal(nextOccurrence(daily('07:00'), new Date('2026-11-25T00:00Z'), context)?.toISOString(), '2026-11-25T06:00:00.000Z');
    });

    it('explains what is wrong with an RRULE', function () {
      assert.equal(rruleProblem('FREQ=WEEKLY;BYDAY=MO'), undefined);
      assert.match(rruleProblem('FREQ=HOURLY')!, /at most once a day/);
      assert.match(rruleProblem('DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY')!, /DTSTART/);
      assert.match(rruleProblem('BYDAY=MO')!, /FREQ/);
    });

    it('finds an RRULE that never fires, in bounded time, and passes over rare ones', function () {
      const from = new Date('2026-11-25T12:00:00Z');
      for (const never of ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31', 'FREQ=WEEKLY;BYDAY=MO;BYMONTH=6;BYMONTHDAY=31', 'FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=-30']) {
        assert.match(rruleOccurrenceProblem(never, from) ?? '', /never occurs: no day/, never);
      }
      assert.match(rruleOccurrenceProblem('FREQ=WEEKLY;UNTIL=20260101T000000Z', from) ?? '', /UNTIL has passed/);
      assert.match(rruleOccurrenceProblem('FREQ=DAILY;BYSETPOS=2', from) ?? '', /BYSETPOS only with FREQ=MONTHLY or YEARLY/);
      for (const rare of ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29', 'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13', 'FREQ=MONTHLY;BYDAY=-1FR', 'FREQ=WEEKLY;BYDAY=MO,TH', 'FREQ=WEEKLY;UNTIL=20270101T000000Z']) {
        assert.equal(rruleOccurrenceProblem(rare, from), undefined, rare);
      }
    });

    it('places a plain local time on the time line in its zone', function () {
      assert.equal(localToInstant({ year: 2026, month: 7, day: 1, hour: 9, minute: 0 }, 'Europe/Madrid').toISOString(), '2026-07-01T07:00:00.000Z');
      assert.throws(() => localToInstant({ year: 2026, month: 7, day: 1, hour: 9, minute: 0 }, 'Mars/Olympus'), /Unknown time zone/);
    });
  });

  describe('once a year on a date (grief work anniversaries)', function () {
    const yearly = (month: number, day: number): ScheduleRule => ({ kind: 'rrule', rrule: yearlyRrule({ month, day }), time: '10:00' });

    it('fires at 10:00 local on the date each year, across a daylight-saving change', function () {
      assert.deepEqual(between(yearly(7, 20), '2026-11-26T00:00Z', '2029-01-01T00:00Z', { timeZone: 'America/New_York' }), [
        '2027-07-20T14:00:00.000Z',
        '2028-07-20T14:00:00.000Z',
      ]);
      assert.deepEqual(between(yearly(12, 1), '2026-11-26T00:00Z', '2027-12-31T00:00Z', { timeZone: 'America/New_York' }), ['2026-12-01T15:00:00.000Z', '2027-12-01T15:00:00.000Z']);
    });

    it('29 February (and the day before 1 March) fire on the last day of February every year', function () {
      assert.deepEqual(dayBefore({ month: 3, day: 1 }), { month: 2, day: 29 });
      assert.deepEqual(dayBefore({ month: 1, day: 1 }), { month: 12, day: 31 });
      assert.deepEqual(between(yearly(2, 29), '2026-11-26T00:00Z', '2029-01-01T00:00Z', { timeZone: 'UTC' }), [
        '2027-02-28T10:00:00.000Z',
        '2028-02-29T10:00:00.000Z',
      ]);
    });

    it('stops at the course end', function () {
      assert.deepEqual(between(yearly(3, 3), '2026-11-26T00:00Z', '2030-01-01T00:00Z', { timeZone: 'Europe/Madrid', courseEnd: '2028-01-01' }), ['2027-03-03T09:00:00.000Z']);
    });
  });

  describe('times of day a programme sets', function () {
    it('fires at the minute set, from midnight to one minute before it', function () {
      assert.equal(next(daily('00:00'), '2026-11-25T00:00Z', MADRID), '2026-11-25T23:00:00.000Z', '00:00 on the 25th (23:00Z on the 24th) has passed');
      assert.equal(next(daily('09:05'), '2026-11-25T00:00Z', MADRID), '2026-11-25T08:05:00.000Z');
      assert.equal(next(daily('20:00'), '2026-11-25T00:00Z', MADRID), '2026-11-25T19:00:00.000Z');
      assert.equal(next(daily('23:59'), '2026-11-25T00:00Z', MADRID), '2026-11-25T22:59:00.000Z');
    });

    it('refuses a time that is not HH:mm on a 24-hour clock, saying how to write it', function () {
      for (const time of ['24:00', '7:00', '19:60', '19:5', '7pm', '', ' 19:00', '19:000', '19:00 ', '19:00pm', '119:00']) {
        assert.throws(() => next(daily(time), '2026-11-25T00:00Z', MADRID), /is not a time of day: use HH:mm on a 24-hour clock/, JSON.stringify(time));
      }
    });

    it('refuses a time zone that does not exist, every time it is asked', function () {
      assert.equal(next(daily('19:00'), '2026-11-25T00:00Z', MADRID), '2026-11-25T18:00:00.000Z');
      for (let i = 0; i < 2; i++) {
        assert.throws(() => next(daily('19:00'), '2026-11-25T00:00Z', { timeZone: 'Europe/Atlantis' }), /Unknown time zone "Europe\/Atlantis": use an IANA zone/);
      }
    });

    it('a reminder that has just fired is next due the following day, never again at the same instant', function () {
      assert.equal(next(daily('19:00'), '2026-11-25T17:59Z', MADRID), '2026-11-25T18:00:00.000Z');
      assert.equal(next(daily('19:00'), '2026-11-25T18:00Z', MADRID), '2026-11-26T18:00:00.000Z');
      assert.deepEqual(between(daily('19:00'), '2026-11-25T18:00Z', '2026-11-26T18:00Z', MADRID), ['2026-11-26T18:00:00.000Z'], 'the end of the window counts, the start does not');
    });

    it('fires every day when a weekly rule names no days', function () {
      assert.deepEqual(between({ kind: 'weekly', time: '19:00', days: [] }, '2026-11-27T00:00Z', '2026-11-30T00:00Z', MADRID), [
        '2026-11-27T18:00:00.000Z', // Friday
        '2026-11-28T18:00:00.000Z', // Saturday
        '2026-11-29T18:00:00.000Z', // Sunday
      ]);
    });

    it('an RRULE with its own hour keeps it, taking the minute from the reminder’s time', function () {
      assert.equal(next({ kind: 'rrule', rrule: 'FREQ=DAILY;BYHOUR=7', time: '19:30' }, '2026-11-25T00:00Z', MADRID), '2026-11-25T06:30:00.000Z');
      assert.equal(next({ kind: 'rrule', rrule: 'FREQ=DAILY;BYMINUTE=45', time: '19:30' }, '2026-11-25T00:00Z', MADRID), '2026-11-25T18:45:00.000Z');
    });

    it('refuses to plan a reminder from an RRULE that repeats more than daily', function () {
      assert.throws(() => next({ kind: 'rrule', rrule: 'FREQ=HOURLY', time: '19:00' }, '2026-11-25T00:00Z', MADRID), /The reminder's RRULE must repeat at most once a day/);
    });
  });

  describe('quiet hours', function () {
    const noon = { ...MADRID, quietHours: { start: '12:00', end: '14:00' } };

    it('within one day (12:00–14:00): a reminder from 12:00 to 13:59 is skipped, one at 11:59 or 14:00 fires', function () {
      assert.equal(next(daily('12:00'), '2026-11-25T00:00Z', noon), undefined);
      assert.equal(next(daily('13:59'), '2026-11-25T00:00Z', noon), undefined);
      assert.equal(next(daily('11:59'), '2026-11-25T00:00Z', noon), '2026-11-25T10:59:00.000Z');
      assert.equal(next(daily('14:00'), '2026-11-25T00:00Z', noon), '2026-11-25T13:00:00.000Z');
    });

    it('across midnight (22:00–07:00): 22:00 is skipped, 21:59 fires', function () {
      const night = { ...MADRID, quietHours: { start: '22:00', end: '07:00' } };
      assert.equal(next(daily('22:00'), '2026-11-25T00:00Z', night), undefined);
      assert.equal(next(daily('21:59'), '2026-11-25T00:00Z', night), '2026-11-25T20:59:00.000Z');
    });

    it('skips only the occurrences inside them: a rule at 09:00 and 13:00 keeps its 09:00', function () {
      const rule: ScheduleRule = { kind: 'rrule', rrule: 'FREQ=DAILY;BYHOUR=9,13;BYMINUTE=0', time: '09:00' };
      assert.deepEqual(between(rule, '2026-11-25T00:00Z', '2026-11-27T00:00Z', noon), ['2026-11-25T08:00:00.000Z', '2026-11-26T08:00:00.000Z']);
    });

    it('quiet hours on the half and quarter hour (22:30–06:45) keep their minutes', function () {
      const night = { ...MADRID, quietHours: { start: '22:30', end: '06:45' } };
      assert.equal(next(daily('22:15'), '2026-11-25T00:00Z', night), '2026-11-25T21:15:00.000Z');
      assert.equal(next(daily('22:30'), '2026-11-25T00:00Z', night), undefined);
      assert.equal(next(daily('06:30'), '2026-11-25T00:00Z', night), undefined);
      assert.equal(next(daily('06:45'), '2026-11-25T00:00Z', night), '2026-11-25T05:45:00.000Z');
    });

    it('quiet hours that start and end at the same time silence nothing', function () {
      assert.equal(next(daily('12:00'), '2026-11-25T00:00Z', { ...MADRID, quietHours: { start: '12:00', end: '12:00' } }), '2026-11-25T11:00:00.000Z');
    });
  });

  describe('the course window', function () {
    it('the first reminder comes on the course’s first day, even at midnight', function () {
      const context = { timeZone: 'America/New_York', courseStart: '2026-11-24' };
      assert.equal(next(daily('00:00'), '2026-11-20T00:00Z', context), '2026-11-24T05:00:00.000Z');
      assert.equal(next({ kind: 'weekly', time: '08:00', days: ['mon'] }, '2026-11-20T00:00Z', context), '2026-11-30T13:00:00.000Z', 'the first Monday on or after the start');
    });

    it('the last day counts in the client’s zone: 20:00 on the last day in New York (already the next day in UTC) still has its 21:00', function () {
      const context = { timeZone: 'America/New_York', courseStart: '2026-11-01', courseEnd: '2026-11-26' };
      assert.equal(next(daily('21:00'), '2026-11-27T01:00Z', context), '2026-11-27T02:00:00.000Z');
      assert.equal(next(daily('21:00'), '2026-11-27T02:00Z', context), undefined);
    });

    it('east of UTC the course is over once the client’s day after the end begins, even while UTC is still on the last day', function () {
      const context = { timeZone: 'Asia/Kolkata', courseEnd: '2026-11-26' };
      assert.equal(next(daily('08:00'), '2026-11-26T00:00Z', context), '2026-11-26T02:30:00.000Z');
      assert.equal(next(daily('08:00'), '2026-11-26T20:00Z', context), undefined, '01:30 on the 27th in Kolkata');
    });

    it('every other week counts from the course start, not from when it is asked', function () {
      // The course starts on Wednesday 4 November: the Tuesday of that week is before it, so the weeks that
      // fire are those of 16 and 30 November, 14 and 28 December.
      const rule: ScheduleRule = { kind: 'rrule', rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', time: '18:00' };
      const context = { ...MADRID, courseStart: '2026-11-04' };
      assert.deepEqual(between(rule, '2026-11-01T00:00Z', '2026-12-31T00:00Z', context), [
        '2026-11-17T17:00:00.000Z',
        '2026-12-01T17:00:00.000Z',
        '2026-12-15T17:00:00.000Z',
        '2026-12-29T17:00:00.000Z',
      ]);
      assert.equal(next(rule, '2026-11-24T08:00Z', context), '2026-12-01T17:00:00.000Z', 'asked on an off-week Tuesday morning, it waits a week');
      assert.equal(next(rule, '2026-11-18T08:00Z', context), '2026-12-01T17:00:00.000Z');
    });

    it('a course that began years ago still has its next reminder, for an RRULE and a weekly rule alike', function () {
      // Thousands of occurrences lie between the course start and now: none of them may use up the search.
      const context = { ...MADRID, courseStart: '2023-01-02' }; // a Monday
      assert.equal(next({ kind: 'rrule', rrule: 'FREQ=DAILY', time: '19:00' }, '2026-11-25T12:00Z', context), '2026-11-25T18:00:00.000Z');
      assert.equal(next({ kind: 'rrule', rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', time: '19:00' }, '2026-11-25T12:00Z', context), '2026-11-30T18:00:00.000Z', '204 weeks after the start');
      assert.equal(next(daily('19:00'), '2026-11-25T12:00Z', context), '2026-11-25T18:00:00.000Z');
      assert.equal(next({ kind: 'weekly', time: '19:00', days: ['sun'] }, '2026-11-25T12:00Z', context), '2026-11-29T18:00:00.000Z');
    });

    it('an RRULE that counts its occurrences counts them from the course start', function () {
      const rule: ScheduleRule = { kind: 'rrule', rrule: 'FREQ=DAILY;COUNT=3', time: '19:00' };
      const context = { ...MADRID, courseStart: '2026-11-24' };
      assert.deepEqual(between(rule, '2026-11-01T00:00Z', '2026-12-31T00:00Z', context), ['2026-11-24T18:00:00.000Z', '2026-11-25T18:00:00.000Z', '2026-11-26T18:00:00.000Z']);
      assert.equal(next(rule, '2026-11-26T18:00Z', context), undefined, 'after the third, none');
    });
  });

  describe('what a programme may send as an RRULE', function () {
    it('accepts daily, weekly, monthly and yearly rules', function () {
      for (const rule of ['FREQ=DAILY', 'FREQ=WEEKLY;BYDAY=MO,TH', 'FREQ=MONTHLY;BYMONTHDAY=1', 'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=8']) assert.equal(rruleProblem(rule), undefined, rule);
    });

    it('says why it refuses one', function () {
      assert.equal(rruleProblem('FREQ=MINUTELY'), 'must repeat at most once a day (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)');
      assert.equal(rruleProblem('FREQ=SECONDLY'), 'must repeat at most once a day (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)');
      assert.equal(rruleProblem('FREQ=DAILY;BYSECOND=30'), 'must not use BYSECOND');
      assert.equal(rruleProblem('FREQ=FORTNIGHTLY'), 'needs a FREQ, e.g. FREQ=WEEKLY;BYDAY=MO,TH');
      for (const rule of ['FREQ=DAILY;TZID=Europe/Madrid', 'FREQ=DAILY;DTSTART=20260101T000000Z', 'TZID=Europe/Madrid;FREQ=DAILY']) {
        assert.equal(rruleProblem(rule), 'must not contain DTSTART or TZID: the course start and the client time zone are used', rule);
      }
      assert.equal(rruleProblem('FREQ=DAILY;UNTIL=next-friday'), 'is not a valid RRULE (Invalid UNTIL value: next-friday)');
    });

    it('a rule limited to no occurrence at all never occurs', function () {
      assert.match(rruleOccurrenceProblem('FREQ=DAILY;COUNT=0', new Date('2026-11-25T12:00:00Z')) ?? '', /never occurs: no day in the next 8 years/);
      assert.equal(rruleOccurrenceProblem('FREQ=DAILY;COUNT=1', new Date('2026-11-25T12:00:00Z')), undefined);
    });

    it('refuses a BYDAY that is not a day of the week, naming BYDAY and how to write it', function () {
      for (const rule of ['FREQ=DAILY;BYDAY=XX', 'FREQ=WEEKLY;BYDAY=MO,XX', 'FREQ=MONTHLY;BYDAY=1XX', 'FREQ=WEEKLY;BYDAY=mo', 'FREQ=WEEKLY;BYDAY=MOO', 'FREQ=MONTHLY;BYDAY=123MO', 'FREQ=DAILY; BYDAY=XX', 'FREQ=DAILY;byday=XX', 'BYDAY=XX;FREQ=DAILY']) {
        assert.match(rruleProblem(rule) ?? '', /^has a BYDAY that is not a day of the week \("[^"]+"\): use MO, TU, WE, TH, FR, SA or SU, e\.g\. BYDAY=MO,TH/, rule);
      }
      assert.equal(rruleProblem('FREQ=MONTHLY;BYDAY=MO,XX'), 'has a BYDAY that is not a day of the week ("XX"): use MO, TU, WE, TH, FR, SA or SU, e.g. BYDAY=MO,TH or BYDAY=-1FR');
      assert.throws(() => next({ kind: 'rrule', rrule: 'FREQ=DAILY;BYDAY=XX', time: '19:00' }, '2026-11-25T00:00Z', MADRID), /The reminder's RRULE has a BYDAY that is not a day of the week/);
      for (const rule of ['FREQ=WEEKLY;BYDAY=SU', 'FREQ=MONTHLY;BYDAY=-1FR', 'FREQ=MONTHLY;BYDAY=+2MO', 'FREQ=YEARLY;BYDAY=20MO', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU']) assert.equal(rruleProblem(rule), undefined, rule);
    });

    it('BYSETPOS (the last weekday of a month) is for monthly and yearly rules only', function () {
      const from = new Date('2026-11-25T12:00:00Z');
      for (const rule of ['FREQ=DAILY;BYSETPOS=1', 'FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=1']) assert.equal(rruleOccurrenceProblem(rule, from), 'must use BYSETPOS only with FREQ=MONTHLY or YEARLY', rule);
      for (const rule of ['FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', 'FREQ=YEARLY;BYMONTH=12;BYDAY=MO;BYSETPOS=1']) assert.equal(rruleOccurrenceProblem(rule, from), undefined, rule);
    });

    it('a rule that fires on a weekday of one date fires only when that date falls on it within eight years, to the day', function () {
      // 29 February falls on a Tuesday in 2028, a Sunday in 2032, a Friday in 2036 and on no Monday before 2044.
      const from = new Date('2026-11-25T12:00:00Z');
      for (const freq of ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY']) {
        for (const day of ['TU', 'SU']) assert.equal(rruleOccurrenceProblem(`FREQ=${freq};BYMONTH=2;BYMONTHDAY=29;BYDAY=${day}`, from), undefined, `${freq} ${day}`);
        for (const day of ['MO', 'FR']) assert.match(rruleOccurrenceProblem(`FREQ=${freq};BYMONTH=2;BYMONTHDAY=29;BYDAY=${day}`, from) ?? '', /^never occurs: no day in the next 8 years/, `${freq} ${day}`);
      }
      // Sunday 29 February 2032 is eight years from 29 February 2024 and from 1 March 2024, but a day too far from 28 February 2024.
      const sunday = 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=SU';
      assert.equal(rruleOccurrenceProblem(sunday, new Date('2024-02-29T12:00:00Z')), undefined);
      assert.equal(rruleOccurrenceProblem(sunday, new Date('2024-03-01T12:00:00Z')), undefined);
      assert.match(rruleOccurrenceProblem(sunday, new Date('2024-02-28T12:00:00Z')) ?? '', /^never occurs/);
      assert.match(rruleOccurrenceProblem(sunday, new Date('2032-03-01T00:00:00Z')) ?? '', /^never occurs/, 'once it has passed, the next is in 2060');
    });

    it('a daily or weekly rule the check lets through is one the planner fires, whatever its interval or weekday position', function () {
      const from = new Date('2026-11-25T12:00:00Z');
      for (const rrule of ['FREQ=DAILY;INTERVAL=10;BYMONTH=2;BYMONTHDAY=29', 'FREQ=WEEKLY;INTERVAL=3;BYMONTH=2;BYMONTHDAY=29', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=+1TU']) {
        assert.equal(rruleOccurrenceProblem(rrule, from), undefined, rrule);
        // The interval decides which 29 February comes first; one does.
        assert.match(next({ kind: 'rrule', rrule, time: '10:00' }, from.toISOString(), { timeZone: 'UTC' }) ?? '', /^20\d\d-02-29T10:00:00\.000Z$/, rrule);
      }
      assert.equal(next({ kind: 'rrule', rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=+1TU', time: '10:00' }, from.toISOString(), { timeZone: 'UTC' }), '2028-02-29T10:00:00.000Z');
    });

    it('gives, from any year, the answer a direct look at the next eight years gives, to the last day of the window', function () {
      // Tuesday 29 February happens in 2000 and then not before 2028: from 1 March 1992 the eight years end on
      // 1 March 2000 and just hold it; from 1 March 2000 they do not. Years near 2000 sit where the check's
      // jump to the end of the calendar lands closest to rrule's last year.
      const withinEightYears = (rrule: string, from: Date) => {
        const end = new Date(Date.UTC(from.getUTCFullYear() + 8, from.getUTCMonth(), from.getUTCDate(), from.getUTCHours()));
        return new RRule({ ...RRule.parseString(rrule), dtstart: from }).between(from, end, true, (_date, found) => found < 1).length > 0;
      };
      for (const rrule of ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=TU', 'FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=TU']) {
        const firesFrom: number[] = [];
        for (let year = 1985; year <= 2010; year++) {
          const from = new Date(Date.UTC(year, 2, 1, 12));
          const fires = rruleOccurrenceProblem(rrule, from) === undefined;
          assert.equal(fires, withinEightYears(rrule, from), `${rrule} from ${from.toISOString()}`);
          if (fires) firesFrom.push(year);
        }
        assert.deepEqual(firesFrom, [1992, 1993, 1994, 1995, 1996, 1997, 1998, 1999], rrule);
      }
    });

    it('refuses a rule written over several lines', function () {
      assert.equal(rruleProblem('FREQ=DAILY\nFREQ=WEEKLY'), 'must not contain DTSTART or TZID: the course start and the client time zone are used');
    });
  });

  describe('dates without a year', function () {
    const yearly = (month: number, day: number): ScheduleRule => ({ kind: 'rrule', rrule: yearlyRrule({ month, day }), time: '10:00' });

    it('14 February fires on 14 February, in common and leap years alike, never on the last day of February', function () {
      assert.deepEqual(between(yearly(2, 14), '2026-11-26T00:00Z', '2029-01-01T00:00Z', { timeZone: 'UTC' }), ['2027-02-14T10:00:00.000Z', '2028-02-14T10:00:00.000Z']);
      assert.deepEqual(between(yearly(2, 28), '2026-11-26T00:00Z', '2029-01-01T00:00Z', { timeZone: 'UTC' }), ['2027-02-28T10:00:00.000Z', '2028-02-28T10:00:00.000Z']);
      assert.deepEqual(between(yearly(1, 29), '2026-11-26T00:00Z', '2028-01-01T00:00Z', { timeZone: 'UTC' }), ['2027-01-29T10:00:00.000Z']);
    });

    it('knows which days exist in some year', function () {
      assert.equal(isMonthDay({ month: 2, day: 29 }), true);
      assert.equal(isMonthDay({ month: 12, day: 31 }), true);
      assert.equal(isMonthDay({ month: 2, day: 30 }), false);
      assert.equal(isMonthDay({ month: 4, day: 31 }), false);
      assert.equal(isMonthDay({ month: 13, day: 1 }), false);
    });
  });
});
