/**
 * The storage port. Everything the service keeps goes through this interface, so the embedded SQLite
 * store and Azure Cosmos DB are interchangeable and tests can count round trips at one place.
 *
 * A document lives in a container, inside one partition. Everything about one client shares that
 * client's partition key so a turn's reads and writes stay in one partition.
 */
import { ContainerName } from './containers';

export interface StoredDocument<T> {
  id: string;
  partitionKey: string;
  /** Opaque version tag; changes on every write. Pass it back as `ifMatch` for optimistic concurrency. */
  etag: string;
  body: T;
  /**
   * The body as the JSON text the store holds (`JSON.stringify(body)`), when the store has it at hand (the
   * embedded store, on point reads and writes); lets a caller tell whether it changed without serialising.
   */
  json?: string;
}

export interface WriteOptions {
  /** Write only if the stored document still has this eTag. `*` or absent: last write wins. */
  ifMatch?: string;
  /** `JSON.stringify(body)` when the caller has it already; a store that keeps JSON text then writes it as is. */
  json?: string;
}

/** A scalar a query can compare a top-level body field with. */
export type QueryValue = string | number | boolean | null;

export interface QueryCondition {
  /** A top-level field of the document body (letters, digits and `_` only). */
  field: string;
  op: '=' | '!=' | '<' | '<=' | '>' | '>=';
  value: QueryValue;
}

export interface Query {
  /** Restrict to one partition. Omit for a cross-partition query (use sparingly: it fans out on Cosmos). */
  partitionKey?: string;
  where?: QueryCondition[];
  orderBy?: { field: string; direction?: 'asc' | 'desc' };
  limit?: number;
}

export interface DocumentStore {
  /** The document, or undefined when there is none. */
  read<T>(container: ContainerName, partitionKey: string, id: string): Promise<StoredDocument<T> | undefined>;
  /** Creates a new document; throws `StoreConflictError` when the id already exists in that partition. */
  create<T>(container: ContainerName, partitionKey: string, id: string, body: T): Promise<StoredDocument<T>>;
  /**
   * Creates or replaces. With `ifMatch` (other than `*`) the write succeeds only when the stored document
   * has that eTag; otherwise (stale, or the document is gone) it throws `StorePreconditionFailedError`.
   */
  upsert<T>(container: ContainerName, partitionKey: string, id: string, body: T, options?: WriteOptions): Promise<StoredDocument<T>>;
  /** Deletes; true when something was deleted. With a stale `ifMatch` throws `StorePreconditionFailedError`. */
  delete(container: ContainerName, partitionKey: string, id: string, options?: WriteOptions): Promise<boolean>;
  query<T>(container: ContainerName, query: Query): Promise<StoredDocument<T>[]>;
  /** Resolves when the store is reachable; rejects otherwise. Used by `/readyz`. */
  ping(): Promise<void>;
  /**
   * After a deletion of personal data: makes what was deleted unrecoverable from the store's own files
   * (the embedded store folds its write-ahead log into the database and empties it). Absent where the
   * store keeps no such copies (Cosmos DB).
   */
  purgeDeleted?(): Promise<void>;
  close(): Promise<void>;
}
