/**
 * The conversation's recent window: what earlier messages within it left behind (the highest level reached, the
 * union of their signals, the categories of the flagged ones). A retraction never lowers it; entries outside the
 * window, or with an unreadable time, are ignored.
 */
import { levelRank, maxLevel, RISK_LEVELS, type RiskCategory, type RiskLevel, type ScreeningHistoryEntry } from './types';

export interface RecentWindow {
  /** How many history entries fall inside the window. */
  entries: number;
  level: RiskLevel;
  /** The highest level among entries that were not only to be asked about. */
  certainLevel: RiskLevel;
  signals: Set<string>;
  /** Categories of the entries that reached a level. */
  categories: Set<RiskCategory>;
}

export function recentWindow(history: readonly ScreeningHistoryEntry[], now: number, windowMs: number): RecentWindow {
  const from = now - windowMs;
  const out: RecentWindow = { entries: 0, level: 'none', certainLevel: 'none', signals: new Set(), categories: new Set() };
  for (const entry of history) {
    const at = Date.parse(entry.at);
    if (!(Number.isFinite(at) && at >= from && at <= now)) continue;
    out.entries += 1;
    const level = RISK_LEVELS.includes(entry.level) ? entry.level : 'none';
    out.level = maxLevel(out.level, level);
    if (entry.confirm !== true) out.certainLevel = maxLevel(out.certainLevel, level);
    for (const s of entry.signals) out.signals.add(s);
    if (levelRank(entry.level) > 0) for (const c of entry.categories) out.categories.add(c);
  }
  return out;
}
