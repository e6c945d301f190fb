/**
 * The storage port's contract, run against every adapter (SQLite, the Cosmos DB test server, and a real
 * Cosmos DB account when configured). Each test works in partitions of its own, so one store serves the
 * whole suite; cross-partition queries filter on a per-test `run` field.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CONTAINERS } from '../../src/storage/containers';
import { DocumentStore, Query, QueryCondition } from '../../src/storage/documentStore';
import { StoreConflictError, StorePreconditionFailedError } from '../../src/storage/errors';
import { InvalidQueryError } from '../../src/storage/query';

const { clients, alerts } = CONTAINERS;

/** Ids that must round-trip unchanged and never collide with one another. */
export const AWKWARD_IDS: readonly string[] = [
  'plain',
  '!@#$%^&*()~/\\><,.?\';"`~',
  'a/b',
  'a*2fb', // the escaped form of a/b, as a literal id
  '*hdeadbeef', // looks like a hashed id
  'msteams/conversations/19:abc@thread.v2/users/29:1a2b',
  'with space',
  ' leading and trailing ',
  'tab\tnewline\n',
  '%2F percent',
  'question?hash#back\\slash',
  'ünïcödé 名前 😀',
  'x'.repeat(255),
  'y'.repeat(1000),
  '/'.repeat(100), // escapes to more than 255 characters
];

