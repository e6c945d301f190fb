import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultConcurrency, loadModules, MODULES_FILE, modulesAt, modulesFromSource, modulesTouchedBy, MutationModule, parseArgs, scoreOf } from '../../scripts/mutation';

const ROOT = path.join(__dirname, '..', '..');

/** Stryker's configuration for one module as Stryker reads it (thresholds, checkers), printed as JSON. */
function strykerConfig(module: string, checker: string) {
  return spawnSync(process.execPath, ['--input-type=module', '-e', "const c = (await import('./stryker.config.mjs')).default; process.stdout.write(JSON.stringify(c));"], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, MUTATION_MODULE: module, MUTATION_CHECKER: checker },
  });
}

describe('npm run mutation and the CI guard: which modules run', () => {
  let modules: Record<string, MutationModule>;
  before(async () => {
    modules = await loadModules();
  });

  it('lists every module with sources and tests that exist, and a threshold a run can meet', () => {
    assert.ok(Object.keys(modules).length > 0);
    for (const [name, module] of Object.entries(modules)) {
      assert.ok(module.mutate.length > 0 && module.tests.length > 0, name);
      for (const file of [...module.mutate, ...module.tests]) assert.ok(existsSync(path.join(ROOT, file)), `${name}: ${file} exists`);
      assert.ok(module.threshold > 0 && module.threshold < 100, `${name}: threshold ${module.threshold}`);
    }
  });

  it('gives Stryker thresholds it accepts for every module (its "high" above the module\'s threshold)', () => {
    for (const [name, module] of Object.entries(modules)) {
      const read = strykerConfig(name, '');
      assert.equal(read.status, 0, read.stderr);
      const { thresholds, checkers } = JSON.parse(read.stdout) as { thresholds: { high: number; low: number; break: number }; checkers: string[] };
      assert.deepEqual(checkers, [], `${name}: no type checker by default`);
      assert.equal(thresholds.low, module.threshold, name);
      assert.equal(thresholds.break, module.threshold, name);
      assert.ok(thresholds.high > thresholds.low && thresholds.high <= 100, `${name}: high ${thresholds.high}, low ${thresholds.low}`);
    }
  });

  it('with --checker, type-checks each mutant and reports without failing on the thresholds (set for the default run)', () => {
    const read = strykerConfig('dates', 'typescript');
    assert.equal(read.status, 0, read.stderr);
    const config = JSON.parse(read.stdout) as { thresholds: { low: number; break: number | null }; checkers: string[]; tsconfigFile: string };
    assert.deepEqual(config.checkers, ['typescript']);
    assert.equal(config.thresholds.low, modules.dates.threshold);
    assert.equal(config.thresholds.break, null);
    const checked = JSON.parse(readFileSync(path.join(ROOT, config.tsconfigFile), 'utf8')) as { files: string[] };
    assert.deepEqual(checked.files, modules.dates.mutate.map((file) => `../../${file}`), 'the checker compiles the module itself, not its tests');
  });

  it('a change to a module’s source or its tests runs that module only; a change elsewhere runs none', () => {
    assert.deepEqual(modulesTouchedBy({ files: ['src/scheduling/schedule.ts', 'README.md'] }, modules), ['schedule']);
    assert.deepEqual(modulesTouchedBy({ files: ['test/safety/routing.test.ts'] }, modules), ['routing']);
    assert.deepEqual(modulesTouchedBy({ files: ['src/app.ts', 'locales/en/safety.json'] }, modules), []);
  });

  it('a change to the mutation setup itself runs every module', () => {
    for (const file of ['stryker.config.mjs', 'scripts/mutation.ts', 'test/support/fixedSeed.ts']) assert.deepEqual(modulesTouchedBy({ files: [file], baseModules: modules }, modules), Object.keys(modules), file);
  });

  it('a change to the modules file runs the modules whose entry changed, and every module when the earlier entries are unknown', () => {
    const raised = { ...modules, yesNo: { ...modules.yesNo, threshold: modules.yesNo.threshold + 1 } };
    assert.deepEqual(modulesTouchedBy({ files: [MODULES_FILE], baseModules: modules }, raised), ['yesNo'], 'a new threshold is measured at once');
    const moreTests = { ...modules, dates: { ...modules.dates, tests: [...modules.dates.tests, 'test/dialogs/prompts.test.ts'] } };
    assert.deepEqual(modulesTouchedBy({ files: [MODULES_FILE], baseModules: modules }, moreTests), ['dates']);
    const added = { ...modules, brandNew: { mutate: ['src/x.ts'], tests: ['test/x.test.ts'], threshold: 85 } };
    assert.deepEqual(modulesTouchedBy({ files: [MODULES_FILE], baseModules: modules }, added), ['brandNew']);
    assert.deepEqual(modulesTouchedBy({ files: [MODULES_FILE], baseModules: modules }, modules), [], 'a comment-only change runs none');
    assert.deepEqual(modulesTouchedBy({ files: [MODULES_FILE] }, modules), Object.keys(modules));
  });

  it('compares with the previous main commit, and runs every module when git cannot tell what changed', () => {
    assert.deepEqual(parseArgs(['--changed-since', 'abc123'], modules, () => ({ files: ['src/scheduling/measureSchedule.ts'] })), { names: ['schedule'], concurrency: defaultConcurrency(false), checker: false, because: 'changed since abc123: schedule' });
    assert.deepEqual(parseArgs(['--changed-since', 'abc123'], modules, () => ({ files: [] })), { names: [], concurrency: defaultConcurrency(false), checker: false, because: 'changed since abc123: no module' });
    assert.deepEqual(parseArgs(['--changed-since=abc123', '--concurrency', '2'], modules, () => undefined), {
      names: Object.keys(modules),
      concurrency: 2,
      checker: false,
      because: 'git cannot compare with abc123: every module',
    });
  });

  it('reads a commit’s entries from the file’s text, and knows when it cannot', () => {
    assert.deepEqual(modulesFromSource(readFileSync(path.join(ROOT, MODULES_FILE), 'utf8')), modules);
    assert.equal(modulesFromSource('export const MODULES = { broken: { mutate: [], tests: [], threshold: 85 } };'), undefined, 'not valid entries');
    assert.equal(modulesFromSource('export const MODULES = {'), undefined, 'not JavaScript');
    assert.equal(modulesAt('no-such-revision-anywhere'), undefined);
  });

  it('runs the modules named, or all of them, and says what a wrong argument should be', () => {
    assert.deepEqual(parseArgs(['routing'], modules), { names: ['routing'], concurrency: defaultConcurrency(false), checker: false, because: undefined });
    assert.deepEqual(parseArgs([], modules), { names: Object.keys(modules), concurrency: defaultConcurrency(false), checker: false, because: undefined });
    assert.match(parseArgs(['nope'], modules) as string, /^"nope" is not a module in stryker\.modules\.mjs; use one of: .*routing/);
    assert.equal(parseArgs(['--concurrency', 'two'], modules), '--concurrency needs a whole number of workers, e.g. --concurrency 2 (got "two").');
    assert.equal(parseArgs(['--since', 'HEAD'], modules), 'Unknown option --since: use --concurrency N, --checker or --changed-since <git revision>.');
  });

  it('runs one test runner per core, and with --checker as many type checkers again', () => {
    assert.equal(defaultConcurrency(false, 2), 2);
    assert.equal(defaultConcurrency(true, 2), 4);
    assert.deepEqual(parseArgs(['--checker', 'dates'], modules), { names: ['dates'], concurrency: defaultConcurrency(true), checker: true, because: undefined });
    assert.equal((parseArgs(['--checker', '--concurrency', '3'], modules) as { concurrency: number }).concurrency, 3);
  });

  it('scores a report as Stryker does: killed and timed-out mutants over those that compiled', () => {
    const mutants = (status: string, count: number) => Array.from({ length: count }, () => ({ status }));
    const report = { files: { 'a.ts': { mutants: [...mutants('Killed', 16), ...mutants('Timeout', 1), ...mutants('Survived', 2), ...mutants('CompileError', 40)] }, 'b.ts': { mutants: mutants('NoCoverage', 1) } } };
    assert.deepEqual(scoreOf(report), { score: 85, killed: 17, survived: 2, noCoverage: 1 });
    assert.equal(scoreOf({ files: { 'a.ts': { mutants: mutants('CompileError', 3) } } }).score, undefined, 'nothing to score is a failed run, not 100 %');
  });
});
