import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { t } from '../../src/i18n';
import { Clock } from '../../src/clock';
import { ClientRepository } from '../../src/client/clientRepository';
import { MyWeekDialog, summariseWeek } from '../../dialogs/myWeekDialog';
import { CHANNELS, harness, LANGUAGES, onboardedProfile, seedProfile, tempStore } from './harness';

describe('MyWeekDialog', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  let now = new Date('2026-11-25T12:00:00Z');
  const clock: Clock = { now: () => now };
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  async function seed(channelId: (typeof CHANNELS)[number], language: 'en' | 'es') {
    const repo = new ClientRepository(temp.store, clock);
    const profile = await onboardedProfile(repo, language, { timeZone: 'UTC' });
    await seedProfile(temp.store, channelId, profile);
    return { repo, clientId: profile.clientId as string, h: harness((s) => new MyWeekDialog(s), { channelId, language, store: temp.store, clock }) };
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      it(`${channelId} / ${language}: shows mood for 7 and 28 days, check-ins, problems and people`, async () => {
        const { repo, clientId, h } = await seed(channelId, language);
        for (const [day, mood] of [['2026-11-01', 2], ['2026-11-20', 4], ['2026-11-24', 6], ['2026-11-25', 8]] as const) {
          now = new Date(`${day}T12:00:00Z`);
          await repo.saveCheckIn(clientId, 'UTC', { mood, interaction: day === '2026-11-24' ? { name: 'Ana', how: 'better' } : undefined, sawNobody: day !== '2026-11-24' });
        }
        await repo.newProblem(clientId, 'Too much at work lately');
        const [reply] = await h.send('show me');
        const shown = channelId === 'msteams' ? JSON.stringify(reply.attachments?.[0].content) : (reply.text ?? '');
        if (channelId === 'msteams') assert.equal(reply.attachments?.[0].contentType, 'application/vnd.microsoft.card.adaptive');
        assert.ok(shown.includes(t(language, 'week.title')));
        assert.ok(shown.includes('██████ 6') && shown.includes('████████ 8'));
        assert.ok(shown.includes(t(language, 'week.checkInsValue', { week: 3, month: 4 })));
        assert.ok(shown.includes('Ana'));
        const avg = (key: string, value: string) => (channelId === 'msteams' ? `{"title":"${t(language, key)}","value":"${value}"}` : `${t(language, key)}: ${value}`);
        assert.ok(shown.includes(avg('week.average7', '6')), '7-day average (4+6+8)/3');
        assert.ok(shown.includes(avg('week.average28', '5')), '28-day average (2+4+6+8)/4');
      });

      it(`${channelId} / ${language}: puts mood and people side by side, with a gentle per-person observation once there are enough days`, async () => {
        const { repo, clientId, h } = await seed(channelId, language);
        const days: Array<[string, number, 'worse' | 'better' | undefined]> = [
          ['2026-11-19', 3, 'worse'],
          ['2026-11-20', 7, undefined],
          ['2026-11-21', 4, 'worse'],
          ['2026-11-22', 8, undefined],
          ['2026-11-23', 5, 'better'],
          ['2026-11-24', 6, undefined],
        ];
        for (const [day, mood, how] of days) {
          now = new Date(`${day}T12:00:00Z`);
          await repo.saveCheckIn(clientId, 'UTC', how ? { mood, interaction: { name: 'Mum', how, affectedMood: how === 'worse' ? 'aLot' : 'aBit' } } : { mood, sawNobody: true });
        }
        now = new Date('2026-11-25T12:00:00Z');
        const [reply] = await h.send('my week');
        const shown = channelId === 'msteams' ? JSON.stringify(reply.attachments?.[0].content) : (reply.text ?? '');
        assert.ok(shown.includes(t(language, 'week.moodAndPeopleTitle')));
        const day = (date: string) => DateTime.fromISO(date).setLocale(language).toFormat('ccc d');
        assert.ok(shown.includes(`${day('2026-11-21')} · 4 · Mum · ${t(language, 'week.how_worse')} · ${t(language, 'week.affected_aLot')}`), shown);
        assert.ok(shown.includes(`${day('2026-11-22')} · 8 · ${t(language, 'week.nobody')}`));
        assert.ok(shown.includes(t(language, 'week.checkInsValue', { week: 6, month: 6 })));
        // Mum on 3 days (3, 4, 5 → 4), not on 3 days (7, 8, 6 → 7): enough on both sides to notice.
        assert.ok(shown.includes(t(language, 'week.patternContact', { name: 'Mum', with: 3, moodWith: 4, without: 3, moodWithout: 7 })), shown);
        assert.ok(shown.includes(t(language, 'week.patternNote')));
        assert.ok(!shown.includes(t(language, 'week.patternWorse', { name: 'Mum', worse: 2, moodWorse: 3.5, notWorse: 1, moodNotWorse: 5 })), 'too few days to compare worse with the rest');
      });

      it(`${channelId} / ${language}: offers no observation with too few days`, async () => {
        const { repo, clientId, h } = await seed(channelId, language);
        for (const [day, mood] of [['2026-11-22', 3], ['2026-11-23', 4], ['2026-11-24', 8], ['2026-11-25', 7]] as const) {
          now = new Date(`${day}T12:00:00Z`);
          await repo.saveCheckIn(clientId, 'UTC', day < '2026-11-24' ? { mood, interaction: { name: 'Leo', how: 'worse' } } : { mood, sawNobody: true });
        }
        const [reply] = await h.send('my week');
        const shown = channelId === 'msteams' ? JSON.stringify(reply.attachments?.[0].content) : (reply.text ?? '');
        assert.ok(shown.includes(t(language, 'week.moodAndPeopleTitle')));
        assert.ok(!shown.includes(t(language, 'week.patternsTitle')));
        assert.ok(!shown.includes(t(language, 'week.patternNote')));
      });

      it(`${channelId} / ${language}: says kindly when there is nothing yet`, async () => {
        const { h } = await seed(channelId, language);
        const [reply] = await h.send('hi');
        const shown = channelId === 'msteams' ? JSON.stringify(reply.attachments?.[0].content) : reply.text;
        assert.ok(shown?.includes(t(language, 'week.empty')));
      });
    }
  }

  it('summariseWeek counts local days ending today', () => {
    const checkIn = (localDate: string, mood: number) => ({ kind: 'checkIn' as const, clientId: 'c', localDate, timeZone: 'UTC', mood, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' });
    const s = summariseWeek('2026-03-10', [checkIn('2026-03-04', 3), checkIn('2026-03-03', 9), checkIn('2026-03-10', 5), checkIn('2026-02-10', 1)], [], []);
    assert.deepEqual(s.days.map((d) => d.date), ['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']);
    assert.deepEqual(s.days.map((d) => d.mood), [3, undefined, undefined, undefined, undefined, undefined, 5]);
    assert.equal(s.average7, 4);
    assert.equal(s.checkIns7, 2);
    assert.equal(s.checkIns28, 3, '2026-02-10 is 28 days back, outside the window');
    assert.equal(s.average28, 5.7);
  });
});
