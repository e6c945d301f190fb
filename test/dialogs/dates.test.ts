import assert from 'node:assert/strict';
import { findMonthDay, formatDate, formatDateTime, formatMonthDay, fromMonthDayId, monthDayId, parseMonthDay, readMonthDay } from '../../dialogs/prompts/dates';

describe('days of the year typed in chat', () => {
  const CASES: Array<[string, ReturnType<typeof readMonthDay>]> = [
    ['3 March', { month: 3, day: 3 }],
    ['March 3rd', { month: 3, day: 3 }],
    ['the 3rd of March', { month: 3, day: 3 }],
    ['3 mar', { month: 3, day: 3 }],
    ['Sept 21', { month: 9, day: 21 }],
    ['3 de marzo', { month: 3, day: 3 }],
    ['el 21 de setiembre', { month: 9, day: 21 }],
    ['1º de mayo', { month: 5, day: 1 }],
    ['14/3', { month: 3, day: 14 }],
    ['3/14', { month: 3, day: 14 }],
    ['14.03.1998', { month: 3, day: 14 }],
    ['2019-07-20', { month: 7, day: 20 }],
    ['5/5', { month: 5, day: 5 }],
    ['29/2', { month: 2, day: 29 }],
    ['3/4', 'ambiguous'],
    ['31 April', undefined],
    ['31/2', undefined],
    ['spring', undefined],
    ['in March', undefined],
    // with a year, which says nothing about the day of the year
    ['3 March 1998', { month: 3, day: 3 }],
    ['3 de marzo de 1998', { month: 3, day: 3 }],
    ['the 22nd of July 2001', { month: 7, day: 22 }],
    ['14/3/98', { month: 3, day: 14 }],
    ['3/14/98', { month: 3, day: 14 }],
    ['14-3-1998', { month: 3, day: 14 }],
    ['5/5/05', { month: 5, day: 5 }],
    ['3/4/2001', 'ambiguous'],
    ['2026-02-30', undefined],
    // dashes and dots, abbreviations with a full stop, ordinals in Spanish
    ['14-3', { month: 3, day: 14 }],
    ['3-14', { month: 3, day: 14 }],
    ['14.3', { month: 3, day: 14 }],
    ['21 sept.', { month: 9, day: 21 }],
    ['el 1ro de mayo', { month: 5, day: 1 }],
    ['mar 3', { month: 3, day: 3 }],
    ['12/12', { month: 12, day: 12 }],
    ['on 3 March', { month: 3, day: 3 }],
    ['on the 3rd of March', { month: 3, day: 3 }],
    ['3 March, 2026', { month: 3, day: 3 }],
    ['21 set', { month: 9, day: 21 }],
    // not a day of the year
    ['3rd', undefined],
    ['March', undefined],
    ['30 feb', undefined],
    ['on 31 june', undefined],
  ];
  for (const [text, expected] of CASES) {
    it(`"${text}" → ${JSON.stringify(expected)}`, () => assert.deepEqual(readMonthDay(text), expected));
  }

  it('finds a date inside a longer answer, and none where there is none', () => {
    assert.deepEqual(findMonthDay('Her birthday, the 3rd of March, and Christmas'), { month: 3, day: 3 });
    assert.deepEqual(findMonthDay('Su cumpleaños es el 21 de setiembre'), { month: 9, day: 21 });
    assert.deepEqual(findMonthDay('the day he died, 14/11'), { month: 11, day: 14 });
    assert.equal(findMonthDay('Christmas is hard'), undefined);
    assert.equal(findMonthDay('around 3/4'), undefined);
    assert.deepEqual(findMonthDay('Her birthday is on March 3rd, I think'), { month: 3, day: 3 });
    assert.deepEqual(findMonthDay('14/03, y también 3/4'), { month: 3, day: 14 });
  });

  it('writes a day of the year the way each language does', () => {
    assert.equal(formatMonthDay('en', { month: 3, day: 3 }), 'March 3');
    assert.equal(formatMonthDay('es', { month: 3, day: 3 }), '3 de marzo');
    assert.equal(formatMonthDay('en', { month: 2, day: 29 }), 'February 29');
  });

  it('writes an instant as the date and time it is in the client\'s zone', () => {
    // 01:00 UTC on 2 March is still 1 March in Bogotá.
    assert.equal(formatDate('en', '2027-03-02T01:00:00Z', 'America/Bogota'), 'March 1, 2027');
    assert.equal(formatDate('es', '2027-03-02T01:00:00Z', 'Europe/Madrid'), '2 de marzo de 2027');
    assert.equal(formatDateTime('en', '2026-11-26T19:00:00Z', 'UTC'), 'Thursday, November 26 at 7:00 PM');
    assert.equal(formatDateTime('es', '2026-11-26T19:00:00Z', 'Europe/Madrid'), 'jueves 26 de noviembre, a las 20:00');
  });

  it('stores a day of the year as "MM-DD" and reads back only real days', () => {
    assert.equal(monthDayId({ month: 1, day: 5 }), '01-05');
    assert.equal(monthDayId({ month: 12, day: 31 }), '12-31');
    assert.deepEqual(fromMonthDayId('12-31'), { month: 12, day: 31 });
    assert.deepEqual(fromMonthDayId('02-29'), { month: 2, day: 29 });
    assert.equal(fromMonthDayId('02-30'), undefined);
    assert.equal(fromMonthDayId('2-3'), undefined);
    assert.equal(fromMonthDayId('x01-05'), undefined);
    assert.equal(fromMonthDayId('12-311'), undefined);
  });

  it('the parser takes a date button, typed words, and says what was wrong otherwise', () => {
    assert.deepEqual(parseMonthDay({ value: { choice: '03-03' } }, {}), { ok: true, value: '03-03' });
    assert.deepEqual(parseMonthDay({ value: { choice: '13-40' } }, {}), { ok: false, reason: 'badCard' });
    assert.deepEqual(parseMonthDay({ value: 'x' }, {}), { ok: false, reason: 'badCard' });
    assert.deepEqual(parseMonthDay({ text: '  ' }, {}), { ok: false, reason: 'empty' });
    assert.deepEqual(parseMonthDay({ text: '3/4' }, {}), { ok: false, reason: 'ambiguousDate' });
    assert.deepEqual(parseMonthDay({ text: 'whenever' }, {}), { ok: false, reason: 'badDate' });
    assert.deepEqual(parseMonthDay({ text: '1'.repeat(100) }, {}), { ok: false, reason: 'tooLong' });
    assert.deepEqual(parseMonthDay({ text: '20 de julio' }, {}), { ok: true, value: '07-20' });
    // Typed words win over a button value sent with them; a button without a usable day is not a date.
    assert.deepEqual(parseMonthDay({ text: '3 March', value: { choice: '04-04' } }, {}), { ok: true, value: '03-03' });
    assert.deepEqual(parseMonthDay({ value: { choice: 3 } }, {}), { ok: false, reason: 'badCard' });
    assert.deepEqual(parseMonthDay({}, {}), { ok: false, reason: 'empty' });
    assert.deepEqual(parseMonthDay({ value: null }, {}), { ok: false, reason: 'badCard' });
    assert.deepEqual(parseMonthDay({ text: ' 14/3 ' }, {}), { ok: true, value: '03-14' });
    // Up to 60 characters are read; spaces around the date do not count.
    assert.deepEqual(parseMonthDay({ text: `${'x'.repeat(59)}1` }, {}), { ok: false, reason: 'badDate' });
    assert.deepEqual(parseMonthDay({ text: `1 de enero${' '.repeat(55)}` }, {}), { ok: true, value: '01-01' });
  });
});
