/**
 * Evaluates the crisis screener on the development set (`test/fixtures/safety-dev-set.jsonl`) and the whole corpus
 * (the development set and `test/fixtures/screening-corpus/*.jsonl`).
 *
 * `npm run eval:safety` prints precision and recall per level (concern, urgent, and "flagged" = level ≥ concern),
 * per language, the confusion matrix, and every miss on the development set; then, per language and class, the
 * shipped screener's in-sample figures on the corpus beside the leave-family-out estimate (grouped 5-fold
 * cross-validation of the learned layer, the lexicon unchanged), with how many ordinary messages would be asked about.
 * The in-sample lexicon figures are optimistic: its rules were written from the development set.
 *
 * `npm run eval:safety -- --blind <file>` scores a held-out batch (same line format) with the shipped screener, once,
 * before anything is changed for it. `evaluateDevSet()` returns the development-set numbers for the tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { levelRank, screenMessage, type RiskCategory, type RiskLevel } from '../../src/safety/screener';
import {
  chooseThresholds,
  crossValidate,
  DEFAULT_TARGETS,
  DEFAULT_TRAINING,
  formatClassTable,
  outOfFoldLevels,
  prepareItem,
  tally,
} from '../../src/safety/screening/training';
import { groupOf, loadCorpus, readCorpusFile, type CorpusItem } from './corpus';

export interface DevSetItem {
  text: string;
  locale: 'en' | 'es';
  level: RiskLevel;
  categories: RiskCategory[];
  note: string;
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  truePositives: number;
  predicted: number;
  actual: number;
}

export interface Miss {
  text: string;
  locale: string;
  expected: RiskLevel;
  got: RiskLevel;
  expectedCategories: RiskCategory[];
  gotCategories: RiskCategory[];
  note: string;
}

export interface Scores {
  count: number;
  /** Exact level agreement. */
  accuracy: number;
  concern: PrecisionRecall;
  urgent: PrecisionRecall;
  flagged: PrecisionRecall;
  /** Share of `urgent` items flagged at all (level ≥ concern). */
  urgentFlaggedRate: number;
  /** Share of `urgent` items rated `urgent`. */
  urgentExactRate: number;
  /** Share of `concern` items flagged (level ≥ concern). */
  concernFlaggedRate: number;
  /** Share of `none` items flagged. */
  negativeFlaggedRate: number;
  /** Share of flagged expected items whose expected categories were all found. */
  categoryRecall: number;
  /** confusion[expected][got] */
  confusion: Record<RiskLevel, Record<RiskLevel, number>>;
}

export interface Evaluation {
  items: DevSetItem[];
  overall: Scores;
  byLocale: Record<string, Scores>;
  misses: Miss[];
}

export const DEV_SET_PATH = path.join(__dirname, '..', 'fixtures', 'safety-dev-set.jsonl');
const LEVELS: RiskLevel[] = ['none', 'concern', 'urgent'];

export function loadDevSet(file = DEV_SET_PATH): DevSetItem[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as DevSetItem;
      } catch (err) {
        throw new Error(`${file} line ${i + 1} is not valid JSON (${(err as Error).message}); fix that line.`);
      }
    });
}

function pr(truePositives: number, predicted: number, actual: number): PrecisionRecall {
  return {
    precision: predicted === 0 ? 1 : truePositives / predicted,
    recall: actual === 0 ? 1 : truePositives / actual,
    truePositives,
    predicted,
    actual,
  };
}

interface Scored {
  item: DevSetItem;
  got: RiskLevel;
  gotCategories: RiskCategory[];
}

