/**
 * Training the learned layer: logistic regression (Adagrad, L2, class-balanced) for the two heads and the hidden layer
 * beside them (./hiddenLayer), grouped k-fold
 * cross-validation (a family — one meaning written many ways — is never split across training and test), and the
 * choice of per-language thresholds from the out-of-fold scores. Pure and deterministic: the same items and seed give
 * the same weights, bit for bit. Reading the corpus and writing the model file is scripts/trainScreener.ts's job.
 */
import { copyFeatures, extractFeatures, FEATURE_COUNT, linearScore, newFeatureVector, sigmoid, type FeatureVector } from './features';
import { DEFAULT_HIDDEN, trainHiddenLayer, type HiddenLayer, type HiddenLayerOptions } from './hiddenLayer';
import { MODEL_LANGUAGES, mixedScores, modelLevel, type Head, type ModelLanguage, type Thresholds } from './model';
import { normaliseVariants } from './normalise';
import { screenMessage } from './screen';
import { levelRank, maxLevel, type RiskLevel } from './types';

/** A corpus message with its features and what the lexicon alone made of it. */
export interface PreparedItem {
  locale: ModelLanguage;
  level: RiskLevel;
  /** Items of one group are always on the same side of a fold. */
  group: string;
  features: FeatureVector;
  /** The lexicon's level for the message alone. */
  lexiconLevel: RiskLevel;
  /** That level rests on combined weak signals only (it would be asked about). */
  lexiconConfirm: boolean;
}

export interface TrainingOptions {
  seed: number;
  epochs: number;
  /** L2 penalty per update. */
  l2: number;
  /** Adagrad base learning rate. */
  rate: number;
  /** The hidden layer's own options (its seed follows the heads'). */
  hidden: Omit<HiddenLayerOptions, 'seed'>;
  /** The hidden layer's share of the mixed logit. */
  mix: number;
}

/**
 * The mix was chosen by leave-family-out cross-validation: the hidden layer alone is about as good as the linear heads
 * in English and worse in Spanish (it does not read character n-grams, which carry Spanish inflection); a minority
 * share adds what it learns of combinations without losing what the n-grams know.
 */
export const DEFAULT_TRAINING: TrainingOptions = { seed: 20261207, epochs: 12, l2: 1e-5, rate: 0.2, hidden: DEFAULT_HIDDEN, mix: 0.3 };

/** Targets the thresholds are chosen for, on the out-of-fold scores. */
export interface ThresholdTargets {
  /** Largest share of negatives the lexicon and model together may flag. */
  maxNegativesFlagged: number;
  /** Largest share of negatives that may be rated urgent. */
  maxNegativesUrgent: number;
  /** Largest share of concern messages that may be rated urgent. */
  maxConcernUrgent: number;
}

export const DEFAULT_TARGETS: ThresholdTargets = { maxNegativesFlagged: 0.05, maxNegativesUrgent: 0.01, maxConcernUrgent: 0.15 };

/** A small, well-mixed seeded generator (mulberry32): the order of training never depends on the machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(n: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** One logistic-regression head, trained on the items whose index is listed. */
export function trainHead(items: readonly PreparedItem[], labels: Uint8Array, use: readonly number[], options: TrainingOptions): Head {
  const weights = new Float32Array(FEATURE_COUNT);
  const squares = new Float32Array(FEATURE_COUNT);
  let bias = 0;
  let biasSquares = 0;
  const positives = use.filter((i) => labels[i] === 1).length;
  const negatives = use.length - positives;
  // Balanced classes: each side weighs half of the total, whatever its size.
  const weightOf = [negatives === 0 ? 0 : use.length / (2 * negatives), positives === 0 ? 0 : use.length / (2 * positives)];
  const random = seededRandom(options.seed);
  const eps = 1e-8;
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    const order = shuffled(use.length, random);
    for (let k = 0; k < order.length; k += 1) {
      const i = use[order[k]];
      const v = items[i].features;
      const y = labels[i];
      const gradient = (sigmoid(linearScore(v, weights, bias)) - y) * weightOf[y];
      for (let f = 0; f < v.length; f += 1) {
        const j = v.indices[f];
        const g = gradient * v.values[f] + options.l2 * weights[j];
        squares[j] += g * g;
        weights[j] -= (options.rate * g) / (Math.sqrt(squares[j]) + eps);
      }
      biasSquares += gradient * gradient;
      bias -= (options.rate * gradient) / (Math.sqrt(biasSquares) + eps);
    }
  }
  return { bias, weights };
}

export function flaggedLabels(items: readonly PreparedItem[]): Uint8Array {
  return Uint8Array.from(items, (item) => (levelRank(item.level) > 0 ? 1 : 0));
}

export function urgentLabels(items: readonly PreparedItem[]): Uint8Array {
  return Uint8Array.from(items, (item) => (item.level === 'urgent' ? 1 : 0));
}

