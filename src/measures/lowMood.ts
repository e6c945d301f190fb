/**
 * Sustained low mood, as a pure function of the client's records: check-in mood ≤ 2 on three days within
 * seven, or a PHQ-9 reliably worse than the baseline. Each is an *episode* identified by where it began,
 * so the clinician hears of it once, however long it lasts; a new episode begins only after one ended.
 */
import { DateTime } from 'luxon';
import type { CheckIn, Measure } from '../client/records';
import { INSTRUMENTS } from './instruments';
import { change } from './scoring';

export const LOW_MOOD_AT_MOST = 2;
export const LOW_DAYS = 3;
export const WINDOW_DAYS = 7;

export interface LowMoodEpisode {
  /** Stable for the whole episode: `mood:<first day>` or `phq9:<first worse measure's id>`. */
  id: string;
  kind: 'mood' | 'phq9';
  /** For the clinician: what was seen, without the client's words. */
  detail: string;
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
  const recent = run.filter((day) => now - day < WINDOW_DAYS).length;
  return { id: `mood:${low[first]}`, kind: 'mood', detail: `check-in mood at most ${LOW_MOOD_AT_MOST} on ${recent} of the last ${WINDOW_DAYS} days` };
}

/** The PHQ-9 worsening under way at the latest measure, if any: reliably worse than the baseline. */
export function currentPhq9Episode(measures: readonly Measure[]): LowMoodEpisode | undefined {
  const phq9 = measures.filter((m) => m.instrument === 'phq9').sort((a, b) => a.completedAt.localeCompare(b.completedAt));
  if (phq9.length < 2) return undefined;
  const baseline = phq9[0].total;
  const worse = (m: Measure) => change(INSTRUMENTS.phq9, baseline, m.total).reliable === 'worsened';
  let index = phq9.length - 1;
  if (!worse(phq9[index])) return undefined;
  while (index > 1 && worse(phq9[index - 1])) index--;
  const latest = phq9[phq9.length - 1];
  return { id: `phq9:${phq9[index].id}`, kind: 'phq9', detail: `PHQ-9 ${latest.total}, up ${latest.total - baseline} from a baseline of ${baseline} (reliable worsening)` };
}
