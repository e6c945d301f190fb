/**
 * Pages for every list of the programme API: `?limit=` (at most MAX_PAGE_SIZE) and an opaque `?cursor=`
 * from the previous page's `nextCursor`. A page is one store query of at most a page and a little more,
 * so no list request reads or returns a whole programme.
 *
 * Keyset paging over one sort field: the cursor holds the last value returned and the ids of the documents
 * that had it (sort values can tie: two alerts in the same millisecond), and the next page asks for that
 * value onward, leaving out those ids. Nothing is skipped or repeated when documents are added meanwhile.
 */
import { z } from 'zod';
import { ContainerName } from '../storage/containers';
import { DocumentStore, QueryCondition, QueryValue, StoredDocument } from '../storage/documentStore';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** A cursor holds at most this many tied ids; more documents sharing one sort value than this end the list early. */
const MAX_CURSOR_IDS = 1000;

export const pageQueryFields = {
  limit: z.coerce
    .number({ message: `must be a number from 1 to ${MAX_PAGE_SIZE}` })
    .int(`must be a whole number from 1 to ${MAX_PAGE_SIZE}`)
    .min(1, `must be from 1 to ${MAX_PAGE_SIZE}`)
    .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)
    .default(DEFAULT_PAGE_SIZE)
    .describe(`Most items in this page (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).`),
  cursor: z
    .string()
    .max(64_000)
    .optional()
    .describe('Where to go on: the `nextCursor` of the previous page, as it was given (opaque).'),
};
export const pageQuerySchema = z.object(pageQueryFields).strict();
export type PageRequest = z.infer<typeof pageQuerySchema>;

/** The answer of a list route: one page of items and, when there are more, where to go on. */
export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z.string().optional().describe('Present when there are more items: pass it as `cursor` to get the next page.'),
    })
    .strict();
}

interface Cursor {
  /** The sort value of the last item returned. */
  v: QueryValue;
  /** The keys (partition and id: ids repeat across partitions) of the items returned so far that have that value. */
  ids: string[];
}

const cursorSchema = z.object({ v: z.union([z.string(), z.number(), z.boolean(), z.null()]), ids: z.array(z.string()).max(MAX_CURSOR_IDS) }).strict();

/** Thrown for a cursor this API did not give out (or one altered since): the route answers 400 on `query.cursor`. */
export class InvalidCursorError extends Error {
  constructor() {
    super('is not a cursor this API gave out: pass the previous page\'s nextCursor as it was, or leave it out to start again');
    this.name = 'InvalidCursorError';
  }
}

function decodeCursor(cursor: string): Cursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidCursorError();
  }
}

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

export interface PageQuery {
  partitionKey?: string;
  where: QueryCondition[];
  orderBy: { field: string; direction: 'asc' | 'desc' };
}

/** One page of the documents the query matches, in its order. */
export async function queryPage<T>(store: DocumentStore, container: ContainerName, query: PageQuery, page: PageRequest): Promise<{ docs: StoredDocument<T>[]; nextCursor?: string }> {
  const cursor = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  const { field, direction } = query.orderBy;
  const sortValue = (doc: StoredDocument<T>) => (doc.body as Record<string, QueryValue>)[field] ?? null;
  const key = (doc: StoredDocument<T>) => JSON.stringify([doc.partitionKey, doc.id]);
  const seen = new Set(cursor?.ids ?? []);
  const fetched = await store.query<T>(container, {
    ...(query.partitionKey !== undefined ? { partitionKey: query.partitionKey } : {}),
    where: [...query.where, ...(cursor ? [{ field, op: direction === 'desc' ? ('<=' as const) : ('>=' as const), value: cursor.v }] : [])],
    orderBy: query.orderBy,
    limit: page.limit + seen.size + 1,
  });
  const fresh = fetched.filter((doc) => !(cursor && seen.has(key(doc)) && sortValue(doc) === cursor.v));
  const docs = fresh.slice(0, page.limit);
  if (fresh.length <= page.limit || docs.length === 0) return { docs };
  const last = sortValue(docs[docs.length - 1]);
  const tied = docs.filter((doc) => sortValue(doc) === last).map(key);
  const ids = cursor && cursor.v === last ? [...cursor.ids, ...tied] : tied;
  if (ids.length > MAX_CURSOR_IDS) return { docs };
  return { docs, nextCursor: encodeCursor({ v: last, ids }) };
}
