import assert from 'node:assert/strict';
import { moodPersonDays, personPatterns } from '../../src/client/moodAndPeople';
import { CheckIn, HowItWent } from '../../src/client/records';

const at = '2026-01-01T00:00:00Z';
function checkIn(localDate: string, mood: number, person?: { name: string; personId?: string; how?: HowItWent }): CheckIn {
  return { kind: 'checkIn', clientId: 'c', localDate, timeZone: 'UTC', mood, createdAt: at, updatedAt: at, ...(person ? { interaction: person } : { sawNobody: true }) };
}

describe('mood and people', () => {
  it('lists each check-in day in date order with its person, how it went and its effect', () => {
    const rows = moodPersonDays([
      { ...checkIn('2026-03-02', 6, { name: 'Ana', how: 'better' }), interaction: { name: 'Ana', how: 'better', affectedMood: 'aBit' } },
      checkIn('2026-03-01', 2),
    ]);
    assert.deepEqual(rows, [
      { date: '2026-03-01', mood: 2 },
      { date: '2026-03-02', mood: 6, name: 'Ana', how: 'better', affectedMood: 'aBit' },
    ]);
  });

  it('compares mood with and without a person only with at least 3 days on each side', () => {
    const twoAndThree = [checkIn('2026-03-01', 2, { name: 'Ana' }), checkIn('2026-03-02', 4, { name: 'Ana' }), checkIn('2026-03-03', 8), checkIn('2026-03-04', 8), checkIn('2026-03-05', 8)];
    assert.deepEqual(personPatterns(twoAndThree), []);
    const threeAndThree = [...twoAndThree, checkIn('2026-03-06', 3, { name: 'ana ' })];
    assert.deepEqual(personPatterns(threeAndThree), [{ name: 'ana ', withContact: { days: 3, averageMood: 3 }, withoutContact: { days: 3, averageMood: 8 } }]);
  });

  it('counts a person picked from the inventory as one, whatever name was shown, and splits worse days from the rest', () => {
    const mum = (date: string, mood: number, how: HowItWent) => checkIn(date, mood, { name: date < '2026-03-04' ? 'Mum' : 'Mom', personId: 'p1', how });
    const records = [
      mum('2026-03-01', 2, 'worse'), mum('2026-03-02', 3, 'worse'), mum('2026-03-03', 4, 'worse'),
      mum('2026-03-04', 7, 'better'), mum('2026-03-05', 6, 'asExpected'), mum('2026-03-06', 8, 'better'),
      checkIn('2026-03-07', 5), checkIn('2026-03-08', 5), checkIn('2026-03-09', 6, { name: 'Leo' }),
    ];
    const [pattern, ...others] = personPatterns(records);
    assert.deepEqual(others, [], 'Leo: one day only');
    assert.deepEqual(pattern, {
      name: 'Mom',
      withContact: { days: 6, averageMood: 5 },
      withoutContact: { days: 3, averageMood: 5.3 },
      worse: { days: 3, averageMood: 3 },
      notWorse: { days: 3, averageMood: 7 },
    });
  });
});
