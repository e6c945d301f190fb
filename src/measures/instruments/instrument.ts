import { Language } from '../../i18n';

/** The four answers every item of the PHQ-9 and GAD-7 has, scored 0 to 3. */
export const ANSWER_VALUES = [0, 1, 2, 3] as const;
export type AnswerValue = (typeof ANSWER_VALUES)[number];

export const INSTRUMENT_IDS = ['phq9', 'gad7'] as const;
export type InstrumentId = (typeof INSTRUMENT_IDS)[number];

/** A severity band: the lowest and highest total it covers, inclusive. */
export interface SeverityBand {
  id: 'minimal' | 'mild' | 'moderate' | 'moderatelySevere' | 'severe';
  min: number;
  max: number;
}

/** The wording of one language version, exactly as published (see SOURCE.md beside this file). */
export interface InstrumentText {
  /** The question every item answers ("Over the last 2 weeks, how often…"). */
  stem: string;
  items: readonly string[];
  /** The four answers, in the order of their values 0, 1, 2, 3. */
  answers: readonly [string, string, string, string];
}

/** A validated questionnaire as data: its items, answers and bands; scoring lives in ../scoring.ts. */
export interface Instrument {
  id: InstrumentId;
  /** The name clinicians know it by. */
  title: string;
  /** The canonical URL of its FHIR Questionnaire (our own; see SOURCE.md). */
  canonical: string;
  version: string;
  /** The LOINC code of the panel and of the total score, for the FHIR export. */
  loinc: { panel: string; total: string };
  bands: readonly SeverityBand[];
  /** A change of at least this many points is beyond measurement error (reliable change). */
  reliableChange: number;
  /** Totals below this count as remission; absent where no threshold is used. */
  remissionBelow?: number;
  /** The item whose non-zero answer goes to the crisis flow (PHQ-9 item 9), 1-based. */
  safetyItem?: number;
  text: Record<Language, InstrumentText>;
  /** Each item's LOINC code, for the FHIR export. */
  itemCodes: readonly string[];
}

export function maxTotal(instrument: Instrument): number {
  return instrument.itemCodes.length * 3;
}