function score(rows: Scored[]): Scores {
  const confusion = Object.fromEntries(LEVELS.map((e) => [e, Object.fromEntries(LEVELS.map((g) => [g, 0]))])) as Record<
    RiskLevel,
    Record<RiskLevel, number>
  >;
  let exact = 0;
  let categoryHits = 0;
  let categoryTotal = 0;
  for (const { item, got, gotCategories } of rows) {
    confusion[item.level][got] += 1;
    if (item.level === got) exact += 1;
    if (item.level !== 'none' && levelRank(got) > 0) {
      categoryTotal += 1;
      if (item.categories.every((c) => gotCategories.includes(c))) categoryHits += 1;
    }
  }
  const count = (pred: (r: Scored) => boolean): number => rows.filter(pred).length;
  const isFlag = (l: RiskLevel): boolean => levelRank(l) > 0;
  const of = (level: RiskLevel): Scored[] => rows.filter((r) => r.item.level === level);
  const rate = (subset: Scored[], pred: (r: Scored) => boolean): number =>
    subset.length === 0 ? 1 : subset.filter(pred).length / subset.length;
  return {
    count: rows.length,
    accuracy: rows.length === 0 ? 1 : exact / rows.length,
    concern: pr(
      count((r) => r.got === 'concern' && r.item.level === 'concern'),
      count((r) => r.got === 'concern'),
      count((r) => r.item.level === 'concern'),
    ),
    urgent: pr(
      count((r) => r.got === 'urgent' && r.item.level === 'urgent'),
      count((r) => r.got === 'urgent'),
      count((r) => r.item.level === 'urgent'),
    ),
    flagged: pr(
      count((r) => isFlag(r.got) && isFlag(r.item.level)),
      count((r) => isFlag(r.got)),
      count((r) => isFlag(r.item.level)),
    ),
    urgentFlaggedRate: rate(of('urgent'), (r) => isFlag(r.got)),
    urgentExactRate: rate(of('urgent'), (r) => r.got === 'urgent'),
    concernFlaggedRate: rate(of('concern'), (r) => isFlag(r.got)),
    negativeFlaggedRate: rate(of('none'), (r) => isFlag(r.got)),
    categoryRecall: categoryTotal === 0 ? 1 : categoryHits / categoryTotal,
    confusion,
  };
}

