/**
 * The Azure Cosmos DB (NoSQL API) adapter. Each container in CONTAINERS is a Cosmos container partitioned
 * on `/pk`; a document is stored as `{ id: <cosmos-safe id>, pk, key: <original id>, body }`.
 *
 * Ids: Cosmos DB forbids `/ \ ? #` in ids and limits their length, while our ids (botbuilder state keys
 * above all) may contain anything. `toCosmosId` escapes a few characters reversibly and falls back to a
 * sha256 of the original id when the result is too long; the original always travels in `key`.
 */
import { createHash } from 'node:crypto';
import type { Agent } from 'node:http';
import {
  ConnectionPolicy,
  Container,
  CosmosClient,
  CosmosClientOptions,
  Database,
  ItemResponse,
  RequestOptions,
  SqlParameter,
} from '@azure/cosmos';
import { Logger } from '../logger';
import { CONTAINER_NAMES, ContainerName, PARTITION_KEY_PATH } from './containers';
import { DocumentStore, Query, QueryValue, StoredDocument, WriteOptions } from './documentStore';
import { StoreConflictError, StorePreconditionFailedError } from './errors';
import { validateQuery } from './query';

export type CosmosTokenCredential = NonNullable<CosmosClientOptions['aadCredentials']>;

export interface CosmosDocumentStoreOptions {
  endpoint: string;
  /** Account key. Give either this or `credential`. */
  key?: string;
  /** Entra ID credential (production: `DefaultAzureCredential`). */
  credential?: CosmosTokenCredential;
  databaseId: string;
  /** HTTP(S) agent for this client only (tests trust their self-signed server through it). */
  agent?: Agent;
  /** Merged over the defaults below (throttling retries). */
  connectionPolicy?: ConnectionPolicy;
  logger?: Logger;
}

/** The stored shape. `key` is the id the caller used; `id` is its Cosmos-safe form. */
interface CosmosItem<T> {
  id: string;
  pk: string;
  key: string;
  body: T;
  _etag?: string;
}

/**
 * 429s are retried by the SDK, honouring the server's retry-after. A turn should not hang for the SDK's
 * default 30 s, so the total wait is capped at 10 s; then the error surfaces and the turn fails visibly.
 */
const DEFAULT_RETRY_OPTIONS = { maxRetryAttemptCount: 9, maxWaitTimeInSeconds: 10 };