export interface TrainedHeads {
  flagged: Head;
  urgent: Head;
  hidden: { layer: HiddenLayer; mix: number };
}

export function trainHeads(items: readonly PreparedItem[], use: readonly number[], options: TrainingOptions): TrainedHeads {
  const flagged = flaggedLabels(items);
  const urgent = urgentLabels(items);
  const layer = trainHiddenLayer(
    items.map((item) => item.features),
    flagged,
    urgent,
    use,
    seededRandom(options.seed + 2),
    { ...options.hidden, seed: options.seed + 2 },
  );
  return {
    flagged: trainHead(items, flagged, use, options),
    urgent: trainHead(items, urgent, use, { ...options, seed: options.seed + 1 }),
    hidden: { layer, mix: options.mix },
  };
}

/** FNV-1a of the group name: the fold a group falls in does not depend on the order of the corpus. */
export function foldOf(group: string, folds: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < group.length; i += 1) h = Math.imul(h ^ group.charCodeAt(i), 0x01000193);
  return (h >>> 0) % folds;
}

export interface OutOfFold {
  flagged: Float64Array;
  urgent: Float64Array;
  /** Fold of each item. */
  fold: Int32Array;
}

/** Grouped k-fold: every item is scored by heads trained without its group. */
export function crossValidate(items: readonly PreparedItem[], folds: number, options: TrainingOptions): OutOfFold {
  const fold = Int32Array.from(items, (item) => foldOf(item.group, folds));
  const out: OutOfFold = { flagged: new Float64Array(items.length), urgent: new Float64Array(items.length), fold };
  for (let k = 0; k < folds; k += 1) {
    const train: number[] = [];
    const test: number[] = [];
    items.forEach((_, i) => (fold[i] === k ? test : train).push(i));
    if (test.length === 0) continue;
    const heads = trainHeads(items, train, { ...options, seed: options.seed + 7919 * (k + 1) });
    for (const i of test) {
      const scores = mixedScores(heads, items[i].features);
      out.flagged[i] = scores.flagged;
      out.urgent[i] = scores.urgent;
    }
  }
  return out;
}

/** The combined level: the model only raises the lexicon's level. */
export function combinedLevel(lexicon: RiskLevel, scores: { flagged: number; urgent: number }, thresholds: Thresholds): RiskLevel {
  return maxLevel(lexicon, modelLevel(scores, thresholds));
}

/** Finer near 1, where an overconfident head's negatives crowd. */
const THRESHOLD_GRID = [
  ...Array.from({ length: 91 }, (_, i) => 0.05 + i * 0.01),
  ...Array.from({ length: 9 }, (_, i) => 0.955 + i * 0.005),
  ...Array.from({ length: 9 }, (_, i) => 0.9955 + i * 0.0005),
];
/** When the lexicon alone already flags more negatives than the target, the model may add this much on top. */
const MODEL_NEGATIVE_BUDGET = 0.01;

/** The grid value with the best score among those allowed; ties go to the higher threshold (fewer questions). */
function bestThreshold(allowed: (t: number) => boolean, score: (t: number) => number): number | undefined {
  let best: number | undefined;
  let bestScore = -1;
  for (const t of THRESHOLD_GRID) {
    if (!allowed(t)) continue;
    const s = score(t);
    if (s >= bestScore) {
      best = t;
      bestScore = s;
    }
  }
  return best;
}

/**
 * Per language, the thresholds that flag the most concern and urgent messages out of fold while the lexicon and the
 * model together stay within the targets on negatives; among equally good ones, the highest. When the lexicon alone is
 * already above a target, the model may add {@link MODEL_NEGATIVE_BUDGET} on top of it. The flagged threshold is chosen
 * first, with the urgent head off; then the urgent threshold with it.
 */
