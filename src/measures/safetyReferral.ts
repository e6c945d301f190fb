import { TurnContext } from 'botbuilder';

/** A non-zero answer to a questionnaire's safety item (PHQ-9 item 9), as the alert carries it. */
export interface SafetyItemAnswer {
  /** The instrument's title ("PHQ-9"). */
  instrument: string;
  /** The item's number, 1-based. */
  item: number;
  /** The answer's value, 1–3. */
  value: number;
  /** The answer as published in English ("Several days"), so every clinician reads the same words. */
  answer: string;
}

/**
 * How a questionnaire hands a positive safety item to safety: the alert (a concern, raised later by the
 * crisis dialog's questions) is stored before the crisis questions begin. The safety guard implements it.
 */
export interface MeasureSafetyReferral {
  referSafetyItem(context: TurnContext, answer: SafetyItemAnswer): Promise<void>;
}
