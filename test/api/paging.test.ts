/**
 * Every list of the programme API comes in pages: `limit` (at most 200) and an opaque `cursor`. Walking the
 * pages returns every item once, in order, even when items share a sort value or are added meanwhile.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_PAGE_SIZE, queryPage } from '../../src/api/paging';
import { CONTAINERS } from '../../src/storage/containers';
import { SqliteDocumentStore } from '../../src/storage/sqliteStore';
import { ApiTestServer, startApiServer } from './apiServer';
import { apiClient, Call, clientBody, clinicianBody, programmeBody } from './apiClient';

type Page<T> = { items: T[]; nextCursor?: string };
type Errors = { errors: Array<{ path: string; message: string }> };

describe('paging', function () {
  describe('the programme API lists', function () {
    let service: ApiTestServer;
    let call: Call;
    let clientId: string;
    let tick = 0;

    before(async function () {
      // A clock that moves a second per call, so every document has its own createdAt.
      service = await startApiServer({ clock: { now: () => new Date(Date.UTC(2026, 10, 25, 12, 0, tick++)) } });
      call = apiClient(service.url);
      for (let i = 0; i < 5; i++) assert.equal((await call('POST', '/programmes', { body: programmeBody({ id: `page-${i}` }) })).status, 201);
      for (let i = 0; i < 7; i++) assert.equal((await call('POST', '/programmes/page-0/clinicians', { body: clinicianBody({ id: `c${i}`, aadObjectId: crypto.randomUUID() }) })).status, 201);
      for (let i = 0; i < 7; i++) {
        const enrolled = await call<{ client: { id: string } }>('POST', '/programmes/page-0/clients', { body: clientBody(`c${i % 2}`, { externalId: `MRN-${i}` }) });
        clientId ??= enrolled.body.client.id;
      }
      for (let i = 0; i < 4; i++) assert.equal((await call('POST', '/programmes/page-0/keys', { body: { label: `k${i}` } })).status, 201);
      for (let i = 0; i < 5; i++) assert.equal((await call('POST', `/programmes/page-0/clients/${clientId}/reminders`, { body: { kind: 'checkIn', rule: { kind: 'weekly', time: `1${i}:00` } } })).status, 201);
    });
    after(async function () {
      await service?.stop();
    });

    /** Every item of a list, page by page (`limit` each), and the number of pages it took. */
    async function walk<T>(path: string, limit: number): Promise<{ items: T[]; pages: number }> {
      const items: T[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const separator = path.includes('?') ? '&' : '?';
        const result = await call<Page<T>>('GET', `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.equal(result.status, 200, JSON.stringify(result.body));
        assert.ok(result.body.items.length <= limit);
        items.push(...result.body.items);
        cursor = result.body.nextCursor;
        pages++;
      } while (cursor && pages < 50);
      return { items, pages };
    }

    const lists: Array<[string, number, (item: Record<string, unknown>) => unknown]> = [
      ['/programmes', 5, (p) => p.id],
      ['/programmes/page-0/clinicians', 7, (c) => c.id],
      ['/programmes/page-0/clients', 7, (c) => c.externalId],
      ['/programmes/page-0/clients?clinicianId=c1', 3, (c) => c.externalId],
      ['/programmes/page-0/keys', 4, (k) => k.label],
      ['/programmes/page-0/clients/CLIENT/reminders', 5, (r) => (r.rule as { time: string }).time],
    ];
    for (const [path, total, key] of lists) {
      it(`walks ${path} in pages: every item once, in the order of one page`, async function () {
        const real = path.replace('CLIENT', clientId);
        const whole = await call<Page<Record<string, unknown>>>('GET', real);
        assert.equal(whole.body.items.length, total);
        assert.equal(whole.body.nextCursor, undefined, 'one page holds them all by default');
        const paged = await walk<Record<string, unknown>>(real, 2);
        assert.equal(paged.pages, Math.ceil(total / 2));
        assert.deepEqual(paged.items.map(key), whole.body.items.map(key));
        assert.equal(new Set(paged.items.map(key)).size, total);
      });
    }

    it('refuses a limit out of range and a cursor it did not give out, naming the field', async function () {
      for (const [query, field] of [
        [`limit=${MAX_PAGE_SIZE + 1}`, 'query.limit'],
        ['limit=0', 'query.limit'],
        ['limit=ten', 'query.limit'],
        ['cursor=not-a-cursor', 'query.cursor'],
        [`cursor=${Buffer.from('{"v":1}').toString('base64url')}`, 'query.cursor'],
      ]) {
        const result = await call<Errors>('GET', `/programmes/page-0/clients?${query}`);
        assert.equal(result.status, 400, query);
        assert.deepEqual(result.body.errors.map((e) => e.path), [field], query);
      }
      assert.equal((await call('GET', `/programmes/page-0/clients?limit=${MAX_PAGE_SIZE}`)).status, 200);
    });

    it('documents limit and cursor on every list route of the OpenAPI document', function () {
      const doc = service.router.openApiDocument({ title: 't', version: '1' }) as {
        paths: Record<string, Record<string, { parameters?: Array<{ name: string; schema?: { maximum?: number } }>; responses: Record<string, { content?: { 'application/json': { schema: { properties?: Record<string, unknown> } } } }> }>>;
      };
      let lists = 0;
      for (const [path, operations] of Object.entries(doc.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          const properties = operation.responses['200']?.content?.['application/json'].schema.properties;
          if (!properties?.items) continue;
          lists++;
          const limit = operation.parameters?.find((p) => p.name === 'limit');
          assert.equal(limit?.schema?.maximum, MAX_PAGE_SIZE, `${method} ${path}`);
          assert.ok(operation.parameters?.some((p) => p.name === 'cursor'), `${method} ${path}`);
          assert.ok(properties.nextCursor, `${method} ${path}`);
        }
      }
      assert.ok(lists >= 6, `${lists} list routes`);
    });
  });

  describe('keyset pages over tied sort values', function () {
    const dir = mkdtempSync(join(tmpdir(), 'ipt-paging-'));
    const store = new SqliteDocumentStore({ dataDir: dir });
    after(async function () {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('returns every document once when many share a createdAt, and picks up ones added meanwhile', async function () {
      const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();
      for (let i = 0; i < 9; i++) await store.create(CONTAINERS.alerts, `a${i}`, `a${i}`, { kind: 'safetyAlert', createdAt: at(i < 6 ? 10 : i) });
      const query = { where: [{ field: 'kind', op: '=' as const, value: 'safetyAlert' }], orderBy: { field: 'createdAt', direction: 'desc' as const } };
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await queryPage<{ createdAt: string }>(store, CONTAINERS.alerts, query, { limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.docs.map((d) => d.id));
        cursor = page.nextCursor;
        // Added after the walk began, older than everything seen so far: it still comes, once.
        if (pages++ === 1) await store.create(CONTAINERS.alerts, 'late', 'late', { kind: 'safetyAlert', createdAt: at(1) });
      } while (cursor);
      // Newest first: six tied at 0:10 (in any order), then 0:08, 0:07, 0:06, then the late one at 0:01.
      assert.deepEqual([...seen.slice(0, 6)].sort(), ['a0', 'a1', 'a2', 'a3', 'a4', 'a5']);
      assert.deepEqual(seen.slice(6), ['a8', 'a7', 'a6', 'late']);
    });

    it('tells apart documents with the same id in different partitions (every programme document is "programme")', async function () {
      for (let i = 0; i < 5; i++) await store.create(CONTAINERS.programmes, `p${i}`, 'programme', { type: 'programme', id: `p${i}`, createdAt: '2026-01-01T00:00:00.000Z' });
      const query = { where: [{ field: 'type', op: '=' as const, value: 'programme' }], orderBy: { field: 'createdAt', direction: 'asc' as const } };
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await queryPage<{ id: string }>(store, CONTAINERS.programmes, query, { limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.docs.map((d) => d.body.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual([...seen].sort(), ['p0', 'p1', 'p2', 'p3', 'p4']);
    });
  });
});
