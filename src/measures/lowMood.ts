/**
 * Sustained low mood, as a pure function of the client's records: check-in mood ≤ 2 on three days within
 * seven, or a PHQ-9 or GAD-7 reliably worse than its baseline (the instrument's reliable-change threshold:
 * PHQ-9 6 points, GAD-7 4; see instruments/SOURCE.md). Each is an *episode* identified by where it began,
 * so the clinician hears of it once, however long it lasts; a new episode begins only after one ended
 * (seven days without a low check-in; a measure no longer reliably worse than the baseline).
 */
import { DateTime } from 'luxon';
import type { CheckIn, Measure } from '../client/records';
import { INSTRUMENTS, InstrumentId, SeverityBand } from './instruments';
import { bandOf, change } from './scoring';

export const LOW_MOOD_AT_MOST = 2;
export const LOW_DAYS = 3;
export const WINDOW_DAYS = 7;

/** What the clinician is shown of an episode: numbers only, never the client's words. */
export type LowMoodFacts =
  | { kind: 'mood'; lowDays: number; windowDays: number; moods: number[] }
  | { kind: InstrumentId; latest: number; band: SeverityBand['id']; baseline: number; change: number };

export interface LowMoodEpisode {
  /** Stable for the whole episode: `mood:<first day>`, or `phq9:`/`gad7:` and the first worse measure's id. */
  id: string;
  kind: 'mood' | InstrumentId;
  /** For the clinician: what was seen, without the client's words. */
  detail: string;
  facts: LowMoodFacts;
}

/**
 * The mood episode under way on `today` (the client's local date), if any. Low days less than seven days
 * apart form one run; the run is an episode once three of its low days fall within seven days, and it is
 * over when seven days pass without a low day. Its id is the run's first low day, so it never changes.
 */
export function currentMoodEpisode(checkIns: readonly Pick<CheckIn, 'localDate' | 'mood'>[], today: string): LowMoodEpisode | undefined {
  const dayNumber = (date: string) => DateTime.fromISO(date, { zone: 'utc' }).toMillis() / 86_400_000;
  const now = dayNumber(today);
  const low = [...new Set(checkIns.filter((c) => c.mood <= LOW_MOOD_AT_MOST && c.localDate <= today).map((c) => c.localDate))].sort();
  if (low.length === 0 || now - dayNumber(low[low.length - 1]) >= WINDOW_DAYS) return undefined;
  let first = low.length - 1;
  while (first > 0 && dayNumber(low[first]) - dayNumber(low[first - 1]) < WINDOW_DAYS) first--;
  const run = low.slice(first).map(dayNumber);
  const qualifies = run.some((day, i) => i + LOW_DAYS - 1 < run.length && run[i + LOW_DAYS - 1] - day < WINDOW_DAYS);
  if (!qualifies) return undefined;
  const recentDays = low.filter((date) => now - dayNumber(date) < WINDOW_DAYS);
  const moods = recentDays.map((date) => Math.min(...checkIns.filter((c) => c.localDate === date).map((c) => c.mood)));
  const recent = recentDays.length;
  return {
    id: `mood:${low[first]}`,
    kind: 'mood',
    detail: `check-in mood at most ${LOW_MOOD_AT_MOST} on ${recent} of the last ${WINDOW_DAYS} days`,
    facts: { kind: 'mood', lowDays: recent, windowDays: WINDOW_DAYS, moods },
  };
}

/**
 * The worsening of one instrument under way at its latest measure, if any: reliably worse than the
 * baseline (the first measure). The episode began at the first measure of the latest run of reliably
 * worse ones, so a later, still worse measure is the same episode.
 */
export function currentMeasureEpisode(instrumentId: InstrumentId, measures: readonly Measure[]): LowMoodEpisode | undefined {
  const instrument = INSTRUMENTS[instrumentId];
  const series = measures.filter((m) => m.instrument === instrumentId).sort((a, b) => a.completedAt.localeCompare(b.completedAt));
  if (series.length < 2) return undefined;
  const baseline = series[0].total;
  const worse = (m: Measure) => change(instrument, baseline, m.total).reliable === 'worsened';
  let index = series.length - 1;
  if (!worse(series[index])) return undefined;
  while (index > 1 && worse(series[index - 1])) index--;
  const latest = series[series.length - 1];
  return {
    id: `${instrumentId}:${series[index].id}`,
    kind: instrumentId,
    detail: `${instrument.title} ${latest.total}, up ${latest.total - baseline} from a baseline of ${baseline} (reliable worsening)`,
    facts: { kind: instrumentId, latest: latest.total, band: bandOf(instrument, latest.total), baseline, change: latest.total - baseline },
  };
}

/** The PHQ-9 worsening under way at the latest measure, if any. */
export function currentPhq9Episode(measures: readonly Measure[]): LowMoodEpisode | undefined {
  return currentMeasureEpisode('phq9', measures);
}
