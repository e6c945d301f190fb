import { SUPPORTED_LANGUAGES, variants } from '../i18n';
import { normaliseCommandText } from '../bot/commands';
import { ANSWER_VALUES, AnswerValue, INSTRUMENT_IDS, INSTRUMENTS, InstrumentId } from './instruments';

/**
 * Typed answers to a PHQ-9 or GAD-7 item: the four published answers of either instrument in either
 * language ("more than half the days", "casi todos los días"), a few everyday equivalents from
 * `measures.answerWords_<n>`, and the digits 0–3. The whole message must be the answer: "2 or 3" or
 * "I don't know" is not read as any value.
 */
const lookup = new Map<string, AnswerValue>();
for (const value of ANSWER_VALUES) {
  lookup.set(String(value), value);
  for (const language of SUPPORTED_LANGUAGES) {
    for (const instrument of Object.values(INSTRUMENTS)) lookup.set(normaliseCommandText(instrument.text[language].answers[value]), value);
    for (const phrase of variants(language, `measures.answerWords_${value}`)) lookup.set(normaliseCommandText(phrase), value);
  }
}

export function recogniseAnswer(text: string): AnswerValue | undefined {
  return lookup.get(normaliseCommandText(text));
}

/** Whether a whole message asks for a questionnaire ("questionnaire", "cuestionario"). */
const startWords = new Set(SUPPORTED_LANGUAGES.flatMap((language) => variants(language, 'measures.startWords')).map(normaliseCommandText));
export function asksForQuestionnaire(text: string | undefined): boolean {
  return !!text && startWords.has(normaliseCommandText(text));
}

/**
 * The questionnaires a message asks for: typed "questionnaire", or a measure reminder's button
 * (`{ choice: 'questionnaire', instruments }`). Undefined when it asks for none.
 */
export function questionnaireRequest(text: string | undefined, value: unknown): { instruments?: InstrumentId[]; source: 'client' | 'scheduled' } | undefined {
  const tapped = value && typeof value === 'object' ? (value as { choice?: unknown; instruments?: unknown }) : undefined;
  if (!text && tapped?.choice === 'questionnaire') {
    const instruments = Array.isArray(tapped.instruments) ? tapped.instruments.filter((id): id is InstrumentId => (INSTRUMENT_IDS as readonly unknown[]).includes(id)) : [];
    return { instruments: instruments.length > 0 ? instruments : undefined, source: 'scheduled' };
  }
  return asksForQuestionnaire(text) ? { source: 'client' } : undefined;
}
