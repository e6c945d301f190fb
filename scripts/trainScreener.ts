/**
 * Rebuilds the screener's learned layer from the corpus:
 *
 *   npm run train:screener
 *
 * Reads test/fixtures/safety-dev-set.jsonl and test/fixtures/screening-corpus/*.jsonl (never the blind batches under
 * test/fixtures/screening-blind/), trains the two heads with a fixed seed, chooses each language's thresholds by
 * grouped (leave-family-out) cross-validation, and writes src/safety/screening/screenerModel.json. The same corpus
 * gives the same file, byte for byte. Prints the cross-validated figures at the chosen thresholds.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeInt8, encodeWeights, MODEL_FORMAT, MODEL_LANGUAGES, type ModelFile } from '../src/safety/screening/model';
import { quantiseRows } from '../src/safety/screening/hiddenLayer';
import { FEATURE_BITS } from '../src/safety/screening/features';
import {
  chooseThresholds,
  crossValidate,
  DEFAULT_TARGETS,
  DEFAULT_TRAINING,
  outOfFoldLevels,
  prepareItem,
  tally,
  trainHeads,
  formatClassTable,
} from '../src/safety/screening/training';
import { corpusFiles, FIXTURES, groupOf, loadCorpus } from '../test/safety/corpus';

export const MODEL_FILE = path.join(__dirname, '..', 'src', 'safety', 'screening', 'screenerModel.json');
export const FOLDS = 5;

function main(): void {
  const started = Date.now();
  const files = corpusFiles();
  const corpus = loadCorpus(files);
  const items = corpus.map((item) => prepareItem(item.text, item.locale, item.level, groupOf(item)));
  const groups = new Set(items.map((i) => i.group)).size;
  process.stdout.write(`Training on ${items.length} messages in ${groups} groups from ${files.length} files…\n`);

  const oof = crossValidate(items, FOLDS, DEFAULT_TRAINING);
  const thresholds = chooseThresholds(items, oof, DEFAULT_TARGETS);
  const crossValidated = tally(items, outOfFoldLevels(items, oof, thresholds));
  const heads = trainHeads(
    items,
    items.map((_, i) => i),
    DEFAULT_TRAINING,
  );
  const { rows, scales } = quantiseRows(heads.hidden.layer);

  const file: ModelFile = {
    format: MODEL_FORMAT,
    featureBits: FEATURE_BITS,
    training: {
      seed: DEFAULT_TRAINING.seed,
      epochs: DEFAULT_TRAINING.epochs,
      messages: items.length,
      files: files.map((f) => path.relative(FIXTURES, f)),
      folds: FOLDS,
    },
    heads: {
      flagged: { bias: heads.flagged.bias, weights: encodeWeights(heads.flagged.weights) },
      urgent: { bias: heads.urgent.bias, weights: encodeWeights(heads.urgent.weights) },
    },
    hidden: {
      bits: heads.hidden.layer.bits,
      units: heads.hidden.layer.units,
      mix: heads.hidden.mix,
      rows: encodeInt8(rows),
      scales: encodeWeights(scales),
      b1: encodeWeights(heads.hidden.layer.b1),
      w2: encodeWeights(heads.hidden.layer.w2),
      b2: encodeWeights(heads.hidden.layer.b2),
    },
    thresholds,
    crossValidation: { targets: DEFAULT_TARGETS, byLanguage: crossValidated },
  };
  writeFileSync(MODEL_FILE, `${JSON.stringify(file)}\n`);
  const lines = [
    ...formatClassTable(`Leave-family-out (${FOLDS}-fold, grouped) estimate, lexicon + model:`, crossValidated),
    `Thresholds: ${MODEL_LANGUAGES.map((l) => `${l} flagged ≥ ${thresholds[l].flagged}, urgent ≥ ${thresholds[l].urgent}`).join('; ')}`,
    `Wrote ${path.relative(process.cwd(), MODEL_FILE)} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (require.main === module) {
  try {
    main();
  } catch (err: unknown) {
    process.stderr.write(`Training failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