/** Screen every dev-set message on its own (no history) and score the result. */
export function evaluateDevSet(items: DevSetItem[] = loadDevSet()): Evaluation {
  const rows: Scored[] = items.map((item) => {
    const result = screenMessage(item.text);
    return { item, got: result.level, gotCategories: result.categories };
  });
  const locales = [...new Set(items.map((i) => i.locale))].sort();
  const misses: Miss[] = rows
    .filter((r) => r.got !== r.item.level)
    .map((r) => ({
      text: r.item.text,
      locale: r.item.locale,
      expected: r.item.level,
      got: r.got,
      expectedCategories: r.item.categories,
      gotCategories: r.gotCategories,
      note: r.item.note,
    }));
  return {
    items,
    overall: score(rows),
    byLocale: Object.fromEntries(locales.map((l) => [l, score(rows.filter((r) => r.item.locale === l))])),
    misses,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Report

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function formatScores(name: string, s: Scores): string[] {
  const line = (label: string, p: PrecisionRecall): string =>
    `  ${label.padEnd(8)} precision ${pct(p.precision).padStart(6)} (${p.truePositives}/${p.predicted})   recall ${pct(p.recall).padStart(6)} (${p.truePositives}/${p.actual})`;
  return [
    `${name}: ${s.count} messages, exact level agreement ${pct(s.accuracy)}`,
    line('concern', s.concern),
    line('urgent', s.urgent),
    line('flagged', s.flagged),
    `  urgent flagged ${pct(s.urgentFlaggedRate)}, urgent rated urgent ${pct(s.urgentExactRate)}, concern flagged ${pct(s.concernFlaggedRate)}, negatives flagged ${pct(s.negativeFlaggedRate)}, categories found ${pct(s.categoryRecall)}`,
  ];
}

function formatConfusion(s: Scores): string[] {
  const header = `  ${'expected \\ got'.padEnd(16)}${LEVELS.map((l) => l.padStart(9)).join('')}`;
  return [
    'Confusion matrix (rows expected, columns screener):',
    header,
    ...LEVELS.map((e) => `  ${e.padEnd(16)}${LEVELS.map((g) => String(s.confusion[e][g]).padStart(9)).join('')}`),
  ];
}

export function formatReport(evaluation: Evaluation): string {
  const lines: string[] = [];
  const byLevel = (l: RiskLevel): number => evaluation.items.filter((i) => i.level === l).length;
  lines.push(
    `Safety dev set: ${evaluation.items.length} messages (${byLevel('none')} none, ${byLevel('concern')} concern, ${byLevel('urgent')} urgent)`,
    '',
    ...formatScores('All', evaluation.overall),
    '',
  );
  for (const [locale, s] of Object.entries(evaluation.byLocale)) lines.push(...formatScores(`Locale ${locale}`, s), '');
  lines.push(...formatConfusion(evaluation.overall), '');
  lines.push(`Misses (${evaluation.misses.length}):`);
  for (const m of evaluation.misses) {
    lines.push(`  [${m.locale}] expected ${m.expected}, got ${m.got}: ${JSON.stringify(m.text)}  (${m.note})`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// The corpus: in-sample beside leave-family-out, and blind batches

const FOLDS = 5;

/** The shipped screener (lexicon + model) on each message on its own. */
function screenAll(items: readonly CorpusItem[]): { level: RiskLevel; confirm: boolean }[] {
  return items.map((item) => {
    const r = screenMessage(item.text);
    return { level: r.level, confirm: r.confirm };
  });
}

export function corpusReport(items: readonly CorpusItem[] = loadCorpus()): string {
  const prepared = items.map((item) => prepareItem(item.text, item.locale, item.level, groupOf(item)));
  const oof = crossValidate(prepared, FOLDS, DEFAULT_TRAINING);
  const thresholds = chooseThresholds(prepared, oof, DEFAULT_TARGETS);
  const lexiconOnly = prepared.map((p) => ({ level: p.lexiconLevel, confirm: p.lexiconConfirm }));
  const groups = new Set(prepared.map((p) => p.group)).size;
  return [
    `Corpus: ${items.length} messages in ${groups} families/groups (development set + screening-corpus)`,
    ...formatClassTable('In-sample, shipped screener (lexicon + model):', tally(items, screenAll(items))),
    ...formatClassTable('In-sample, lexicon alone:', tally(items, lexiconOnly)),
    ...formatClassTable(`Leave-family-out (${FOLDS}-fold grouped) estimate, lexicon + model:`, tally(items, outOfFoldLevels(prepared, oof, thresholds))),
  ].join('\n');
}

/** A blind batch, scored with the shipped screener: the figures per language and class, then every miss. */
export function blindReport(file: string): string {
  const items = readCorpusFile(path.resolve(file));
  const got = screenAll(items);
  const lines = [`Blind batch ${file}: ${items.length} messages`, ...formatClassTable('Shipped screener (lexicon + model):', tally(items, got))];
  lines.push('Misses (expected → got):');
  items.forEach((item, i) => {
    if (item.level !== got[i].level) lines.push(`  [${item.locale}] ${item.level} → ${got[i].level}${got[i].confirm ? (got[i].level === 'concern' ? ' (asked first)' : ' (uncertain, alerts at once)') : ''}: ${JSON.stringify(item.text)}`);
  });
  return lines.join('\n');
}

function main(argv: string[]): void {
  const blind = argv.indexOf('--blind');
  if (blind >= 0) {
    const file = argv[blind + 1];
    if (file === undefined) throw new Error('--blind needs a file: npm run eval:safety -- --blind test/fixtures/screening-blind/<batch>.jsonl');
    console.log(blindReport(file));
    return;
  }
  console.log(formatReport(evaluateDevSet()));
  console.log('');
  console.log(corpusReport());
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (err: unknown) {
    process.stderr.write(`Evaluation failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
