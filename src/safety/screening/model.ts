/**
 * The learned second layer: two logistic-regression heads over the features of ./features — "flagged" (concern or
 * urgent) and "urgent" — whose logits are mixed with those of a small hidden layer over the word-level features
 * (./hiddenLayer), with per-language thresholds chosen by grouped cross-validation when the model was trained
 * (`npm run train:screener`, see ./training). The screener uses it only to raise the lexicon's level, never to lower
 * it, and a level that rests on it alone is asked about before anyone is alerted.
 *
 * The model file is data, not code: weights as little-endian Float32 in base64, read once when this module loads.
 */
import { z } from 'zod';
import { extractFeatures, FEATURE_BITS, FEATURE_COUNT, linearScore, newFeatureVector, sigmoid, type FeatureVector } from './features';
import { dequantiseRows, hiddenLogits, type HiddenLayer } from './hiddenLayer';
import type { RiskLevel } from './types';

export type ModelLanguage = 'en' | 'es';
export const MODEL_LANGUAGES: readonly ModelLanguage[] = ['en', 'es'];
export const MODEL_FORMAT = 'ipt-screener-model/1';

const headSchema = z.object({ bias: z.number(), weights: z.string() });
const hiddenSchema = z.object({
  bits: z.number().int().min(8).max(20),
  units: z.number().int().min(1).max(256),
  /** Share of the hidden layer's logit in the mixed logit (the linear heads' share is the rest). */
  mix: z.number().min(0).max(1),
  /** First layer: int8 weights, rows × units, and one Float32 scale per row. */
  rows: z.string(),
  scales: z.string(),
  b1: z.string(),
  w2: z.string(),
  b2: z.string(),
});
const thresholdsSchema = z.object({ flagged: z.number().min(0).max(1), urgent: z.number().min(0).max(1) });

export const modelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  featureBits: z.literal(FEATURE_BITS),
  /** How it was made, so a reader can tell which corpus a model file came from. */
  training: z.object({
    seed: z.number(),
    epochs: z.number(),
    messages: z.number(),
    files: z.array(z.string()),
    folds: z.number(),
  }),
  heads: z.object({ flagged: headSchema, urgent: headSchema }),
  /** Absent in a file of linear heads alone (then they decide alone, as the thresholds recorded with them expect). */
  hidden: hiddenSchema.optional(),
  thresholds: z.object({ en: thresholdsSchema, es: thresholdsSchema }),
  /** Cross-validated (leave-family-out) figures at the chosen thresholds, for the record. */
  crossValidation: z.record(z.string(), z.unknown()),
});
export type ModelFile = z.infer<typeof modelFileSchema>;

export interface Head {
  bias: number;
  weights: Float32Array;
}

export interface Thresholds {
  flagged: number;
  urgent: number;
}

export interface ScreeningModel {
  flagged: Head;
  urgent: Head;
  /** The hidden layer and its share of the logit; without it the linear heads decide alone. */
  hidden?: { layer: HiddenLayer; mix: number };
  thresholds: Record<ModelLanguage, Thresholds>;
}

export interface ModelScores {
  flagged: number;
  urgent: number;
}

export function encodeWeights(weights: Float32Array): string {
  const bytes = Buffer.alloc(weights.length * 4);
  for (let i = 0; i < weights.length; i += 1) bytes.writeFloatLE(weights[i], i * 4);
  return bytes.toString('base64');
}

export function encodeInt8(values: Int8Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

const LITTLE_ENDIAN = new Uint8Array(Float32Array.of(1).buffer)[3] === 0x3f;

function decodeWeights(base64: string, count = FEATURE_COUNT): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length !== count * 4) throw new Error(`The screening model's weights have ${bytes.length} bytes, not ${count * 4}; retrain it with npm run train:screener.`);
  // A copy starting at offset 0 can be viewed directly on little-endian machines (every platform Node ships for).
  if (LITTLE_ENDIAN) return new Float32Array(Uint8Array.from(bytes).buffer);
  const weights = new Float32Array(count);
  for (let i = 0; i < count; i += 1) weights[i] = bytes.readFloatLE(i * 4);
  return weights;
}

