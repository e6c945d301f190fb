import assert from 'node:assert/strict';
import { TurnContext } from 'botbuilder';
import { ClientRepository } from '../../src/client/clientRepository';
import { Measure } from '../../src/client/records';
import { createLogger } from '../../src/logger';
import { currentMeasureEpisode, currentMoodEpisode, currentPhq9Episode, LowMoodEpisode } from '../../src/measures/lowMood';
import { LowMoodWatch } from '../../src/measures/lowMoodWatch';
import { bandOf } from '../../src/measures/scoring';
import { INSTRUMENTS } from '../../src/measures/instruments';
import { tempStore } from '../support/tempStore';

const days = (entries: Array<[string, number]>) => entries.map(([localDate, mood]) => ({ localDate, mood }));

function measure(instrument: 'phq9' | 'gad7', id: string, total: number, day: string): Measure {
  const at = `${day}T10:00:00.000Z`;
  const answers = Array.from({ length: INSTRUMENTS[instrument].itemCodes.length }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));
  return { kind: 'measure', clientId: 'c', createdAt: at, updatedAt: at, id, instrument, version: 'v', language: 'en', startedAt: at, completedAt: at, localDate: day, answers, total, band: bandOf(INSTRUMENTS[instrument], total), source: 'scheduled' };
}
const phq9 = (id: string, total: number, day: string) => measure('phq9', id, total, day);
const gad7 = (id: string, total: number, day: string) => measure('gad7', id, total, day);

describe('sustained low mood', () => {
  describe('check-in episodes (mood ≤ 2 on three days within seven)', () => {
    it('begins on the third low day within seven, and is the same episode while it lasts', () => {
      const low = days([['2026-11-01', 2], ['2026-11-04', 1], ['2026-11-05', 7]]);
      assert.equal(currentMoodEpisode(low, '2026-11-05'), undefined, 'two low days');
      const three = [...low, ...days([['2026-11-07', 0]])];
      assert.equal(currentMoodEpisode(three, '2026-11-07')?.id, 'mood:2026-11-01');
      const four = [...three, ...days([['2026-11-09', 2]])];
      assert.equal(currentMoodEpisode(four, '2026-11-09')?.id, 'mood:2026-11-01', 'still the same episode');
    });

    it('does not count a mood of 3, nor low days spread over more than seven days; a new run is a new episode', () => {
      assert.equal(currentMoodEpisode(days([['2026-11-01', 3], ['2026-11-02', 3], ['2026-11-03', 3]]), '2026-11-03'), undefined);
      assert.equal(currentMoodEpisode(days([['2026-11-01', 1], ['2026-11-04', 1], ['2026-11-08', 1]]), '2026-11-08'), undefined, '1st to 8th is eight days');
      const later = days([['2026-11-01', 1], ['2026-11-02', 1], ['2026-11-03', 1], ['2026-11-20', 2], ['2026-11-21', 2], ['2026-11-22', 1]]);
      assert.equal(currentMoodEpisode(later, '2026-11-12'), undefined, 'over by then');
      assert.equal(currentMoodEpisode(later, '2026-11-22')?.id, 'mood:2026-11-20');
    });
  });

  describe('PHQ-9 episodes (reliably worse than baseline)', () => {
    it('begins at the first measure 6 or more above baseline and lasts while they stay there', () => {
      assert.equal(currentPhq9Episode([phq9('a', 8, '2026-11-01'), phq9('b', 13, '2026-11-15')]), undefined, '+5');
      assert.equal(currentPhq9Episode([phq9('a', 8, '2026-11-01'), phq9('b', 14, '2026-11-15')])?.id, 'phq9:b');
      assert.equal(currentPhq9Episode([phq9('a', 8, '2026-11-01'), phq9('b', 14, '2026-11-15'), phq9('c', 16, '2026-11-29')])?.id, 'phq9:b');
      assert.equal(currentPhq9Episode([phq9('a', 8, '2026-11-01'), phq9('b', 14, '2026-11-15'), phq9('c', 9, '2026-11-29'), phq9('d', 15, '2026-12-13')])?.id, 'phq9:d');
    });
  });

  describe('GAD-7 episodes (reliably worse than baseline: 4 points)', () => {
    it('begins at +4, not at +3; is not confused by PHQ-9 measures; ends when no longer reliably worse', () => {
      assert.equal(currentMeasureEpisode('gad7', [gad7('a', 5, '2026-11-01'), gad7('b', 8, '2026-11-15')]), undefined, '+3');
      const worse = currentMeasureEpisode('gad7', [gad7('a', 5, '2026-11-01'), phq9('p', 27, '2026-11-10'), gad7('b', 9, '2026-11-15')]);
      assert.deepEqual([worse?.id, worse?.kind, worse?.facts], ['gad7:b', 'gad7', { kind: 'gad7', latest: 9, band: 'mild', baseline: 5, change: 4 }]);
      assert.equal(currentMeasureEpisode('gad7', [gad7('a', 5, '2026-11-01'), gad7('b', 9, '2026-11-15'), gad7('c', 8, '2026-11-29')]), undefined, 'recovered at +3');
      assert.equal(currentMeasureEpisode('phq9', [gad7('a', 0, '2026-11-01'), gad7('b', 21, '2026-11-15')]), undefined, 'a GAD-7 is no PHQ-9');
    });
  });

  describe('LowMoodWatch', () => {
    let temp: Awaited<ReturnType<typeof tempStore>>;
    let now: Date;
    beforeEach(async () => {
      temp = await tempStore();
    });
    afterEach(async () => temp.dispose());

    it('tells the clinician once per episode, and again if the notice could not be stored', async () => {
      const clock = { now: () => now };
      const repo = new ClientRepository(temp.store, clock);
      const told: LowMoodEpisode[] = [];
      let failNext = false;
      // Stands in for the notice store: a notice it stored is a document the watch finds next time.
      const notifyLowMood = async (_context: TurnContext, clientId: string, episode: LowMoodEpisode) => {
        if (failNext) return (failNext = false);
        told.push(episode);
        return repo.createLowMoodNotice({ kind: 'lowMoodNotice', clientId, episodeId: episode.id, createdAt: now.toISOString(), facts: episode.facts });
      };
      const watch = new LowMoodWatch(repo, { notifyLowMood }, createLogger('silent'), clock);
      const context = {} as TurnContext;
      for (const [day, mood] of [['2026-11-01', 1], ['2026-11-03', 2], ['2026-11-05', 2], ['2026-11-06', 1]] as const) {
        now = new Date(`${day}T12:00:00Z`);
        await repo.saveCheckIn('c', 'Europe/Madrid', { mood });
        if (day === '2026-11-05') failNext = true;
        await watch.check(context, 'c', 'Europe/Madrid');
      }
      assert.deepEqual(
        told.map((episode) => [episode.id, episode.facts]),
        [['mood:2026-11-01', { kind: 'mood', lowDays: 4, windowDays: 7, moods: [1, 2, 2, 1] }]],
        'the failed notice was tried again on the next check-in, then never again',
      );
      now = new Date('2026-11-07T12:00:00Z');
      await watch.check(context, 'c', 'Europe/Madrid');
      assert.equal(told.length, 1);
      const exported = await repo.exportEverything('c', []);
      assert.ok(exported.records.some((r) => r.kind === 'lowMoodNotice'), 'the notice is part of the client’s data');
    });
  });
});
