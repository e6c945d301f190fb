// @ts-check
import { mkdirSync, writeFileSync } from 'node:fs';
import process from 'node:process';
/**
 * Mutation testing of the pure core (StrykerJS, mocha runner, TypeScript checker).
 *
 * Each module in stryker.modules.mjs is mutated on its own, against only the test files that exercise it, so
 * one module takes minutes rather than the whole suite per mutant. `npm run mutation` runs them all (scripts/mutation.ts),
 * `npm run mutation -- schedule crisis` runs some, and `.ci/mutation-guard` runs the ones a change touched.
 * Stryker reads this file with MUTATION_MODULE set to one module's name; reports (HTML and JSON) go to
 * reports/mutation/<module>/, which git ignores.
 */
import { MODULES } from './stryker.modules.mjs';

/** The module a Stryker process mutates; scripts/mutation.ts sets it. */
const name = process.env.MUTATION_MODULE;
const selected = name ? MODULES[name] : undefined;
const loadedByStryker = /stryker/.test(process.argv[1] ?? '');
if (loadedByStryker && !selected) {
  throw new Error(
    `Run mutation testing with \`npm run mutation -- <module>\` (MUTATION_MODULE=${name ?? '(unset)'} is not one of: ${Object.keys(MODULES).join(', ')}).`,
  );
}

const reportDir = `reports/mutation/${name}`;

/**
 * The TypeScript checker is off unless asked for (`npm run mutation -- --checker`, which sets MUTATION_CHECKER): it
 * type-checks every mutant before its tests run, and on this 2-core machine that cost far more than the tests
 * (summary: 12 minutes with it, 49 s without; normalisation: 10 minutes, 53 s). Without it, a mutant that would not
 * compile runs anyway (the test loader strips types): it is almost always killed at once, and one that survives is
 * in the report to read like any other. With the checker, such mutants are left out of the score, so scores differ
 * and the thresholds (set for the default run) do not fail that run.
 * The checker compiles the module's own sources (and what they import) only, not the tests: re-checking every test
 * file that imports the module made the checker the slow part. Written where the sandbox copy includes it
 * (reports/, ignored by git).
 */
const typeChecked = process.env.MUTATION_CHECKER === 'typescript';
const checkerConfig = `reports/tsconfig/${name}.json`;
if (selected && typeChecked) {
  mkdirSync('reports/tsconfig', { recursive: true });
  const files = selected.mutate.map((file) => `../../${file}`);
  writeFileSync(checkerConfig, `${JSON.stringify({ extends: '../../tsconfig.json', include: [], files }, null, 2)}\n`);
}
const threshold = selected?.threshold ?? 85;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'mocha',
  ...(typeChecked ? { checkers: ['typescript'], tsconfigFile: checkerConfig } : { checkers: [] }),
  mochaOptions: {
    spec: selected?.tests ?? [],
    // Property tests draw their cases from a seed: fixed here, so a mutant is killed or not the same way
    // in every run (test/support/fixedSeed.ts).
    require: ['tsx/cjs', 'test/support/fixedSeed.ts'],
  },
  mutate: selected?.mutate ?? [],
  // Only the tests that reach a mutant run against it. A module with a cache gets a new test process for
  // every mutant: otherwise a value cached under one mutant (or before any) would decide the next one's tests.
  coverageAnalysis: 'perTest',
  maxTestRunnerReuse: selected?.freshProcess ? 1 : 0,
  // A bare `npx stryker run` gets one test runner; `npm run mutation` passes --concurrency (one per core by default,
  // see scripts/mutation.ts).
  concurrency: 1,
  timeoutMS: 10000,
  // Stryker refuses a `high` that is not above `low`: a module held to 94 is "high" from 95.
  thresholds: { high: Math.max(90, threshold + 1), low: threshold, break: selected && !typeChecked ? threshold : null },
  reporters: ['html', 'json', 'progress', 'clear-text'],
  htmlReporter: { fileName: `${reportDir}/index.html` },
  jsonReporter: { fileName: `${reportDir}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  // Shared by every run: each gets its own sandbox in it, and Stryker skips a folder of this name (only this
  // exact name) when it looks for node_modules, so two modules can run at once.
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['reports/mutation', '.stryker-tmp', 'dist', 'data', 'test-results', '.scratch'],
  cleanTempDir: true,
};
