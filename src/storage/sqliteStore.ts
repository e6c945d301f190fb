/**
 * The embedded adapter: one SQLite file in the data folder, one table for every container.
 *
 * Durability: WAL. Every commit survives a crash of the process. Writes to the durable containers (safety
 * alerts) run with `synchronous=FULL`, so they are on disk (WAL fsynced) before the call returns, even
 * through a power cut — and that fsync also hardens every commit before them. Other writes use `NORMAL`:
 * a power cut or OS crash may drop the last few of them, which is what lets the store take thousands of
 * writes a second instead of one per disk flush (measured by `npm run bench`).
 *
 * Deleted data: `secure_delete` zeroes what a delete or an update frees, and `purgeDeleted` folds the
 * write-ahead log into the file and truncates it, so a deleted client's words are not left in free pages
 * or old log frames. The folder is created owner-only (0700) and the files are owner-only (0600).
 *
 * Concurrency: better-sqlite3 is synchronous, so within one process every statement runs to completion
 * before another turn's starts. Across processes (two schedulers on one file) WAL lets readers proceed
 * during a write and `busy_timeout` makes a writer wait for the lock instead of failing. Conditional
 * writes are a single `UPDATE … WHERE etag = ?` (or an IMMEDIATE transaction), hence atomic either way.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Clock, systemClock } from '../clock';
import { ContainerName, DURABLE_CONTAINERS } from './containers';
import { DocumentStore, Query, QueryValue, StoredDocument, WriteOptions } from './documentStore';
import { DataFolderError, StoreConflictError, StorePreconditionFailedError } from './errors';
import { validateQuery } from './query';

export interface SqliteDocumentStoreOptions {
  /** Folder for the database file; created when missing. */
  dataDir: string;
  /** File name inside `dataDir`. */
  fileName?: string;
  /** How long a write waits for another process's lock before failing. */
  busyTimeoutMs?: number;
  /** `ping` fails when the disk holding the data folder has less free space than this (default 8 MiB). */
  minFreeBytes?: number;
  clock?: Clock;
}

export const DEFAULT_SQLITE_FILE_NAME = 'ipt-companion.sqlite';
const SCHEMA_VERSION = 1;
/** A bound on prepared query statements kept, should some caller build queries of ever new shapes. */
const MAX_CACHED_QUERIES = 200;

interface Row {
  pk: string;
  id: string;
  etag: string;
  body: string;
}

function serialise(body: unknown): string {
  const json = JSON.stringify(body);
  if (json === undefined) throw new TypeError('A document body must be JSON-serialisable (got undefined or a function).');
  return json;
}

function toDocument<T>(row: Row): StoredDocument<T> {
  return { id: row.id, partitionKey: row.pk, etag: row.etag, body: JSON.parse(row.body) as T };
}

/** A point read: the document with the JSON text it was parsed from. */
function readDocument<T>(row: Row): StoredDocument<T> {
  return { id: row.id, partitionKey: row.pk, etag: row.etag, body: JSON.parse(row.body) as T, json: row.body };
}

/**
 * The answer to a write. Its body is a copy of what was stored, as from a read, but parsed only when a
 * caller looks at it: most writers (the bot's state on every turn) only want the new eTag.
 */
function writtenDocument<T>(partitionKey: string, id: string, etag: string, json: string): StoredDocument<T> {
  let body: { value: T } | undefined;
  return {
    id,
    partitionKey,
    etag,
    json,
    get body(): T {
      return (body ??= { value: JSON.parse(json) as T }).value;
    },
    set body(value: T) {
      body = { value };
    },
  };
}

function isPrimaryKeyViolation(err: unknown): boolean {
  return err instanceof Database.SqliteError && err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The JSON type test that makes a comparison match only fields of the value's own type (as on Cosmos DB). */
function jsonTypeTest(value: QueryValue): string {
  if (value === null) return "= 'null'";
  switch (typeof value) {
    case 'string':
      return "= 'text'";
    case 'number':
      return "IN ('integer', 'real')";
    default:
      return "IN ('true', 'false')";
  }
}

/** Orders by JSON type first, in Cosmos DB's order: missing, null, booleans, numbers, strings, the rest. */
const TYPE_RANK = (pathParam: string): string =>
  `CASE json_type(body, ${pathParam}) WHEN 'null' THEN 1 WHEN 'false' THEN 2 WHEN 'true' THEN 2 ` +
  `WHEN 'integer' THEN 3 WHEN 'real' THEN 3 WHEN 'text' THEN 4 WHEN 'array' THEN 5 WHEN 'object' THEN 6 ELSE 0 END`;

/**
 * Creates the data folder owner-only (0700), checks that it can be written, and creates the database file
 * owner-only (0600) before SQLite opens it (SQLite gives its log files the database file's mode). Files left
 * by an older version with wider modes are narrowed. An existing folder's own mode is left alone: it may be
 * the working directory.
 */
function prepareDataFolder(dataDir: string, filePath: string): void {
  const code = (error: unknown) => (error as NodeJS.ErrnoException).code ?? 'error';
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new DataFolderError(dataDir, `cannot be created (${code(error)})`);
  }
  const probe = path.join(dataDir, `.write-check-${process.pid}`);
  try {
    fs.closeSync(fs.openSync(probe, 'w', 0o600));
    fs.rmSync(probe, { force: true });
    fs.closeSync(fs.openSync(filePath, 'a', 0o600));
  } catch (error) {
    throw new DataFolderError(dataDir, `is not writable (${code(error)})`);
  }
  for (const file of [filePath, `${filePath}-wal`, `${filePath}-shm`]) {
    try {
      if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    } catch {
      // Not there yet (the log files), or not ours to change: SQLite reports what matters when it opens.
    }
  }
}

