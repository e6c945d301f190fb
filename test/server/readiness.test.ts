/** `/readyz` and the store: it must be able to write, not only answer. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentStore } from '../../src/storage/documentStore';
import { SqliteDocumentStore } from '../../src/storage/sqliteStore';
import { HEALTH_PARTITION } from '../../src/storage/writeCheck';
import { startTestService } from '../support/service';

type Ready = { status: string; checks: Array<{ name: string; ok: boolean; reason?: string }> };

describe('readiness: the store can write', function () {
  this.timeout(30000);
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'ipt-ready-write-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers 503 naming the store while writes fail (a full disk), and ready again once they work; probes at most every few seconds', async () => {
    const real = new SqliteDocumentStore({ dataDir });
    let full = false;
    let healthWrites = 0;
    // The real store, except that while `full` every write fails as SQLite does on a full disk.
    const store = new Proxy(real, {
      get: (target, property) =>
        property === 'upsert' || property === 'create'
          ? async (...args: Parameters<DocumentStore['upsert']>) => {
              if (args[1] === HEALTH_PARTITION) healthWrites++;
              if (full) throw new Error('database or disk is full');
              return Reflect.apply(target[property], target, args);
            }
          : Reflect.get(target, property, target),
    });
    let now = Date.parse('2026-06-01T10:00:00Z');
    // Someone to notify (never called here), so that the store is the only check that can fail.
    const notified = { SAFETY_WEBHOOK_URL: 'http://127.0.0.1:9/alerts', SAFETY_WEBHOOK_SECRET: 'readiness-test-secret-readiness-test' };
    const service = await startTestService(notified, { store, clock: { now: () => new Date(now) } });
    const readyz = async () => {
      const response = await fetch(`${service.url}/readyz`);
      return { status: response.status, body: (await response.json()) as Ready };
    };
    try {
      assert.equal((await readyz()).status, 200);
      full = true;
      assert.equal((await readyz()).status, 200, 'the last probe is still fresh');
      now += 5000;
      const failing = await readyz();
      assert.equal(failing.status, 503);
      assert.equal(failing.body.status, 'unavailable');
      assert.deepEqual(
        failing.body.checks.find((c) => c.name === 'store'),
        { name: 'store', ok: false, reason: 'the store cannot write: database or disk is full' },
      );
      const writes = healthWrites;
      await Promise.all([readyz(), readyz(), readyz()]);
      assert.equal(healthWrites, writes, 'within the cache window no probe writes again');
      full = false;
      now += 5000;
      assert.equal((await readyz()).status, 200);
    } finally {
      await service.dispose();
    }
  });

  it('the embedded store is not reachable-and-well when its disk has no room left', async () => {
    const roomy = new SqliteDocumentStore({ dataDir });
    await roomy.ping();
    await roomy.close();
    const cramped = new SqliteDocumentStore({ dataDir, minFreeBytes: Number.MAX_SAFE_INTEGER });
    try {
      await assert.rejects(cramped.ping(), /the disk holding the data folder is full/);
    } finally {
      await cramped.close();
    }
  });
});