function decodeHidden(file: z.infer<typeof hiddenSchema>): { layer: HiddenLayer; mix: number } {
  const { bits, units } = file;
  const rowBytes = Buffer.from(file.rows, 'base64');
  if (rowBytes.length !== (1 << bits) * units) throw new Error(`The screening model's hidden layer has ${rowBytes.length} weights, not ${(1 << bits) * units}; retrain it with npm run train:screener.`);
  const rows = new Int8Array(Uint8Array.from(rowBytes).buffer);
  const w1 = dequantiseRows(bits, units, rows, decodeWeights(file.scales, 1 << bits));
  const layer: HiddenLayer = { bits, units, w1, b1: decodeWeights(file.b1, units), w2: decodeWeights(file.w2, units * 2), b2: decodeWeights(file.b2, 2) };
  return { layer, mix: file.mix };
}

/** Read a model file's contents (already parsed JSON). Throws a message that says how to fix a bad file. */
export function readModel(json: unknown): ScreeningModel {
  const parsed = modelFileSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`The screening model file is not valid (${where}); retrain it with npm run train:screener.`);
  }
  const file = parsed.data;
  return {
    flagged: { bias: file.heads.flagged.bias, weights: decodeWeights(file.heads.flagged.weights) },
    urgent: { bias: file.heads.urgent.bias, weights: decodeWeights(file.heads.urgent.weights) },
    ...(file.hidden === undefined ? {} : { hidden: decodeHidden(file.hidden) }),
    thresholds: file.thresholds,
  };
}

/** One buffer for every message (screening is synchronous). */
const buffer = newFeatureVector();

/** The two heads' probabilities for a message (normalised text, and the lexicon's own findings for it). */
export function scoreMessage(model: ScreeningModel, text: string, signals: readonly string[], lexiconLevel: RiskLevel): ModelScores {
  const v = extractFeatures(text, signals, lexiconLevel, buffer);
  return mixedScores(model, v);
}

/** The heads' probabilities for one feature vector: the linear logits, mixed with the hidden layer's when there is one. */
export function mixedScores(model: Pick<ScreeningModel, 'flagged' | 'urgent' | 'hidden'>, v: FeatureVector): ModelScores {
  let flagged = linearScore(v, model.flagged.weights, model.flagged.bias);
  let urgent = linearScore(v, model.urgent.weights, model.urgent.bias);
  if (model.hidden !== undefined) {
    const [hiddenFlagged, hiddenUrgent] = hiddenLogits(model.hidden.layer, v);
    const { mix } = model.hidden;
    flagged = (1 - mix) * flagged + mix * hiddenFlagged;
    urgent = (1 - mix) * urgent + mix * hiddenUrgent;
  }
  return { flagged: sigmoid(flagged), urgent: sigmoid(urgent) };
}

/** The level the model's scores reach under a language's thresholds. */
export function modelLevel(scores: ModelScores, thresholds: Thresholds): RiskLevel {
  if (scores.flagged < thresholds.flagged) return 'none';
  return scores.urgent >= thresholds.urgent ? 'urgent' : 'concern';
}

const EN_WORDS = new Set('the i to and a my it is of in you that just so was im dont have with be this for not but what when about like feel been'.split(' '));
const ES_WORDS = new Set('que de el la y en no me lo mi es un una por con para los las se del ya pero estoy muy esta todo como mas yo te'.split(' '));

/**
 * The language a normalised message is most likely written in, from its commonest words; undefined when it cannot
 * tell (then the more sensitive of the two thresholds applies).
 */
export function guessLanguage(text: string): ModelLanguage | undefined {
  let en = 0;
  let es = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i += 1) {
    if (i < text.length && text.charCodeAt(i) !== 32) continue;
    if (i > start) {
      const word = text.slice(start, i);
      if (EN_WORDS.has(word)) en += 1;
      if (ES_WORDS.has(word)) es += 1;
    }
    start = i + 1;
  }
  if (en === es) return undefined;
  return en > es ? 'en' : 'es';
}

/** The thresholds for a language, or the lower of each when the language is not known. */
export function thresholdsFor(model: ScreeningModel, language: ModelLanguage | undefined): Thresholds {
  if (language !== undefined) return model.thresholds[language];
  const { en, es } = model.thresholds;
  return { flagged: Math.min(en.flagged, es.flagged), urgent: Math.min(en.urgent, es.urgent) };
}
