/**
 * What the embedded store leaves on disk: owner-only folder and files, and nothing of a deleted client in
 * the database file, its write-ahead log or its shared-memory file (the raw bytes are scanned).
 */
import assert from 'node:assert/strict';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { t } from '../../src/i18n';
import { SqliteDocumentStore, DEFAULT_SQLITE_FILE_NAME } from '../../src/storage/sqliteStore';
import { say, startTestService } from '../support/service';

const NAME = 'Zephyrine Quillfeather';
const WORDS = 'kill myself';

const mode = (path: string) => statSync(path).mode & 0o777;
const files = (dir: string) => ['', '-wal', '-shm'].map((suffix) => join(dir, `${DEFAULT_SQLITE_FILE_NAME}${suffix}`)).filter((file) => existsSync(file));
/** Which of the files hold `text` anywhere in their bytes. */
const holding = (dir: string, text: string) => files(dir).filter((file) => readFileSync(file).includes(Buffer.from(text, 'utf8')));

describe('the SQLite files on disk', function () {
  this.timeout(30000);
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'ipt-files-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates the data folder 0700 and the database and its log files 0600', async () => {
    const dir = join(root, 'nested', 'data');
    const store = new SqliteDocumentStore({ dataDir: dir });
    try {
      await store.upsert('clients', 'c1', 'profile', { kind: 'profile', clientId: 'c1' });
      assert.equal(mode(dir).toString(8), '700');
      const present = files(dir);
      assert.equal(present.length, 3, 'database, -wal and -shm');
      for (const file of present) assert.equal(mode(file).toString(8), '600', file);
    } finally {
      await store.close();
    }
  });

  it('narrows a database file left readable by others', async () => {
    const dir = join(root, 'old');
    mkdirSync(dir);
    const file = join(dir, DEFAULT_SQLITE_FILE_NAME);
    closeSync(openSync(file, 'w', 0o644));
    chmodSync(file, 0o644);
    const store = new SqliteDocumentStore({ dataDir: dir });
    await store.close();
    assert.equal(mode(file).toString(8), '600');
  });

  it("after 'delete my data' neither the client's name nor their words are anywhere in the files' bytes", async () => {
    const service = await startTestService({}, {}, join(root, 'service'));
    try {
      const chat = { conversation: { id: 'scan-conv' }, from: { id: 'scan-user', name: NAME } };
      const turn = async (text: string) => (await say(service.url, { ...chat, text })).texts;
      await turn('hello');
      await turn('yes');
      await turn('skip');
      assert.match((await turn(NAME))[0], /Zephyrine/);
      await turn('America/Chicago');
      assert.ok((await turn(`I am going to ${WORDS} tonight`)).some((text) => text.includes('988')));
      await turn('cancel');
      assert.ok(holding(service.dataDir, NAME).length > 0, 'the name is on disk before the deletion (the scan can fail)');
      assert.ok(holding(service.dataDir, WORDS).length > 0, 'so are the words (the alert excerpt)');

      assert.equal((await turn('delete my data'))[0], t('en', 'menu.deleteConfirm'));
      await turn('yes');
      assert.deepEqual(holding(service.dataDir, NAME), [], 'no copy of the name in the database, its log or its shared memory');
      assert.deepEqual(holding(service.dataDir, WORDS), [], 'no copy of the words');
      assert.deepEqual(holding(service.dataDir, 'Zephyrine'), []);
      assert.deepEqual(holding(service.dataDir, 'scan-user'), [], 'nor the chat id');
      const [alert] = await service.store.query<{ level: string; clientErasedAt?: string }>('alerts', {});
      assert.equal(alert.body.level, 'urgent', 'the alert itself is kept');
      assert.ok(alert.body.clientErasedAt);
    } finally {
      await service.dispose();
    }
  });
});
