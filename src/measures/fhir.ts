/**
 * Measures as FHIR R4 resources: a `Questionnaire` per instrument (its canonical URL is what every
 * response points at) and a `QuestionnaireResponse` per completed measure, in a `collection` Bundle.
 *
 * The zod schemas below state the R4 rules for exactly the elements emitted here (required elements, value
 * sets, the primitive types' regular expressions) and give the API its OpenAPI response; the tests also
 * validate every export against the official FHIR R4 JSON schema and R4's cardinalities and invariants.
 * A `collection` Bundle carries no `total` (bdl-1: only search and history sets do). Items are identified
 * by their LOINC codes.
 */
import { z } from 'zod';
import type { Measure } from '../client/records';
import { Language } from '../i18n';
import { Instrument, INSTRUMENT_IDS, INSTRUMENTS } from './instruments';

const LOINC = 'http://loinc.org';
/** LOINC answer list LL358-3 (shared by the PHQ-9 and GAD-7): not at all … nearly every day. */
const ANSWER_CODES = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'] as const;

// R4 primitive types (https://hl7.org/fhir/R4/datatypes.html), as their regular expressions.
const fhirId = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/);
const uri = z.string().regex(/^\S*$/).min(1);
const code = z.string().regex(/^[^\s]+(\s[^\s]+)*$/);
const dateTime = z
  .string()
  .regex(/^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/);
const coding = z.object({ system: uri, code, display: z.string().min(1).optional() }).strict();

export const fhirQuestionnaireSchema = z
  .object({
    resourceType: z.literal('Questionnaire'),
    id: fhirId,
    url: uri,
    version: z.string().min(1),
    name: z.string().regex(/^[A-Z]([A-Za-z0-9_]){0,254}$/),
    title: z.string().min(1),
    status: z.enum(['draft', 'active', 'retired', 'unknown']),
    language: code,
    copyright: z.string().min(1),
    code: z.array(coding).min(1),
    item: z
      .array(
        z
          .object({
            linkId: z.string().min(1),
            code: z.array(coding).min(1),
            prefix: z.string().optional(),
            text: z.string().min(1),
            type: z.enum(['choice', 'integer']),
            required: z.boolean(),
            readOnly: z.boolean().optional(),
            answerOption: z.array(z.object({ valueCoding: coding }).strict()).optional(),
          })
          .strict()
          // que-5 in spirit: only a choice item has answer options.
          .refine((item) => (item.type === 'choice') === (item.answerOption !== undefined), 'answerOption is only for choice items'),
      )
      .min(1),
  })
  .strict();

export const fhirQuestionnaireResponseSchema = z
  .object({
    resourceType: z.literal('QuestionnaireResponse'),
    id: fhirId,
    questionnaire: uri,
    status: z.enum(['in-progress', 'completed', 'amended', 'entered-in-error', 'stopped']),
    subject: z.object({ identifier: z.object({ system: uri, value: z.string().min(1) }).strict() }).strict(),
    authored: dateTime,
    language: code,
    item: z
      .array(
        z
          .object({
            linkId: z.string().min(1),
            text: z.string().min(1),
            // An answer has exactly one value[x] (R4 qrs-… value[x] cardinality 1..1).
            answer: z.array(z.union([z.object({ valueCoding: coding }).strict(), z.object({ valueInteger: z.number().int() }).strict()])).length(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const fhirBundleSchema = z
  .object({
    resourceType: z.literal('Bundle'),
    type: z.literal('collection'),
    timestamp: dateTime,
    entry: z.array(z.object({ fullUrl: uri, resource: z.union([fhirQuestionnaireSchema, fhirQuestionnaireResponseSchema]) }).strict()),
  })
  .strict();
export type FhirBundle = z.infer<typeof fhirBundleSchema>;

/** The version-qualified canonical a response points at. */
export function canonicalOf(instrument: Instrument): string {
  return `${instrument.canonical}|${instrument.version}`;
}

const TOTAL_TEXT: Record<Language, string> = { en: 'Total score', es: 'Puntuación total' };

export function questionnaireResource(instrument: Instrument, language: Language): z.infer<typeof fhirQuestionnaireSchema> {
  const text = instrument.text[language];
  const answerOption = text.answers.map((display, value) => ({ valueCoding: { system: LOINC, code: ANSWER_CODES[value], display } }));
  return {
    resourceType: 'Questionnaire',
    id: language === 'en' ? instrument.id : `${instrument.id}-${language}`,
    url: instrument.canonical,
    version: instrument.version,
    name: instrument.id.toUpperCase(),
    title: instrument.title,
    status: 'active',
    language,
    copyright: 'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.',
    code: [{ system: LOINC, code: instrument.loinc.panel }],
    item: [
      ...text.items.map((itemText, index) => ({
        linkId: instrument.itemCodes[index],
        code: [{ system: LOINC, code: instrument.itemCodes[index] }],
        prefix: String(index + 1),
        text: `${text.stem} ${itemText}`,
        type: 'choice' as const,
        required: true,
        answerOption,
      })),
      { linkId: instrument.loinc.total, code: [{ system: LOINC, code: instrument.loinc.total }], text: TOTAL_TEXT[language], type: 'integer' as const, required: true, readOnly: true },
    ],
  };
}

export function questionnaireResponse(measure: Measure, subject: { system: string; value: string }): z.infer<typeof fhirQuestionnaireResponseSchema> {
  const instrument = INSTRUMENTS[measure.instrument];
  const text = instrument.text[measure.language];
  return {
    resourceType: 'QuestionnaireResponse',
    id: measure.id,
    questionnaire: canonicalOf(instrument),
    status: 'completed',
    subject: { identifier: subject },
    authored: measure.completedAt,
    language: measure.language,
    item: [
      ...measure.answers.map((value, index) => ({
        linkId: instrument.itemCodes[index],
        text: text.items[index],
        answer: [{ valueCoding: { system: LOINC, code: ANSWER_CODES[value], display: text.answers[value] } }],
      })),
      { linkId: instrument.loinc.total, text: TOTAL_TEXT[measure.language], answer: [{ valueInteger: measure.total }] },
    ],
  };
}

/**
 * Every measure as a QuestionnaireResponse, with the Questionnaire of each instrument used: one canonical
 * per instrument, in English; a response answered in Spanish says so in its `language` and item texts.
 */
export function measuresBundle(measures: readonly Measure[], subject: { system: string; value: string }, now: Date): FhirBundle {
  const used = INSTRUMENT_IDS.filter((id) => measures.some((m) => m.instrument === id));
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: now.toISOString(),
    entry: [
      ...used.map((id) => ({ fullUrl: INSTRUMENTS[id].canonical, resource: questionnaireResource(INSTRUMENTS[id], 'en') })),
      ...measures.map((measure) => ({ fullUrl: `urn:uuid:${measure.id}`, resource: questionnaireResponse(measure, subject) })),
    ],
  };
}
