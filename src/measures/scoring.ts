import { ANSWER_VALUES, AnswerValue, Instrument, SeverityBand } from './instruments';

/**
 * Scoring of the PHQ-9 and GAD-7: pure functions of the answers. A measure with any item missing (or an
 * answer outside 0–3) has no score at all — a partial total would read as a milder result than the truth.
 */

export interface Score {
  total: number;
  band: SeverityBand['id'];
}

export type ScoreResult = ({ complete: true } & Score) | { complete: false; missing: number[] };

function isAnswer(value: unknown): value is AnswerValue {
  return (ANSWER_VALUES as readonly unknown[]).includes(value);
}

export function score(instrument: Instrument, answers: ReadonlyArray<number | undefined | null>): ScoreResult {
  const count = instrument.itemCodes.length;
  const missing: number[] = [];
  for (let i = 0; i < count; i++) if (!isAnswer(answers[i])) missing.push(i + 1);
  if (missing.length > 0 || answers.length > count) return { complete: false, missing };
  const total = (answers as number[]).reduce((sum, value) => sum + value, 0);
  return { complete: true, total, band: bandOf(instrument, total) };
}

export function bandOf(instrument: Instrument, total: number): SeverityBand['id'] {
  const band = instrument.bands.find((b) => total >= b.min && total <= b.max);
  if (!band) throw new RangeError(`${instrument.title} total out of range: ${total}`);
  return band.id;
}

export type ReliableChange = 'improved' | 'worsened' | 'none';

/** How a later total compares with an earlier one. */
export interface Change {
  /** Later minus earlier: negative is fewer symptoms. */
  points: number;
  reliable: ReliableChange;
}

export function change(instrument: Instrument, earlier: number, later: number): Change {
  const points = later - earlier;
  const reliable = points <= -instrument.reliableChange ? 'improved' : points >= instrument.reliableChange ? 'worsened' : 'none';
  return { points, reliable };
}

/** The course so far: the latest total against the baseline (the first) and the one before it. */
export interface Outcome {
  latest: number;
  band: SeverityBand['id'];
  sinceBaseline?: Change;
  sinceLast?: Change;
  /** A drop of at least half from baseline (a baseline of 0 cannot drop). */
  response?: boolean;
  /** Below the instrument's remission threshold (PHQ-9 < 5); undefined for the GAD-7. */
  remission?: boolean;
}

/** The outcome of a series of complete totals, oldest first; undefined when there is none. */
export function outcome(instrument: Instrument, totals: readonly number[]): Outcome | undefined {
  if (totals.length === 0) return undefined;
  const latest = totals[totals.length - 1];
  const result: Outcome = { latest, band: bandOf(instrument, latest) };
  if (instrument.remissionBelow !== undefined) result.remission = latest < instrument.remissionBelow;
  if (totals.length > 1) {
    const baseline = totals[0];
    result.sinceBaseline = change(instrument, baseline, latest);
    result.sinceLast = change(instrument, totals[totals.length - 2], latest);
    result.response = baseline > 0 && latest <= baseline / 2;
  }
  return result;
}
