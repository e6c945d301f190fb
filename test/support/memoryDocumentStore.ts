import { randomUUID } from 'node:crypto';
import { ContainerName } from '../../src/storage/containers';
import { DocumentStore, Query, QueryValue, StoredDocument, WriteOptions } from '../../src/storage/documentStore';
import { StoreConflictError, StorePreconditionFailedError } from '../../src/storage/errors';
import { validateQuery } from '../../src/storage/query';

/**
 * A DocumentStore in memory, a test double for unit tests of other parts (the storage contract suite runs on it too). It keeps
 * the port's semantics that the client records rely on: eTags, conflicts, same-type comparisons.
 */
export class MemoryDocumentStore implements DocumentStore {
  private readonly docs = new Map<string, StoredDocument<unknown>>();

  private key(container: string, pk: string, id: string): string {
    return JSON.stringify([container, pk, id]);
  }

  async read<T>(container: ContainerName, partitionKey: string, id: string): Promise<StoredDocument<T> | undefined> {
    const doc = this.docs.get(this.key(container, partitionKey, id));
    return doc ? (structuredClone(doc) as StoredDocument<T>) : undefined;
  }

  async create<T>(container: ContainerName, partitionKey: string, id: string, body: T): Promise<StoredDocument<T>> {
    if (this.docs.has(this.key(container, partitionKey, id))) throw new StoreConflictError(container, id);
    return this.upsert(container, partitionKey, id, body);
  }

  async upsert<T>(container: ContainerName, partitionKey: string, id: string, body: T, options: WriteOptions = {}): Promise<StoredDocument<T>> {
    const key = this.key(container, partitionKey, id);
    if (options.ifMatch && options.ifMatch !== '*' && this.docs.get(key)?.etag !== options.ifMatch) {
      throw new StorePreconditionFailedError(container, id);
    }
    const doc: StoredDocument<T> = { id, partitionKey, etag: randomUUID(), body: JSON.parse(JSON.stringify(body)) as T };
    this.docs.set(key, doc);
    return structuredClone(doc);
  }

  async delete(container: ContainerName, partitionKey: string, id: string, options: WriteOptions = {}): Promise<boolean> {
    const key = this.key(container, partitionKey, id);
    const doc = this.docs.get(key);
    if (options.ifMatch && options.ifMatch !== '*' && doc && doc.etag !== options.ifMatch) throw new StorePreconditionFailedError(container, id);
    return this.docs.delete(key);
  }

  async query<T>(container: ContainerName, query: Query): Promise<StoredDocument<T>[]> {
    validateQuery(query);
    let found = [...this.docs.entries()]
      .filter(([key, doc]) => (JSON.parse(key) as string[])[0] === container && (query.partitionKey === undefined || doc.partitionKey === query.partitionKey))
      .map(([, doc]) => doc)
      .filter((doc) => (query.where ?? []).every((c) => compare((doc.body as Record<string, unknown>)[c.field], c.op, c.value)));
    if (query.orderBy) {
      const { field, direction } = query.orderBy;
      const sign = direction === 'desc' ? -1 : 1;
      found = found.sort((a, b) => sign * order((a.body as Record<string, unknown>)[field], (b.body as Record<string, unknown>)[field]));
    }
    if (query.limit !== undefined) found = found.slice(0, query.limit);
    return structuredClone(found) as StoredDocument<T>[];
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}

function compare(actual: unknown, op: string, value: QueryValue): boolean {
  if (value === null) return actual === null;
  if (typeof actual !== typeof value) return false;
  const a = actual as string | number | boolean;
  switch (op) {
    case '=':
      return a === value;
    case '!=':
      return a !== value;
    case '<':
      return a < value;
    case '<=':
      return a <= value;
    case '>':
      return a > value;
    default:
      return a >= value;
  }
}

function order(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return (a as string) < (b as string) ? -1 : 1;
}
