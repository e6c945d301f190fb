/**
 * The learned layer's non-linear part: one hidden layer (ReLU) over the word-level features of ./features (words, word
 * pairs, word classes and the lexicon's findings — not the character n-grams, which it would only memorise), with two
 * outputs, "flagged" and "urgent". It learns combinations the linear heads cannot weigh ("a means, a time soon and no
 * everyday purpose"); its logits are mixed with the linear heads' (see ./model).
 *
 * Training is plain SGD with Adagrad, class-balanced, from a fixed seed: the same items give the same weights, bit for
 * bit. The first layer starts at zero (the output layer's random start breaks the symmetry), so a word never seen in
 * training adds nothing at run time. Stored as int8 with one scale per row, so the file stays small.
 */
import { sigmoid, type FeatureVector } from './features';

export interface HiddenLayer {
  /** Rows of the first layer: feature indices are folded to this many bits. */
  bits: number;
  units: number;
  /** rows × units, row-major (one feature's weights are contiguous). */
  w1: Float32Array;
  b1: Float32Array;
  /** units × 2: [flagged, urgent] per unit. */
  w2: Float32Array;
  /** [flagged, urgent] */
  b2: Float32Array;
}

export interface HiddenLayerOptions {
  seed: number;
  bits: number;
  units: number;
  epochs: number;
  rate: number;
  l2: number;
}

export const DEFAULT_HIDDEN: HiddenLayerOptions = { seed: 20261207, bits: 16, units: 16, epochs: 8, rate: 0.05, l2: 1e-6 };

/** One buffer for the hidden activations (screening is synchronous). */
let activations = new Float32Array(0);

/** The two output logits [flagged, urgent] for a message's word-level features. */
export function hiddenLogits(layer: HiddenLayer, v: FeatureVector): [number, number] {
  const { units, w1, b1, w2, b2 } = layer;
  const mask = (1 << layer.bits) - 1;
  if (activations.length < units) activations = new Float32Array(units);
  const h = activations;
  for (let j = 0; j < units; j += 1) h[j] = b1[j];
  for (let f = 0; f < v.wordLength; f += 1) {
    const row = (v.indices[f] & mask) * units;
    const x = v.values[f];
    for (let j = 0; j < units; j += 1) h[j] += w1[row + j] * x;
  }
  let flagged = b2[0];
  let urgent = b2[1];
  for (let j = 0; j < units; j += 1) {
    if (h[j] <= 0) continue;
    flagged += h[j] * w2[j * 2];
    urgent += h[j] * w2[j * 2 + 1];
  }
  return [flagged, urgent];
}

/** Train on the items whose index is listed; labels per item: 1 when flagged (concern or urgent), 1 when urgent. */
export function trainHiddenLayer(
  features: readonly FeatureVector[],
  flaggedLabels: Uint8Array,
  urgentLabels: Uint8Array,
  use: readonly number[],
  random: () => number,
  options: HiddenLayerOptions,
): HiddenLayer {
  const { units, rate, l2 } = options;
  const mask = (1 << options.bits) - 1;
  const w1 = new Float32Array((mask + 1) * units);
  const s1 = new Float32Array(w1.length);
  const b1 = new Float32Array(units).fill(0.1);
  const sb1 = new Float32Array(units);
  const w2 = new Float32Array(units * 2);
  const s2 = new Float32Array(units * 2);
  const spread = Math.sqrt(6 / (units + 2));
  for (let i = 0; i < w2.length; i += 1) w2[i] = (random() * 2 - 1) * spread;
  const b2 = new Float32Array(2);
  const sb2 = new Float32Array(2);
  const balance = (labels: Uint8Array): number[] => {
    const positives = use.filter((i) => labels[i] === 1).length;
    const negatives = use.length - positives;
    return [negatives === 0 ? 0 : use.length / (2 * negatives), positives === 0 ? 0 : use.length / (2 * positives)];
  };
  const weightF = balance(flaggedLabels);
  const weightU = balance(urgentLabels);
  const layer: HiddenLayer = { bits: options.bits, units, w1, b1, w2, b2 };
  const h = new Float32Array(units);
  const dh = new Float32Array(units);
  const eps = 1e-8;
  const step = (weights: Float32Array, squares: Float32Array, k: number, g: number): void => {
    squares[k] += g * g;
    weights[k] -= (rate * g) / (Math.sqrt(squares[k]) + eps);
  };
  const order = Int32Array.from(use);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (const item of order) {
      const v = features[item];
      const [zF, zU] = hiddenLogits(layer, v);
      h.set(activations.subarray(0, units));
      const yF = flaggedLabels[item];
      const yU = urgentLabels[item];
      const eF = (sigmoid(zF) - yF) * weightF[yF];
      const eU = (sigmoid(zU) - yU) * weightU[yU];
      for (let j = 0; j < units; j += 1) {
        dh[j] = h[j] > 0 ? eF * w2[j * 2] + eU * w2[j * 2 + 1] : 0;
        const a = h[j] > 0 ? h[j] : 0;
        step(w2, s2, j * 2, eF * a + l2 * w2[j * 2]);
        step(w2, s2, j * 2 + 1, eU * a + l2 * w2[j * 2 + 1]);
      }
      step(b2, sb2, 0, eF);
      step(b2, sb2, 1, eU);
      for (let j = 0; j < units; j += 1) if (dh[j] !== 0) step(b1, sb1, j, dh[j]);
      for (let f = 0; f < v.wordLength; f += 1) {
        const row = (v.indices[f] & mask) * units;
        const x = v.values[f];
        for (let j = 0; j < units; j += 1) {
          const g = dh[j] * x + l2 * w1[row + j];
          if (g !== 0) step(w1, s1, row + j, g);
        }
      }
    }
  }
  return quantised(layer);
}

/** The first layer as int8 with one float scale per row: what the model file stores. */
export function quantiseRows(layer: HiddenLayer): { rows: Int8Array; scales: Float32Array } {
  const rowCount = 1 << layer.bits;
  const rows = new Int8Array(layer.w1.length);
  const scales = new Float32Array(rowCount);
  for (let r = 0; r < rowCount; r += 1) {
    let max = 0;
    for (let j = 0; j < layer.units; j += 1) max = Math.max(max, Math.abs(layer.w1[r * layer.units + j]));
    if (max === 0) continue;
    const scale = Math.fround(max / 127);
    scales[r] = scale;
    for (let j = 0; j < layer.units; j += 1) rows[r * layer.units + j] = Math.round(layer.w1[r * layer.units + j] / scale);
  }
  return { rows, scales };
}

export function dequantiseRows(bits: number, units: number, rows: Int8Array, scales: Float32Array): Float32Array {
  const w1 = new Float32Array(rows.length);
  for (let r = 0; r < 1 << bits; r += 1) {
    const scale = scales[r];
    if (scale === 0) continue;
    for (let j = 0; j < units; j += 1) w1[r * units + j] = rows[r * units + j] * scale;
  }
  return w1;
}

/** The layer as it will be read back from the file, so cross-validation scores what ships. */
function quantised(layer: HiddenLayer): HiddenLayer {
  const { rows, scales } = quantiseRows(layer);
  return { ...layer, w1: dequantiseRows(layer.bits, layer.units, rows, scales) };
}
