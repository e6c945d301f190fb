/**
 * Starting the real process (`src/index.ts`, as `npm start` does) on a data folder it cannot use: exit 1
 * with one line that names DATA_DIR and the fix, no stack trace.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function start(dataDir: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', DATA_DIR: dataDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error('the service started instead of exiting'))), 30000);
    child.once('exit', (code) => (clearTimeout(timer), resolve({ code, stderr })));
  });
}

function assertOneLine(result: { code: number | null; stderr: string }, dataDir: string): void {
  assert.equal(result.code, 1, result.stderr);
  const lines = result.stderr.split('\n').filter((line) => line.trim() && !/DEP0111|trace-deprecation/.test(line));
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0], /^DATA_DIR: /);
  assert.ok(lines[0].includes(dataDir), 'names the folder');
  assert.match(lines[0], /Set DATA_DIR to a folder/, 'says how to fix it');
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
}

describe('DATA_DIR that cannot be used at start', function () {
  this.timeout(60000);
  let root: string;
  before(() => (root = mkdtempSync(join(tmpdir(), 'ipt-datadir-'))));
  after(() => {
    chmodSync(root, 0o700);
    rmSync(root, { recursive: true, force: true });
  });

  it('a folder that cannot be created (a file is in the way) exits 1 with one line', async () => {
    writeFileSync(join(root, 'a-file'), '');
    const dataDir = join(root, 'a-file', 'data');
    assertOneLine(await start(dataDir), dataDir);
  });

  it('a read-only folder exits 1 with one line', async () => {
    // Permission bits do not bind root, so as root the folder is one on a file system nobody may write
    // (sysfs). Running the service as another user instead would need the project folder readable by them,
    // which a clone in a private temporary folder is not.
    let readOnly = '/sys/kernel';
    if (process.getuid?.() !== 0) {
      readOnly = join(root, 'read-only');
      mkdirSync(readOnly);
      chmodSync(readOnly, 0o555);
    }
    for (const dataDir of [readOnly, join(readOnly, 'data')]) assertOneLine(await start(dataDir), dataDir);
  });
});
