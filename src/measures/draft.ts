import { InstrumentId } from './instruments';

/** A questionnaire under way, kept in the person's chat state so a pause, a crisis or a restart loses nothing. */
export interface MeasureDraft {
  /** Instruments still to answer, the current one first. */
  queue: InstrumentId[];
  /** The current instrument's answers so far, item by item. */
  answers: number[];
  /** When the current instrument's first item was asked. */
  startedAt: string;
  source: 'client' | 'scheduled';
}

/** Answers given more than a day apart would describe different fortnights; such a measure starts again. */
export const MAX_MEASURE_SPAN_MS = 24 * 60 * 60 * 1000;

export function isStale(draft: MeasureDraft, now: Date): boolean {
  return now.getTime() - Date.parse(draft.startedAt) > MAX_MEASURE_SPAN_MS;
}