export function chooseThresholds(items: readonly PreparedItem[], oof: OutOfFold, targets: ThresholdTargets): Record<ModelLanguage, Thresholds> {
  const out = {} as Record<ModelLanguage, Thresholds>;
  for (const language of MODEL_LANGUAGES) {
    const mine = items.map((_, i) => i).filter((i) => items[i].locale === language);
    const of = (level: RiskLevel): number[] => mine.filter((i) => items[i].level === level);
    const [negatives, concerns, urgents] = [of('none'), of('concern'), of('urgent')];
    const rate = (list: number[], t: Thresholds, ok: (l: RiskLevel) => boolean): number =>
      list.length === 0 ? 0 : list.filter((i) => ok(combinedLevel(items[i].lexiconLevel, { flagged: oof.flagged[i], urgent: oof.urgent[i] }, t))).length / list.length;
    const off: Thresholds = { flagged: 2, urgent: 2 };
    const flaggedCap = Math.max(targets.maxNegativesFlagged, rate(negatives, off, (l) => l !== 'none') + MODEL_NEGATIVE_BUDGET);
    const urgentCap = Math.max(targets.maxNegativesUrgent, rate(negatives, off, (l) => l === 'urgent') + MODEL_NEGATIVE_BUDGET);
    const concernCap = Math.max(targets.maxConcernUrgent, rate(concerns, off, (l) => l === 'urgent') + MODEL_NEGATIVE_BUDGET);
    const positives = [...concerns, ...urgents];
    const flagged =
      bestThreshold(
        (f) => rate(negatives, { flagged: f, urgent: 2 }, (l) => l !== 'none') <= flaggedCap,
        (f) => rate(positives, { flagged: f, urgent: 2 }, (l) => l !== 'none'),
      ) ?? 1;
    const urgent =
      bestThreshold(
        (u) =>
          rate(negatives, { flagged, urgent: u }, (l) => l !== 'none') <= flaggedCap &&
          rate(negatives, { flagged, urgent: u }, (l) => l === 'urgent') <= urgentCap &&
          rate(concerns, { flagged, urgent: u }, (l) => l === 'urgent') <= concernCap,
        (u) => rate(urgents, { flagged, urgent: u }, (l) => l === 'urgent') + rate(positives, { flagged, urgent: u }, (l) => l !== 'none'),
      ) ?? 1;
    out[language] = { flagged: round(flagged), urgent: round(urgent) };
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Features and the lexicon's own verdict for one corpus message, as the screener computes them at run time. */
export function prepareItem(text: string, locale: ModelLanguage, level: RiskLevel, group: string): PreparedItem {
  const lexicon = screenMessage(text, { model: false });
  const normalised = normaliseVariants(text)[0].text;
  const v = extractFeatures(normalised, lexicon.signals, lexicon.messageLevel, newFeatureVector());
  const features = copyFeatures(v);
  return { locale, level, group, features, lexiconLevel: lexicon.messageLevel, lexiconConfirm: lexicon.confirm };
}

/** Counts of one class of messages: how many, how many flagged, rated urgent, and to be asked about. */
export interface ClassCounts {
  total: number;
  flagged: number;
  urgent: number;
  confirm: number;
}

export type ClassTable = Record<ModelLanguage, Record<RiskLevel, ClassCounts>>;

/** Tally screened levels by language and expected class. */
export function tally(items: readonly { locale: ModelLanguage; level: RiskLevel }[], got: readonly { level: RiskLevel; confirm: boolean }[]): ClassTable {
  const table = {} as ClassTable;
  for (const language of MODEL_LANGUAGES) {
    table[language] = {
      none: { total: 0, flagged: 0, urgent: 0, confirm: 0 },
      concern: { total: 0, flagged: 0, urgent: 0, confirm: 0 },
      urgent: { total: 0, flagged: 0, urgent: 0, confirm: 0 },
    };
  }
  items.forEach((item, i) => {
    const counts = table[item.locale][item.level];
    counts.total += 1;
    if (got[i].level !== 'none') counts.flagged += 1;
    if (got[i].level === 'urgent') counts.urgent += 1;
    // Only an uncertain concern is asked about before any alert; an uncertain urgent alerts at once (help comes faster).
    if (got[i].level === 'concern' && got[i].confirm) counts.confirm += 1;
  });
  return table;
}

/** Out-of-fold levels of the lexicon and model together, and whether each would be asked about. */
export function outOfFoldLevels(items: readonly PreparedItem[], oof: OutOfFold, thresholds: Record<ModelLanguage, Thresholds>): { level: RiskLevel; confirm: boolean }[] {
  return items.map((item, i) => {
    const model = item.lexiconLevel === 'urgent' ? 'none' : modelLevel({ flagged: oof.flagged[i], urgent: oof.urgent[i] }, thresholds[item.locale]);
    const level = maxLevel(item.lexiconLevel, model);
    const lexiconCertain = item.lexiconConfirm ? 'none' : item.lexiconLevel;
    return { level, confirm: level !== 'none' && lexiconCertain === 'none' };
  });
}

const pct = (n: number, d: number): string => (d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

/** One line per language: the figures the targets are stated in. */
export function formatClassTable(title: string, table: ClassTable): string[] {
  const lines = [title];
  for (const language of MODEL_LANGUAGES) {
    const t = table[language];
    lines.push(
      `  ${language}: urgent flagged ${pct(t.urgent.flagged, t.urgent.total)} (${t.urgent.flagged}/${t.urgent.total}), ` +
        `rated urgent ${pct(t.urgent.urgent, t.urgent.total)}; concern flagged ${pct(t.concern.flagged, t.concern.total)} ` +
        `(${t.concern.flagged}/${t.concern.total}); negatives flagged ${pct(t.none.flagged, t.none.total)} ` +
        `(${t.none.flagged}/${t.none.total}), of them only asked about (no alert unless confirmed) ${t.none.confirm}`,
    );
  }
  return lines;
}
