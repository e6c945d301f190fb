import assert from 'node:assert/strict';
import { findMonthDay, formatMonthDay, parseMonthDay, readMonthDay } from '../../dialogs/prompts/dates';

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
  });

  it('writes a day of the year the way each language does', () => {
    assert.equal(formatMonthDay('en', { month: 3, day: 3 }), 'March 3');
    assert.equal(formatMonthDay('es', { month: 3, day: 3 }), '3 de marzo');
    assert.equal(formatMonthDay('en', { month: 2, day: 29 }), 'February 29');
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
  });
});