export function describeDocumentStoreContract(name: string, factory: () => Promise<DocumentStore>): void {
  describe(`DocumentStore contract: ${name}`, function () {
    let store: DocumentStore;
    const newPartition = (): string => `p-${randomUUID()}`;

    before(async function () {
      store = await factory();
    });

    after(async function () {
      await store?.close();
    });

    describe('create, read, upsert, delete', function () {
      it('reads back what it created, with an eTag', async function () {
        const pk = newPartition();
        const created = await store.create(clients, pk, 'profile', { name: 'Ana', sessions: 3, tags: ['a', 'b'] });
        assert.equal(created.id, 'profile');
        assert.equal(created.partitionKey, pk);
        assert.ok(created.etag.length > 0);
        assert.deepEqual(created.body, { name: 'Ana', sessions: 3, tags: ['a', 'b'] });

        const read = await store.read(clients, pk, 'profile');
        assert.deepEqual(read, created);
      });

      it('returns undefined for a document that does not exist', async function () {
        assert.equal(await store.read(clients, newPartition(), 'nothing-here'), undefined);
      });

      it('rejects a create on an existing id and keeps the original', async function () {
        const pk = newPartition();
        await store.create(clients, pk, 'doc', { v: 1 });
        await assert.rejects(store.create(clients, pk, 'doc', { v: 2 }), StoreConflictError);
        assert.deepEqual((await store.read(clients, pk, 'doc'))?.body, { v: 1 });
      });

      it('keeps documents with the same id apart across partitions and containers', async function () {
        const [a, b] = [newPartition(), newPartition()];
        await store.create(clients, a, 'same', { who: 'a' });
        await store.create(clients, b, 'same', { who: 'b' });
        await store.create(alerts, a, 'same', { who: 'alert' });
        assert.equal((await store.read<{ who: string }>(clients, a, 'same'))?.body.who, 'a');
        assert.equal((await store.read<{ who: string }>(clients, b, 'same'))?.body.who, 'b');
        assert.equal((await store.read<{ who: string }>(alerts, a, 'same'))?.body.who, 'alert');
      });

      it('upserts: creates when missing, replaces when present, with a new eTag on every write', async function () {
        const pk = newPartition();
        const first = await store.upsert(clients, pk, 'doc', { v: 1 });
        const second = await store.upsert(clients, pk, 'doc', { v: 2 });
        assert.notEqual(second.etag, first.etag);
        const read = await store.read(clients, pk, 'doc');
        assert.deepEqual(read?.body, { v: 2 });
        assert.equal(read?.etag, second.etag);
      });

      it('accepts a conditional upsert with the current eTag', async function () {
        const pk = newPartition();
        const created = await store.create(clients, pk, 'doc', { v: 1 });
        const updated = await store.upsert(clients, pk, 'doc', { v: 2 }, { ifMatch: created.etag });
        assert.notEqual(updated.etag, created.etag);
        assert.deepEqual((await store.read(clients, pk, 'doc'))?.body, { v: 2 });
      });

      it('rejects an upsert with a stale eTag and keeps the newer document', async function () {
        const pk = newPartition();
        const created = await store.create(clients, pk, 'doc', { v: 1 });
        await store.upsert(clients, pk, 'doc', { v: 2 }, { ifMatch: created.etag });
        await assert.rejects(store.upsert(clients, pk, 'doc', { v: 3 }, { ifMatch: created.etag }), StorePreconditionFailedError);
        assert.deepEqual((await store.read(clients, pk, 'doc'))?.body, { v: 2 });
      });

      it('overwrites whatever is stored when ifMatch is "*"', async function () {
        const pk = newPartition();
        await store.create(clients, pk, 'doc', { v: 1 });
        await store.upsert(clients, pk, 'doc', { v: 2 });
        await store.upsert(clients, pk, 'doc', { v: 3 }, { ifMatch: '*' });
        assert.deepEqual((await store.read(clients, pk, 'doc'))?.body, { v: 3 });
      });

      it('rejects a conditional upsert of a document that is gone, and creates nothing', async function () {
        const pk = newPartition();
        const created = await store.create(clients, pk, 'doc', { v: 1 });
        await store.delete(clients, pk, 'doc');
        await assert.rejects(store.upsert(clients, pk, 'doc', { v: 2 }, { ifMatch: created.etag }), StorePreconditionFailedError);
        await assert.rejects(store.upsert(clients, pk, 'never', { v: 2 }, { ifMatch: created.etag }), StorePreconditionFailedError);
        assert.equal(await store.read(clients, pk, 'doc'), undefined);
        assert.equal(await store.read(clients, pk, 'never'), undefined);
      });

      it('deletes: true when something was deleted, false when there was nothing', async function () {
        const pk = newPartition();
        await store.create(clients, pk, 'doc', { v: 1 });
        assert.equal(await store.delete(clients, pk, 'doc'), true);
        assert.equal(await store.read(clients, pk, 'doc'), undefined);
        assert.equal(await store.delete(clients, pk, 'doc'), false);
      });

      it('rejects a delete with a stale eTag and deletes with the current one', async function () {
        const pk = newPartition();
        const created = await store.create(clients, pk, 'doc', { v: 1 });
        const updated = await store.upsert(clients, pk, 'doc', { v: 2 });
        await assert.rejects(store.delete(clients, pk, 'doc', { ifMatch: created.etag }), StorePreconditionFailedError);
        assert.deepEqual((await store.read(clients, pk, 'doc'))?.body, { v: 2 });
        assert.equal(await store.delete(clients, pk, 'doc', { ifMatch: updated.etag }), true);
        assert.equal(await store.read(clients, pk, 'doc'), undefined);
      });

      it('answers false to a conditional delete of a document that does not exist', async function () {
        const pk = newPartition();
        const created = await store.create(clients, pk, 'doc', { v: 1 });
        await store.delete(clients, pk, 'doc');
        assert.equal(await store.delete(clients, pk, 'doc', { ifMatch: created.etag }), false);
      });
    });

    describe('ids and bodies', function () {
      it('round-trips ids with any characters, each a document of its own', async function () {
        const pk = newPartition();
        for (const [i, id] of AWKWARD_IDS.entries()) await store.create(clients, pk, id, { i });
        for (const [i, id] of AWKWARD_IDS.entries()) {
          const read = await store.read<{ i: number }>(clients, pk, id);
          assert.equal(read?.id, id);
          assert.equal(read?.body.i, i, `id ${JSON.stringify(id)} read back another document`);
        }
        const listed = await store.query<{ i: number }>(clients, { partitionKey: pk, orderBy: { field: 'i' } });
        assert.deepEqual(
          listed.map((d) => d.id),
          AWKWARD_IDS,
        );
        for (const id of AWKWARD_IDS) assert.equal(await store.delete(clients, pk, id), true, `delete ${JSON.stringify(id)}`);
      });

      it('round-trips partition keys with any characters', async function () {
        const pk = `${newPartition()}/!@#$%^&*()~\\?# ü`;
        await store.create(clients, pk, 'doc', { v: 1 });
        assert.deepEqual((await store.read(clients, pk, 'doc'))?.body, { v: 1 });
        assert.equal((await store.query(clients, { partitionKey: pk })).length, 1);
      });

      it('keeps a large nested body intact (about 300 KB)', async function () {
        const pk = newPartition();
        const body = {
          notes: 'ä'.repeat(100_000),
          entries: Array.from({ length: 1000 }, (_, i) => ({ i, mood: i % 10, text: `entry ${i}`, flags: [i % 2 === 0, null] })),
          nested: { a: { b: { c: { d: [1, 2.5, -3e-7, 'x', true, false, null, {}] } } } },
        };
        await store.upsert(clients, pk, 'big', body);
        assert.deepEqual((await store.read(clients, pk, 'big'))?.body, body);
      });

      it('stores bodies as JSON: a Date comes back as its ISO string, undefined fields are dropped', async function () {
        const pk = newPartition();
        const when = new Date('2025-03-04T05:06:07.089Z');
        await store.upsert(clients, pk, 'doc', { when, gone: undefined, kept: 0 });
        assert.deepEqual((await store.read(clients, pk, 'doc'))?.body, { when: '2025-03-04T05:06:07.089Z', kept: 0 });
      });
    });

    describe('queries', function () {
      interface Row {
        run: string;
        n?: number | string;
        s?: string;
        flag?: boolean;
        note?: string | null;
        value?: number;
      }
      let run: string;
      const partitions = ['qa', 'qb', 'qc'].map((p) => `${p}-${randomUUID()}`);

      before(async function () {
        run = randomUUID();
        const rows: [string, string, Omit<Row, 'run'>][] = [
          [partitions[0], 'a1', { n: 1, s: 'apple', flag: true, note: null, value: 10 }],
          [partitions[0], 'a2', { n: 5, s: 'banana', flag: false, note: 'x', value: 20 }],
          [partitions[1], 'b1', { n: 3, s: 'cherry', flag: true, value: 30 }],
          [partitions[1], 'b2', { n: '3', s: 'date', value: 40 }], // a string, never equal to the number 3
          [partitions[2], 'c1', { n: 4.5, s: 'elder', flag: false, value: 50 }],
          [partitions[2], 'c2', { s: 'fig', value: 60 }], // no n at all
        ];
        for (const [pk, id, body] of rows) await store.create(clients, pk, id, { run, ...body });
        // Another run in the same partitions, which no query below may return.
        await store.create(clients, partitions[0], 'other-run', { run: randomUUID(), n: 1, s: 'apple', value: 10 });
      });

      const ids = async (query: Query): Promise<string[]> =>
        (await store.query<Row>(clients, { ...query, where: [{ field: 'run', op: '=', value: run }, ...(query.where ?? [])] })).map(
          (d) => d.id,
        );
      const sorted = async (query: Query): Promise<string[]> => (await ids(query)).sort();

      it('returns only the given partition', async function () {
        const docs = await store.query<Row>(clients, { partitionKey: partitions[1] });
        assert.deepEqual(docs.map((d) => d.id).sort(), ['b1', 'b2']);
        assert.ok(docs.every((d) => d.partitionKey === partitions[1] && d.etag.length > 0 && d.body.run === run));
      });

      it('queries across partitions when no partition is given', async function () {
        assert.deepEqual(await sorted({}), ['a1', 'a2', 'b1', 'b2', 'c1', 'c2']);
      });

      it('combines a partition with conditions', async function () {
        assert.deepEqual(await sorted({ partitionKey: partitions[0], where: [{ field: 'flag', op: '=', value: true }] }), ['a1']);
      });

      const cases: [string, QueryCondition, string[]][] = [
        ['= number', { field: 'n', op: '=', value: 3 }, ['b1']],
        ['= string', { field: 'n', op: '=', value: '3' }, ['b2']],
        ['!= number (only other numbers)', { field: 'n', op: '!=', value: 3 }, ['a1', 'a2', 'c1']],
        ['< number', { field: 'n', op: '<', value: 3 }, ['a1']],
        ['<= number', { field: 'n', op: '<=', value: 3 }, ['a1', 'b1']],
        ['> number', { field: 'n', op: '>', value: 3 }, ['a2', 'c1']],
        ['>= number', { field: 'n', op: '>=', value: 4.5 }, ['a2', 'c1']],
        ['= string field', { field: 's', op: '=', value: 'cherry' }, ['b1']],
        ['> string field', { field: 's', op: '>', value: 'date' }, ['c1', 'c2']],
        ['<= string field', { field: 's', op: '<=', value: 'banana' }, ['a1', 'a2']],
        ['= true', { field: 'flag', op: '=', value: true }, ['a1', 'b1']],
        ['= false', { field: 'flag', op: '=', value: false }, ['a2', 'c1']],
        ['!= true (only booleans)', { field: 'flag', op: '!=', value: true }, ['a2', 'c1']],
        ['= null (not missing)', { field: 'note', op: '=', value: null }, ['a1']],
        ['a field named like a keyword', { field: 'value', op: '>=', value: 40 }, ['b2', 'c1', 'c2']],
        ['a field nobody has', { field: 'absent', op: '=', value: 1 }, []],
      ];
      for (const [label, condition, expected] of cases) {
        it(`filters with ${label}`, async function () {
          assert.deepEqual(await sorted({ where: [condition] }), expected);
        });
      }

      it('combines conditions with AND', async function () {
        const where: QueryCondition[] = [
          { field: 'value', op: '>', value: 10 },
          { field: 'value', op: '<', value: 60 },
          { field: 'flag', op: '=', value: false },
        ];
        assert.deepEqual(await sorted({ where }), ['a2', 'c1']);
      });

      it('orders ascending by default and descending on request', async function () {
        assert.deepEqual(await ids({ orderBy: { field: 'value' } }), ['a1', 'a2', 'b1', 'b2', 'c1', 'c2']);
        assert.deepEqual(await ids({ orderBy: { field: 's', direction: 'desc' } }), ['c2', 'c1', 'b2', 'b1', 'a2', 'a1']);
      });

      it('limits the result, after ordering', async function () {
        assert.deepEqual(await ids({ orderBy: { field: 'value', direction: 'desc' }, limit: 2 }), ['c2', 'c1']);
        assert.deepEqual(await ids({ partitionKey: partitions[1], orderBy: { field: 's' }, limit: 1 }), ['b1']);
        assert.equal((await ids({ limit: 4 })).length, 4);
      });

      it('returns an empty list when nothing matches', async function () {
        assert.deepEqual(await store.query(clients, { partitionKey: newPartition() }), []);
      });

      const invalid: [string, Query][] = [
        ['a field with a dot', { where: [{ field: 'a.b', op: '=', value: 1 }] }],
        ['a field with a quote', { where: [{ field: "n') OR 1=1 --", op: '=', value: 1 }] }],
        ['a field with a bracket', { where: [{ field: 'n"]', op: '=', value: 1 }] }],
        ['a field starting with a digit', { where: [{ field: '1n', op: '=', value: 1 }] }],
        ['an empty field', { where: [{ field: '', op: '=', value: 1 }] }],
        ['a bad orderBy field', { orderBy: { field: 'n desc; DROP TABLE documents' } }],
        ['a bad direction', { orderBy: { field: 'n', direction: 'sideways' as 'asc' } }],
        ['an unknown operator', { where: [{ field: 'n', op: 'LIKE' as '=', value: 'a%' }] }],
        ['an object value', { where: [{ field: 'n', op: '=', value: {} as unknown as string }] }],
        ['a non-finite number', { where: [{ field: 'n', op: '<', value: Infinity }] }],
        ['null with !=', { where: [{ field: 'note', op: '!=', value: null }] }],
        ['a zero limit', { limit: 0 }],
        ['a fractional limit', { limit: 1.5 }],
      ];
      for (const [label, query] of invalid) {
        it(`rejects ${label} with a message`, async function () {
          await assert.rejects(store.query(clients, query), (err: unknown) => {
            assert.ok(err instanceof InvalidQueryError);
            assert.match(err.message, /use|only/);
            return true;
          });
        });
      }
    });

    it('pings', async function () {
      await store.ping();
    });

    it('lets exactly one of 20 concurrent conditional writes with the same eTag win', async function () {
      const pk = newPartition();
      const created = await store.create(alerts, pk, 'alert', { status: 'open', claimedBy: null });
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => store.upsert(alerts, pk, 'alert', { status: 'claimed', claimedBy: `clinician-${i}` }, { ifMatch: created.etag })),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.equal(won.length, 1);
      assert.equal(lost.length, 19);
      assert.ok(lost.every((r) => r.reason instanceof StorePreconditionFailedError));
      const winner = (won[0] as PromiseFulfilledResult<{ body: { claimedBy: string } }>).value.body.claimedBy;
      assert.equal((await store.read<{ claimedBy: string }>(alerts, pk, 'alert'))?.body.claimedBy, winner);
    });
  });
}