export class SqliteDocumentStore implements DocumentStore {
  readonly filePath: string;
  private readonly dataDir: string;
  private readonly minFreeBytes: number;
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly statements: {
    read: Database.Statement<[string, string, string], Row>;
    insert: Database.Statement<[string, string, string, string, string, string]>;
    upsert: Database.Statement<[string, string, string, string, string, string]>;
    replaceIfMatch: Database.Statement<[string, string, string, string, string, string, string]>;
    delete: Database.Statement<[string, string, string]>;
    deleteIfMatch: Database.Statement<[string, string, string, string]>;
    exists: Database.Statement<[string, string, string], { found: number }>;
  };
  private readonly deleteIfMatch: (container: string, pk: string, id: string, etag: string) => boolean;
  /** Query statements by their SQL: the code has a few query shapes (values are parameters), each prepared once. */
  private readonly queries = new Map<string, Database.Statement<Record<string, string | number | null>, Row>>();

  constructor(options: SqliteDocumentStoreOptions) {
    this.filePath = path.join(options.dataDir, options.fileName ?? DEFAULT_SQLITE_FILE_NAME);
    prepareDataFolder(options.dataDir, this.filePath);
    this.dataDir = options.dataDir;
    this.minFreeBytes = options.minFreeBytes ?? 8 * 1024 * 1024;
    this.clock = options.clock ?? systemClock;
    this.db = new Database(this.filePath);
    try {
      // Before anything else: every later delete or update zeroes the space it frees.
      this.db.pragma('secure_delete = ON');
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
      this.migrate();
    } catch (err) {
      this.db.close();
      throw err;
    }

    this.statements = {
      read: this.db.prepare('SELECT pk, id, etag, body FROM documents WHERE container = ? AND pk = ? AND id = ?'),
      insert: this.db.prepare('INSERT INTO documents (container, pk, id, etag, body, updated_at) VALUES (?, ?, ?, ?, ?, ?)'),
      upsert: this.db.prepare(
        'INSERT INTO documents (container, pk, id, etag, body, updated_at) VALUES (?, ?, ?, ?, ?, ?) ' +
          'ON CONFLICT (container, pk, id) DO UPDATE SET etag = excluded.etag, body = excluded.body, updated_at = excluded.updated_at',
      ),
      replaceIfMatch: this.db.prepare(
        'UPDATE documents SET etag = ?, body = ?, updated_at = ? WHERE container = ? AND pk = ? AND id = ? AND etag = ?',
      ),
      delete: this.db.prepare('DELETE FROM documents WHERE container = ? AND pk = ? AND id = ?'),
      deleteIfMatch: this.db.prepare('DELETE FROM documents WHERE container = ? AND pk = ? AND id = ? AND etag = ?'),
      exists: this.db.prepare('SELECT 1 AS found FROM documents WHERE container = ? AND pk = ? AND id = ?'),
    };

    // IMMEDIATE takes the write lock first, so no other process can slip a write between the two statements.
    const deleteIfMatch = this.db.transaction((container: string, pk: string, id: string, etag: string): boolean => {
      if (this.statements.deleteIfMatch.run(container, pk, id, etag).changes === 1) return true;
      if (this.statements.exists.get(container, pk, id)) throw new StorePreconditionFailedError(container, id);
      return false;
    });
    this.deleteIfMatch = (...args) => deleteIfMatch.immediate(...args);
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(
        `${this.filePath} was written by a newer version of IPT Companion (schema ${version}, this one knows ${SCHEMA_VERSION}). Upgrade the service or use another data folder.`,
      );
    }
    if (version === SCHEMA_VERSION) return;
    // The primary key's index serves every query the port can express: one partition (container, pk)
    // or a whole container (container prefix). Body fields are filtered with json_extract on that range.
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS documents (
        container  TEXT NOT NULL,
        pk         TEXT NOT NULL,
        id         TEXT NOT NULL,
        etag       TEXT NOT NULL,
        body       TEXT NOT NULL CHECK (json_valid(body)),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (container, pk, id)
      );
      PRAGMA user_version = ${SCHEMA_VERSION};
    `);
  }

  async read<T>(container: ContainerName, partitionKey: string, id: string): Promise<StoredDocument<T> | undefined> {
    const row = this.statements.read.get(container, partitionKey, id);
    return row ? readDocument<T>(row) : undefined;
  }

  async create<T>(container: ContainerName, partitionKey: string, id: string, body: T): Promise<StoredDocument<T>> {
    const json = serialise(body);
    const etag = randomUUID();
    try {
      this.durably(container, () => this.statements.insert.run(container, partitionKey, id, etag, json, this.now()));
    } catch (err) {
      if (isPrimaryKeyViolation(err)) throw new StoreConflictError(container, id);
      throw err;
    }
    return writtenDocument<T>(partitionKey, id, etag, json);
  }

  async upsert<T>(container: ContainerName, partitionKey: string, id: string, body: T, options: WriteOptions = {}): Promise<StoredDocument<T>> {
    const json = options.json ?? serialise(body);
    const etag = randomUUID();
    const now = this.now();
    const written = this.durably(container, () =>
      options.ifMatch === undefined || options.ifMatch === '*'
        ? this.statements.upsert.run(container, partitionKey, id, etag, json, now).changes
        : this.statements.replaceIfMatch.run(etag, json, now, container, partitionKey, id, options.ifMatch).changes,
    );
    if (written !== 1) throw new StorePreconditionFailedError(container, id);
    return writtenDocument<T>(partitionKey, id, etag, json);
  }

  async delete(container: ContainerName, partitionKey: string, id: string, options: WriteOptions = {}): Promise<boolean> {
    return this.durably(container, () =>
      options.ifMatch === undefined || options.ifMatch === '*'
        ? this.statements.delete.run(container, partitionKey, id).changes === 1
        : this.deleteIfMatch(container, partitionKey, id, options.ifMatch),
    );
  }

  /** Runs a write with a full disk sync when its container is durable (see the top of this file). */
  private durably<R>(container: ContainerName, write: () => R): R {
    if (!DURABLE_CONTAINERS.has(container)) return write();
    this.db.pragma('synchronous = FULL');
    try {
      return write();
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  async query<T>(container: ContainerName, query: Query): Promise<StoredDocument<T>[]> {
    validateQuery(query);
    const params: Record<string, string | number | null> = { container };
    const where = ['container = @container'];
    if (query.partitionKey !== undefined) {
      where.push('pk = @pk');
      params.pk = query.partitionKey;
    }
    (query.where ?? []).forEach((condition, i) => {
      const pathParam = `@path${i}`;
      params[`path${i}`] = `$.${condition.field}`;
      const typeTest = `json_type(body, ${pathParam}) ${jsonTypeTest(condition.value)}`;
      if (condition.value === null) {
        where.push(typeTest);
        return;
      }
      // JSON booleans come out of json_extract as 1 and 0.
      params[`value${i}`] = typeof condition.value === 'boolean' ? Number(condition.value) : condition.value;
      where.push(`(${typeTest} AND json_extract(body, ${pathParam}) ${condition.op} @value${i})`);
    });

    let sql = `SELECT pk, id, etag, body FROM documents WHERE ${where.join(' AND ')}`;
    if (query.orderBy) {
      const direction = query.orderBy.direction === 'desc' ? 'DESC' : 'ASC';
      params.orderPath = `$.${query.orderBy.field}`;
      sql += ` ORDER BY ${TYPE_RANK('@orderPath')} ${direction}, json_extract(body, @orderPath) ${direction}, pk, id`;
    }
    if (query.limit !== undefined) {
      sql += ' LIMIT @limit';
      params.limit = query.limit;
    }
    let statement = this.queries.get(sql);
    if (!statement) {
      statement = this.db.prepare<Record<string, string | number | null>, Row>(sql);
      if (this.queries.size < MAX_CACHED_QUERIES) this.queries.set(sql, statement);
    }
    return statement.all(params).map((row) => toDocument<T>(row));
  }

  /**
   * Reachable, and room left on the disk: a small write can still land in log space SQLite already holds
   * while every larger one fails, so free space is checked too (one statfs call).
   */
  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
    const { bavail, bsize } = fs.statfsSync(this.dataDir);
    const free = bavail * bsize;
    if (free < this.minFreeBytes) throw new Error(`the disk holding the data folder is full (${Math.floor(free / 1024)} KiB free)`);
  }

  /**
   * Copies the log into the database file (whose freed space `secure_delete` zeroed) and truncates the log
   * to nothing, so no old frame still holds what was deleted. Another process reading at that moment keeps
   * the log; the next purge or automatic checkpoint takes care of it.
   */
  async purgeDeleted(): Promise<void> {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
