/**
 * A decorator over the storage port that counts every call, per operation and per container. Each port call
 * is one round trip to the store (one SQLite statement, one Cosmos DB request; a query counts once here even
 * when Cosmos pages it), so this is where "a turn reads its state once and writes it once" can be measured.
 * Used by `npm run bench`; it changes nothing about the calls it forwards.
 */
import { ContainerName } from './containers';
import { DocumentStore, Query, StoredDocument, WriteOptions } from './documentStore';

export const COUNTED_OPERATIONS = ['read', 'create', 'upsert', 'delete', 'query'] as const;
export type CountedOperation = (typeof COUNTED_OPERATIONS)[number];

/**
 * Calls per operation. `reads` = read + query; `writes` = create + upsert + delete (failed calls included).
 * `elapsedMs`: wall time from each call to its answer, summed (on SQLite the calls block the thread, so
 * this is time the process could do nothing else; on Cosmos DB calls overlap, so it is waiting time).
 */
export interface StoreCounts {
  read: number;
  create: number;
  upsert: number;
  delete: number;
  query: number;
  reads: number;
  writes: number;
  elapsedMs: number;
}

export function emptyCounts(): StoreCounts {
  return { read: 0, create: 0, upsert: 0, delete: 0, query: 0, reads: 0, writes: 0, elapsedMs: 0 };
}

/** `after - before`, operation by operation. */
export function diffCounts(after: StoreCounts, before: StoreCounts): StoreCounts {
  const diff = emptyCounts();
  for (const key of Object.keys(diff) as Array<keyof StoreCounts>) diff[key] = after[key] - before[key];
  return diff;
}

export class CountingDocumentStore implements DocumentStore {
  private totals = emptyCounts();
  private perContainer = new Map<ContainerName, StoreCounts>();

  constructor(readonly inner: DocumentStore) {}

  /** A copy of the totals so far. */
  counts(): StoreCounts {
    return { ...this.totals };
  }

  /** A copy of the counts so far for each container that was touched. */
  countsByContainer(): Partial<Record<ContainerName, StoreCounts>> {
    return Object.fromEntries([...this.perContainer].map(([container, counts]) => [container, { ...counts }]));
  }

  reset(): void {
    this.totals = emptyCounts();
    this.perContainer.clear();
  }

  private async count<R>(container: ContainerName, operation: CountedOperation, call: () => Promise<R>): Promise<R> {
    let forContainer = this.perContainer.get(container);
    if (!forContainer) this.perContainer.set(container, (forContainer = emptyCounts()));
    const kind = operation === 'read' || operation === 'query' ? 'reads' : 'writes';
    for (const counts of [this.totals, forContainer]) {
      counts[operation]++;
      counts[kind]++;
    }
    const started = performance.now();
    try {
      return await call();
    } finally {
      const elapsed = performance.now() - started;
      this.totals.elapsedMs += elapsed;
      forContainer.elapsedMs += elapsed;
    }
  }

  read<T>(container: ContainerName, partitionKey: string, id: string): Promise<StoredDocument<T> | undefined> {
    return this.count(container, 'read', () => this.inner.read<T>(container, partitionKey, id));
  }

  create<T>(container: ContainerName, partitionKey: string, id: string, body: T): Promise<StoredDocument<T>> {
    return this.count(container, 'create', () => this.inner.create<T>(container, partitionKey, id, body));
  }

  upsert<T>(container: ContainerName, partitionKey: string, id: string, body: T, options?: WriteOptions): Promise<StoredDocument<T>> {
    return this.count(container, 'upsert', () => this.inner.upsert<T>(container, partitionKey, id, body, options));
  }

  delete(container: ContainerName, partitionKey: string, id: string, options?: WriteOptions): Promise<boolean> {
    return this.count(container, 'delete', () => this.inner.delete(container, partitionKey, id, options));
  }

  query<T>(container: ContainerName, query: Query): Promise<StoredDocument<T>[]> {
    return this.count(container, 'query', () => this.inner.query<T>(container, query));
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  async purgeDeleted(): Promise<void> {
    await this.inner.purgeDeleted?.();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
