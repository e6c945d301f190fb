import assert from 'node:assert/strict';
import { runScript, ScriptRun } from './runScript';

/** Every figure the issue asks `npm run bench -- --json` for. */
const KEYS = [
  'turn.checkinTurnsPerSec',
  'turn.echoTurnsPerSec',
  'turn.ratioVsEcho',
  'turn.p50Ms',
  'turn.p99Ms',
  'storage.readsPerTurn',
  'storage.writesPerTurn',
  'cosmos.checkinTurnsPerSec',
  'cosmos.readsPerTurn',
  'cosmos.writesPerTurn',
  'screen.messagesPerSec',
  'screen.p99Micros',
  'screen.mixedMessagesPerSec',
  'screen.mixedP99Micros',
  'reminders.dispatchPerSec',
  'reminders.dueQueryMs1k',
  'reminders.dueQueryMs100k',
  'memory.heapPerActiveConversationKB',
  'screen.modelMicrosP99',
  'screen.modelHeapMB',
  'startup.msToReady',
  'startup.ratioVsTsx',
];

describe('npm run bench (quick mode)', function () {
  this.timeout(420_000);
  let run: ScriptRun;
  let result: Record<string, unknown>;

  before(async () => {
    run = await runScript('bench.ts', ['--quick', '--json'], ['--expose-gc']);
    assert.equal(run.code, 0, `bench exited with ${run.code}: ${run.stderr.slice(-2000)}`);
  });

  it('prints exactly one JSON object on stdout, and its progress on stderr', () => {
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 1, `stdout had ${lines.length} lines`);
    result = JSON.parse(lines[0]) as Record<string, unknown>;
    assert.equal(typeof result, 'object');
    assert.match(run.stderr, /turn\.ratioVsEcho/);
  });

  it('reports every key as a number (every piece it measures exists now, so none may be missing)', () => {
    const missing = result.missing as Record<string, string>;
    for (const key of KEYS) {
      assert.ok(key in result, `${key} is absent`);
      const value = result[key];
      assert.equal(typeof value, 'number', `${key} is ${JSON.stringify(value)}: ${missing[key] ?? ''}`);
      assert.ok(Number.isFinite(value as number) && (value as number) >= 0, `${key} is ${value}`);
    }
    assert.deepEqual(missing, {});
  });

  it('counts the state read and the state write of every mid-dialog turn at the storage port, on both stores', () => {
    for (const prefix of ['storage', 'cosmos']) {
      assert.ok((result[`${prefix}.readsPerTurn`] as number) >= 1, `${prefix}.readsPerTurn`);
      assert.ok((result[`${prefix}.writesPerTurn`] as number) >= 1, `${prefix}.writesPerTurn`);
    }
  });

  it('marks each measured target as met or missed', () => {
    const targets = result.targets as Record<string, { target: string; met: boolean | null }>;
    assert.deepEqual(Object.keys(targets).sort(), [
      'cosmos.readsPerTurn',
      'cosmos.writesPerTurn',
      'reminders.dispatchPerSec',
      'reminders.dueQueryRatio100kTo1k',
      'screen.messagesPerSec',
      'screen.modelHeapMB',
      'screen.modelLoadMs',
      'screen.modelMessagesPerSec',
      'screen.modelMicrosP99',
      'startup.ratioVsTsx',
      'storage.readsPerTurn',
      'storage.writesPerTurn',
      'turn.ratioVsEcho',
    ]);
    for (const [key, { met }] of Object.entries(targets)) {
      assert.equal(met === null, result[key] === null, `${key}: met is ${met} for value ${result[key]}`);
    }
  });
});
