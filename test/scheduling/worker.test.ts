/**
 * `npm run worker` as its own process over the service's SQLite file: it finds a due reminder, sends it
 * through the Bot Connector (a capture server), records it, and stops cleanly on SIGTERM.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDocumentStore } from '../../src/storage/sqliteStore';
import { ProgrammeStore } from '../../src/programmes/programmeStore';
import { CaptureServer } from '../support/captureServer';
import { reminderDoc, seedClientWithDueReminder, seedProgramme } from './reminderFixtures';

describe('npm run worker', function () {
  this.timeout(60_000);
  let dir: string;
  let connector: CaptureServer;

  beforeEach(async function () {
    dir = mkdtempSync(join(tmpdir(), 'ipt-worker-'));
    connector = new CaptureServer();
    await connector.start();
  });
  afterEach(async function () {
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a due reminder once from its own process and exits 0 on SIGTERM', async function () {
    const seedStore = new SqliteDocumentStore({ dataDir: dir });
    const dueAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    await seedProgramme(new ProgrammeStore(seedStore));
    const seeded = await seedClientWithDueReminder(seedStore, { now: () => new Date() }, { dueAt, serviceUrl: connector.url });
    await seedStore.close();

    const child = spawn(process.execPath, ['--import', 'tsx', 'src/scheduling/worker.ts'], {
      cwd: join(__dirname, '..', '..'),
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATA_DIR: dir, LOG_LEVEL: 'info', SCHEDULER_INTERVAL_SECONDS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const [request] = await connector.waitFor(1, 30_000);
      assert.match(request.path, new RegExp(`/v3/conversations/conv-${seeded.clientId}/activities`));
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
    assert.equal(connector.requests.length, 1);
    assert.match(stdout, /Reminder worker running/);
    assert.ok(!stdout.includes('check-in takes'), 'the log never carries message text');
    const check = new SqliteDocumentStore({ dataDir: dir });
    try {
      assert.equal((await reminderDoc(check, seeded))?.status, 'sent');
    } finally {
      await check.close();
    }
  });
});