const MAX_ID_BYTES = 255;
/** Characters Cosmos DB rejects or mangles in ids, plus `*` (our escape character) and ASCII whitespace/control. */
// eslint-disable-next-line no-control-regex
const ID_ESCAPES = /[/\\?#*%\u0000-\u0020\u007f]/g;
const HASHED_ID_PREFIX = '*h';
/** With the `u` flag this matches only unpaired surrogates, which cannot travel in a URL. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * The id under which `id` is stored on Cosmos DB. Deterministic, and distinct ids never share a result:
 * escaping is reversible (`*` + two hex digits, and `*` itself is escaped), and a hashed id (used when the
 * escaped id is empty, longer than 255 bytes, or holds an unpaired surrogate) starts with `*h`, which no
 * escaped id can contain because `h` is not a hex digit.
 */
export function toCosmosId(id: string): string {
  const escaped = id.replace(ID_ESCAPES, (ch) => `*${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
  if (escaped.length > 0 && Buffer.byteLength(escaped, 'utf8') <= MAX_ID_BYTES && !LONE_SURROGATE.test(id)) return escaped;
  // UTF-16 bytes keep the hash input injective even for unpaired surrogates.
  return HASHED_ID_PREFIX + createHash('sha256').update(Buffer.from(id, 'utf16le')).digest('hex');
}

function statusOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'number') return code;
  // Some SDK paths report the HTTP status as a string.
  return typeof code === 'string' && /^\d{3}$/.test(code) ? Number(code) : undefined;
}

function ifMatchOptions(options: WriteOptions): RequestOptions | undefined {
  return options.ifMatch === undefined || options.ifMatch === '*'
    ? undefined
    : { accessCondition: { type: 'IfMatch', condition: options.ifMatch } };
}

/** Cosmos DB's own type test, so a comparison matches only fields of the value's type on both adapters. */
function typeCheck(value: QueryValue): string {
  if (value === null) return 'IS_NULL';
  switch (typeof value) {
    case 'string':
      return 'IS_STRING';
    case 'number':
      return 'IS_NUMBER';
    default:
      return 'IS_BOOL';
  }
}

/** Bracket notation keeps field names such as `value` or `order` clear of Cosmos SQL keywords. */
const bodyField = (field: string): string => `c.body["${field}"]`;

export class CosmosDocumentStore implements DocumentStore {
  private readonly client: CosmosClient;
  private readonly database: Database;
  private readonly databaseId: string;
  private readonly logger?: Logger;
  private closed = false;

  constructor(options: CosmosDocumentStoreOptions) {
    if (!options.key && !options.credential) {
      throw new Error('The Cosmos DB store needs either an account key or an Entra ID credential.');
    }
    this.databaseId = options.databaseId;
    this.logger = options.logger;
    this.client = new CosmosClient({
      endpoint: options.endpoint,
      ...(options.credential ? { aadCredentials: options.credential } : { key: options.key }),
      agent: options.agent,
      userAgentSuffix: 'ipt-companion',
      connectionPolicy: {
        ...options.connectionPolicy,
        retryOptions: { ...DEFAULT_RETRY_OPTIONS, ...options.connectionPolicy?.retryOptions },
      },
    });
    this.database = this.client.database(this.databaseId);
  }

  /**
   * Creates the database and every container when missing. An identity with data-plane rights only
   * (the usual managed-identity setup) gets 403 on creation; then the resources must already exist, and
   * the error names each one that does not.
   */
  async init(): Promise<void> {
    try {
      await this.client.databases.createIfNotExists({ id: this.databaseId });
    } catch (err) {
      if (statusOf(err) !== 403) throw err;
      if (!(await this.exists(() => this.database.read()))) {
        throw new Error(
          `Cosmos DB database "${this.databaseId}" does not exist, and this identity is not allowed to create it (403). ` +
            `Create it (and containers ${CONTAINER_NAMES.join(', ')} with partition key ${PARTITION_KEY_PATH}) with the deployment template, or use an account key.`,
        );
      }
    }

    const missing: string[] = [];
    for (const name of CONTAINER_NAMES) {
      try {
        const { resource } = await this.database.containers.createIfNotExists({ id: name, partitionKey: { paths: [PARTITION_KEY_PATH] } });
        const paths = resource?.partitionKey?.paths;
        if (paths && paths[0] !== PARTITION_KEY_PATH) {
          throw new Error(
            `Cosmos DB container "${name}" in "${this.databaseId}" is partitioned on ${paths.join(', ')}, but IPT Companion needs ${PARTITION_KEY_PATH}. Recreate it with partition key ${PARTITION_KEY_PATH}.`,
          );
        }
      } catch (err) {
        if (statusOf(err) !== 403) throw err;
        if (!(await this.exists(() => this.database.container(name).read()))) missing.push(name);
      }
    }
    if (missing.length > 0) {
      throw new Error(
        `Cosmos DB database "${this.databaseId}" lacks container(s) ${missing.join(', ')}, and this identity is not allowed to create them (403). ` +
          `Create them with partition key ${PARTITION_KEY_PATH} (the deployment template does), or use an account key.`,
      );
    }
    this.logger?.info({ databaseId: this.databaseId, containers: CONTAINER_NAMES }, 'Cosmos DB store ready');
  }

  private async exists(read: () => Promise<unknown>): Promise<boolean> {
    try {
      await read();
      return true;
    } catch (err) {
      if (statusOf(err) === 404) return false;
      throw err;
    }
  }

  private container(name: ContainerName): Container {
    return this.database.container(name);
  }

  async read<T>(container: ContainerName, partitionKey: string, id: string): Promise<StoredDocument<T> | undefined> {
    try {
      const { resource } = await this.container(container).item(toCosmosId(id), partitionKey).read<CosmosItem<T>>();
      return resource ? this.toDocument(resource) : undefined;
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async create<T>(container: ContainerName, partitionKey: string, id: string, body: T): Promise<StoredDocument<T>> {
    try {
      const response = await this.container(container).items.create<CosmosItem<T>>(this.toItem(partitionKey, id, body));
      return this.fromResponse(response);
    } catch (err) {
      if (statusOf(err) === 409) throw new StoreConflictError(container, id);
      throw err;
    }
  }

  async upsert<T>(container: ContainerName, partitionKey: string, id: string, body: T, options: WriteOptions = {}): Promise<StoredDocument<T>> {
    const item = this.toItem(partitionKey, id, body);
    const condition = ifMatchOptions(options);
    if (!condition) return this.fromResponse(await this.container(container).items.upsert<CosmosItem<T>>(item));
    try {
      // A conditional write replaces: the document must exist and still carry the eTag.
      return this.fromResponse(await this.container(container).item(item.id, partitionKey).replace<CosmosItem<T>>(item, condition));
    } catch (err) {
      const status = statusOf(err);
      if (status === 412 || status === 404) throw new StorePreconditionFailedError(container, id);
      throw err;
    }
  }

  async delete(container: ContainerName, partitionKey: string, id: string, options: WriteOptions = {}): Promise<boolean> {
    try {
      await this.container(container).item(toCosmosId(id), partitionKey).delete(ifMatchOptions(options));
      return true;
    } catch (err) {
      const status = statusOf(err);
      if (status === 404) return false;
      if (status === 412) throw new StorePreconditionFailedError(container, id);
      throw err;
    }
  }

  async query<T>(container: ContainerName, query: Query): Promise<StoredDocument<T>[]> {
    validateQuery(query);
    const parameters: SqlParameter[] = [];
    const where: string[] = [];
    if (query.partitionKey !== undefined) {
      // The partitionKey option alone routes the query on real Cosmos DB; the condition makes it exact everywhere.
      where.push('c.pk = @pk');
      parameters.push({ name: '@pk', value: query.partitionKey });
    }
    (query.where ?? []).forEach((condition, i) => {
      const field = bodyField(condition.field);
      if (condition.value === null) {
        where.push(`IS_NULL(${field})`);
        return;
      }
      parameters.push({ name: `@v${i}`, value: condition.value });
      where.push(`(${typeCheck(condition.value)}(${field}) AND ${field} ${condition.op} @v${i})`);
    });

    // limit is a validated whole number, so it can be inlined (TOP with a parameter is not supported everywhere).
    let sql = `SELECT${query.limit !== undefined ? ` TOP ${query.limit}` : ''} * FROM c`;
    if (where.length > 0) sql += ` WHERE ${where.join(' AND ')}`;
    if (query.orderBy) sql += ` ORDER BY ${bodyField(query.orderBy.field)} ${query.orderBy.direction === 'desc' ? 'DESC' : 'ASC'}`;

    const { resources } = await this.container(container)
      .items.query<CosmosItem<T>>({ query: sql, parameters }, query.partitionKey !== undefined ? { partitionKey: query.partitionKey } : {})
      .fetchAll();
    return resources.map((item) => this.toDocument(item));
  }

  async ping(): Promise<void> {
    await this.database.read();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.client.dispose();
  }

  private toItem<T>(partitionKey: string, id: string, body: T): CosmosItem<T> {
    if (body === undefined) throw new TypeError('A document body must be JSON-serialisable (got undefined).');
    return { id: toCosmosId(id), pk: partitionKey, key: id, body };
  }

  private fromResponse<T>(response: ItemResponse<CosmosItem<T>>): StoredDocument<T> {
    if (!response.resource) throw new Error(`Cosmos DB answered ${response.statusCode} without the written document.`);
    return this.toDocument(response.resource);
  }

  private toDocument<T>(item: CosmosItem<T>): StoredDocument<T> {
    if (item._etag === undefined) throw new Error(`Cosmos DB returned document ${item.key} without an eTag.`);
    return { id: item.key, partitionKey: item.pk, etag: item._etag, body: item.body };
  }
}

export interface CosmosStoreConfig {
  endpoint: string;
  key?: string;
  databaseId: string;
  /** Use Entra ID (`DefaultAzureCredential`) instead of the account key. Implied when there is no key. */
  useManagedIdentity?: boolean;
  /** Client id of a user-assigned managed identity, when the service has several. */
  managedIdentityClientId?: string;
  /** Network settings for the client (a proxy agent, or a test server's agent and policy). */
  agent?: Agent;
  connectionPolicy?: ConnectionPolicy;
  logger?: Logger;
}

/** Builds the production store from configuration and makes sure its database and containers exist. */
export async function createCosmosStoreFromConfig(config: CosmosStoreConfig): Promise<CosmosDocumentStore> {
  let credential: CosmosTokenCredential | undefined;
  if (config.useManagedIdentity || !config.key) {
    // Loaded only here: @azure/identity is large and unused with an account key or SQLite.
    const { DefaultAzureCredential } = await import('@azure/identity');
    credential = new DefaultAzureCredential(
      config.managedIdentityClientId ? { managedIdentityClientId: config.managedIdentityClientId } : undefined,
    );
  }
  const store = new CosmosDocumentStore({
    endpoint: config.endpoint,
    databaseId: config.databaseId,
    ...(credential ? { credential } : { key: config.key }),
    agent: config.agent,
    connectionPolicy: config.connectionPolicy,
    logger: config.logger,
  });
  try {
    await store.init();
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
