/**
 * Mutation testing of the pure core, one module at a time:
 *
 *   npm run mutation                      every module in stryker.modules.mjs
 *   npm run mutation -- schedule crisis   only these
 *   npm run mutation -- --concurrency 2   Stryker workers (default: one test runner per core)
 *   npm run mutation -- --checker         also type-check each mutant (slow; reports without failing, see stryker.config.mjs)
 *   npm run mutation -- --changed-since main~1   only the modules whose source or tests changed since then
 *
 * Each module gets its own Stryker process (MUTATION_MODULE tells stryker.config.mjs which), with a fixed
 * fast-check seed, so the same code and tests give the same score. Reports go to reports/mutation/<module>/
 * (HTML and JSON, ignored by git). Prints one line per module and exits 1 when any module is under its
 * threshold or its run failed (a --checker run only reports), 2 on a bad argument.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';

const MutationModuleSchema = z.object({
  mutate: z.array(z.string()).min(1),
  tests: z.array(z.string()).min(1),
  // Below 100: Stryker's "high" mark (above the threshold) must still be a score.
  threshold: z.number().gt(0).lt(100),
  freshProcess: z.boolean().optional(),
});
const ModulesSchema = z.record(z.string(), MutationModuleSchema);
export type MutationModule = z.infer<typeof MutationModuleSchema>;

export interface ModuleResult {
  name: string;
  threshold: number;
  /** Killed or timed out over every mutant that compiled and was reached or not; undefined when the run failed. */
  score?: number;
  killed: number;
  survived: number;
  noCoverage: number;
  seconds: number;
}

const ROOT = path.join(__dirname, '..');
/** The seed every property test draws from in a mutation run (test/support/fixedSeed.ts reads it). */
const FC_SEED = '20261207';

/** The modules, their tests and thresholds: kept apart from the Stryker setup (see modulesTouchedBy). */
export const MODULES_FILE = 'stryker.modules.mjs';

export async function loadModules(): Promise<Record<string, MutationModule>> {
  const file = (await import(pathToFileURL(path.join(ROOT, MODULES_FILE)).href)) as { MODULES: unknown };
  return ModulesSchema.parse(file.MODULES);
}

interface MutantReport {
  status: string;
}

