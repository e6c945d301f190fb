import assert from 'node:assert/strict';
import { runScript, ScriptRun } from './runScript';

interface LoadResult {
  checkIns: { sent: number; stored: number; missingRecords: number; duplicates: number; wrongContent: number; unexpectedRecords: number; failedTurns: number; lostReplies: number; conversationFailures: Record<string, number>; turns: number };
  pairs: { pairs: number; lostUpdates: number; failedTurns: number; lostReplies: number };
  ok: boolean;
}

describe('npm run load (quick mode)', function () {
  this.timeout(180_000);
  let run: ScriptRun;
  let result: LoadResult;

  before(async () => {
    run = await runScript('load.ts', ['--quick', '--json']);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 1, `stdout: ${run.stdout.slice(0, 500)}\nstderr: ${run.stderr.slice(-2000)}`);
    result = JSON.parse(lines[0]) as LoadResult;
  });

  it('stores every check-in the clients completed exactly once, with what they answered', () => {
    const c = result.checkIns;
    assert.ok(c.sent > 0, 'no check-in was completed');
    assert.equal(c.stored, c.sent);
    assert.equal(c.missingRecords, 0);
    assert.equal(c.duplicates, 0);
    assert.equal(c.wrongContent, 0);
    assert.equal(c.unexpectedRecords, 0);
  });

  it('loses no reply and fails no turn while clients check in at the same time', () => {
    const c = result.checkIns;
    assert.ok(c.turns > 0);
    assert.equal(c.failedTurns, 0);
    assert.equal(c.lostReplies, 0);
    assert.deepEqual(c.conversationFailures, {});
  });

  it('loses no update when one client sends two messages at once', () => {
    const p = result.pairs;
    assert.ok(p.pairs > 0, 'no pair was sent');
    assert.equal(p.lostUpdates, 0);
    assert.equal(p.failedTurns, 0);
    assert.equal(p.lostReplies, 0);
  });

  it('says OK and exits 0', () => {
    assert.equal(result.ok, true);
    assert.equal(run.code, 0);
  });
});
