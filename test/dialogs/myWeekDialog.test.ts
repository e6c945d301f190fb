import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { t } from '../../src/i18n';
import { Clock } from '../../src/clock';
import { ClientRepository } from '../../src/client/clientRepository';
import { MyWeekDialog, summariseWeek } from '../../dialogs/myWeekDialog';
import { countTags, webChatHtml } from '../support/webChatMarkdown';
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
        // A card on both channels: the chart as an image, each day and each fact as a row of its own.
        assert.equal(reply.attachments?.[0].contentType, 'application/vnd.microsoft.card.adaptive');
        const card = reply.attachments?.[0].content as { body: Array<{ type: string; url?: string; text?: string; facts?: Array<{ title: string; value: string }> }>; fallbackText: string };
        assert.equal(card.body[0].text, t(language, 'week.title'));
        assert.match(card.body.find((b) => b.type === 'Image')?.url ?? '', /^data:image\/png;base64,/, 'the mood chart');
        const [days, shown] = card.body.filter((b) => b.type === 'FactSet').map((b) => b.facts ?? []);
        assert.deepEqual(days.map((d) => d.value), [t(language, 'week.noCheckIn'), '4', t(language, 'week.noCheckIn'), t(language, 'week.noCheckIn'), t(language, 'week.noCheckIn'), '6', '8']);
        const fact = (key: string) => shown.find((f) => f.title === t(language, key))?.value;
        assert.equal(fact('week.checkIns'), t(language, 'week.checkInsValue', { week: 3, month: 4 }));
        assert.equal(fact('week.people'), 'Ana');
        assert.equal(fact('week.average7'), '6', '7-day average (4+6+8)/3');
        assert.equal(fact('week.average28'), '5', '28-day average (2+4+6+8)/4');
        // The text for channels without cards: the same days and facts, each a list item of its own.
        const html = webChatHtml(card.fallbackText);
        // 7 days, the 3 days with a check-in side by side with who was there, 5 facts.
        assert.equal(countTags(html, 'li'), 7 + 3 + 5);
        assert.ok(card.fallbackText.includes(`${t(language, 'week.average7')}: 6`));
      });

      it(`${channelId} / ${language}: keeps two check-ins of one day, shows the latest and notes the other`, async () => {
        const { repo, clientId, h } = await seed(channelId, language);
        now = new Date('2026-11-25T08:00:00Z');
        await repo.saveCheckIn(clientId, 'UTC', { mood: 3, sawNobody: true });
        now = new Date('2026-11-25T20:00:00Z');
        await repo.saveCheckIn(clientId, 'UTC', { mood: 7, sawNobody: true });
        const [reply] = await h.send('show me');
        const card = reply.attachments?.[0].content as { body: Array<{ type: string; facts?: Array<{ value: string }> }> };
        const [days, shown] = card.body.filter((b) => b.type === 'FactSet').map((b) => b.facts ?? []);
        assert.equal(days[6].value, `7 ${t(language, 'week.earlier', { moods: '3' })}`);
        assert.equal(shown[2].value, t(language, 'week.checkInsValue', { week: 2, month: 2 }));
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
        const shown = JSON.stringify(reply.attachments?.[0].content); // a card on both channels
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
        const shown = JSON.stringify(reply.attachments?.[0].content); // a card on both channels
        assert.ok(shown.includes(t(language, 'week.moodAndPeopleTitle')));
        assert.ok(!shown.includes(t(language, 'week.patternsTitle')));
        assert.ok(!shown.includes(t(language, 'week.patternNote')));
      });

      it(`${channelId} / ${language}: says kindly when there is nothing yet`, async () => {
        const { h } = await seed(channelId, language);
        const [reply] = await h.send('hi');
        assert.equal(reply.text, t(language, 'week.empty'), 'one sentence, no empty card');
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