/** Stryker's mutation score from its JSON report: detected (killed, timed out) over valid mutants. */
export function scoreOf(report: { files: Record<string, { mutants: MutantReport[] }> }): Pick<ModuleResult, 'score' | 'killed' | 'survived' | 'noCoverage'> {
  const counts: Record<string, number> = {};
  for (const file of Object.values(report.files)) for (const mutant of file.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  const killed = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const survived = counts.Survived ?? 0;
  const noCoverage = counts.NoCoverage ?? 0;
  const valid = killed + survived + noCoverage;
  return { score: valid === 0 ? undefined : (100 * killed) / valid, killed, survived, noCoverage };
}

function runModule(name: string, module: MutationModule, concurrency: number, checker: boolean): ModuleResult {
  const started = Date.now();
  const reportDir = path.join(ROOT, 'reports', 'mutation', name);
  // A report left by an earlier run must not stand in for this one if Stryker fails to start.
  rmSync(reportDir, { recursive: true, force: true });
  const stryker = path.join(path.dirname(require.resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');
  spawnSync(process.execPath, [stryker, 'run', 'stryker.config.mjs', '--concurrency', String(concurrency)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, MUTATION_MODULE: name, FC_SEED: process.env.FC_SEED ?? FC_SEED, MUTATION_CHECKER: checker ? 'typescript' : '' },
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  const empty = { name, threshold: module.threshold, killed: 0, survived: 0, noCoverage: 0, seconds };
  // Stryker exits 1 both under the module's `break` threshold and when it could not run at all, so the
  // verdict comes from its report: no report means the run failed.
  try {
    return { ...empty, ...scoreOf(JSON.parse(readFileSync(path.join(reportDir, 'mutation.json'), 'utf8'))) };
  } catch {
    return empty;
  }
}

/** Files that decide every module's result: a change to one of them re-runs them all. */
const SHARED_FILES = ['stryker.config.mjs', 'scripts/mutation.ts', 'test/support/fixedSeed.ts'];

/** What changed since a commit: the files, and that commit's modules when the modules file is among them. */
export interface Change {
  files: string[];
  /** Undefined when the modules file did not change, or when the earlier version cannot be read. */
  baseModules?: Record<string, MutationModule>;
}

/**
 * The modules a change touches: those whose mutated source or tests are among the changed files (paths from
 * the repository root), those whose entry in the modules file differs from the earlier one (a new threshold,
 * another test file), or all of them when the mutation setup itself changed or the earlier entries are unknown.
 */
export function modulesTouchedBy(change: Change, modules: Record<string, MutationModule>): string[] {
  const { files, baseModules } = change;
  if (files.some((file) => SHARED_FILES.includes(file))) return Object.keys(modules);
  const entriesChanged = files.includes(MODULES_FILE);
  if (entriesChanged && baseModules === undefined) return Object.keys(modules);
  return Object.entries(modules)
    .filter(([name, module]) => (entriesChanged && !isDeepStrictEqual(module, baseModules?.[name])) || [...module.mutate, ...module.tests].some((file) => files.includes(file)))
    .map(([name]) => name);
}

/**
 * Modules from the text of a modules file, evaluated by a child Node (it is an ES module with no imports), or
 * undefined when it does not evaluate to valid entries.
 */
export function modulesFromSource(source: string): Record<string, MutationModule> | undefined {
  const evaluated = spawnSync(process.execPath, ['--input-type=module'], {
    cwd: ROOT,
    encoding: 'utf8',
    input: `${source}\nprocess.stdout.write(JSON.stringify(MODULES));\n`,
  });
  if (evaluated.status !== 0) return undefined;
  try {
    const parsed = ModulesSchema.safeParse(JSON.parse(evaluated.stdout));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The modules as they were at `base`, or undefined when the file did not exist there or is not valid. */
export function modulesAt(base: string): Record<string, MutationModule> | undefined {
  const source = spawnSync('git', ['show', `${base}:${MODULES_FILE}`], { cwd: ROOT, encoding: 'utf8' });
  return source.status === 0 ? modulesFromSource(source.stdout) : undefined;
}

/** What differs between `base` and the working tree, or undefined when git cannot tell. */
function changedSince(base: string): Change | undefined {
  const diff = spawnSync('git', ['diff', '--name-only', base, '--'], { cwd: ROOT, encoding: 'utf8' });
  if (diff.status !== 0) return undefined;
  const untracked = spawnSync('git', ['ls-files', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  const files = [...diff.stdout.split('\n'), ...(untracked.status === 0 ? untracked.stdout.split('\n') : [])].filter(Boolean);
  return { files, baseModules: files.includes(MODULES_FILE) ? modulesAt(base) : undefined };
}

interface Args {
  names: string[];
  concurrency: number;
  /** --checker: the TypeScript checker sets aside mutants that do not compile (slower; the run only reports). */
  checker: boolean;
  /** Set with --changed-since: why these modules (for the log). */
  because?: string;
}

/**
 * One test runner per core. With the TypeScript checker, Stryker gives half its workers to checkers and half to
 * test runners, so --checker doubles it.
 */
export function defaultConcurrency(checker: boolean, cores = availableParallelism()): number {
  return checker ? 2 * cores : cores;
}

export function parseArgs(argv: string[], modules: Record<string, MutationModule>, changes: (base: string) => Change | undefined = changedSince): Args | string {
  const known = Object.keys(modules);
  const names: string[] = [];
  let concurrency: number | undefined;
  let checker = false;
  let because: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const option = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (arg === '--checker') {
      checker = true;
    } else if (option) {
      const value = option[2] ?? argv[++i];
      if (option[1] === 'concurrency') {
        concurrency = Number(value);
        if (!Number.isInteger(concurrency) || concurrency < 1) return `--concurrency needs a whole number of workers, e.g. --concurrency 2 (got "${value ?? ''}").`;
      } else if (option[1] === 'changed-since') {
        if (!value) return '--changed-since needs a git revision, e.g. --changed-since HEAD~1.';
        const change = changes(value);
        if (change === undefined) {
          because = `git cannot compare with ${value}: every module`;
          names.push(...known);
        } else {
          const touched = modulesTouchedBy(change, modules);
          because = `changed since ${value}: ${touched.length > 0 ? touched.join(', ') : 'no module'}`;
          if (touched.length === 0) return { names: [], concurrency: concurrency ?? defaultConcurrency(checker), checker, because };
          names.push(...touched);
        }
      } else {
        return `Unknown option ${arg}: use --concurrency N, --checker or --changed-since <git revision>.`;
      }
    } else if (known.includes(arg)) {
      names.push(arg);
    } else {
      return `"${arg}" is not a module in ${MODULES_FILE}; use one of: ${known.join(', ')} (or none for all).`;
    }
  }
  return { names: names.length > 0 || because ? [...new Set(names)] : known, concurrency: concurrency ?? defaultConcurrency(checker), checker, because };
}

async function main(): Promise<void> {
  const modules = await loadModules();
  const args = parseArgs(process.argv.slice(2), modules);
  if (typeof args === 'string') {
    console.error(args);
    process.exit(2);
  }
  if (args.because) console.log(`Mutation testing, ${args.because}.`);
  if (args.names.length === 0) return;
  const results = args.names.map((name) => runModule(name, modules[name], args.concurrency, args.checker));
  console.log('\nmodule        score   threshold  killed  survived  no coverage  time');
  for (const r of results) {
    const score = r.score === undefined ? 'failed' : `${r.score.toFixed(1)} %`;
    const verdict = r.score === undefined ? 'FAILED' : r.score >= r.threshold ? 'ok' : args.checker ? 'under threshold (with the checker)' : 'BELOW THRESHOLD';
    console.log(
      `${r.name.padEnd(12)}  ${score.padStart(7)}  ${`${r.threshold} %`.padStart(9)}  ${String(r.killed).padStart(6)}  ${String(r.survived).padStart(8)}  ${String(r.noCoverage).padStart(11)}  ${r.seconds} s  ${verdict}`,
    );
  }
  console.log('Reports: reports/mutation/<module>/index.html');
  const failed = results.filter((r) => r.score === undefined || (!args.checker && r.score < r.threshold));
  if (failed.length > 0) {
    console.error(`Under threshold or failed: ${failed.map((r) => r.name).join(', ')}`);
    process.exit(1);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
