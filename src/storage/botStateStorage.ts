/**
 * botbuilder's `Storage` over the storage port, so dialog stacks and user/conversation state live in the
 * same store as everything else (container `botState`).
 *
 * Semantics follow botbuilder-core's storage contract: unknown keys are absent from `read`'s result;
 * every item read carries its `eTag`; a write whose item carries an eTag other than `*` succeeds only if
 * the stored item still has it (an item deleted meanwhile counts as changed); `*` or no eTag overwrites;
 * deleting an unknown key is fine. Items of one call are written in parallel, each on its own. Items are
 * stored as JSON, so (as with botbuilder's MemoryStorage and Cosmos DB storage) a Date reads back as its
 * ISO string.
 */
import { createHash } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { CONTAINERS } from './containers';
import { DocumentStore } from './documentStore';
import { StorePreconditionFailedError } from './errors';

const CONTAINER = CONTAINERS.botState;
/** Cosmos DB caps partition-key values at 2 KB; longer keys (never seen in practice) use a hash. */
const MAX_PARTITION_KEY_BYTES = 1024;

/** Each state key is its own partition: a turn touches a handful of keys, each read and written by point operations. */
export function botStatePartitionKey(key: string): string {
  return Buffer.byteLength(key, 'utf8') <= MAX_PARTITION_KEY_BYTES ? key : `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

/** A write was rejected because the item changed (or was deleted) since it was read. */
export class BotStateConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'BotStateConflictError';
  }
}

export class BotStateStorage implements Storage {
  constructor(private readonly store: DocumentStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const found = await this.readItem(key);
        if (found) items[key] = found.item;
      }),
    );
    return items;
  }

  /**
   * One key's item, with the JSON text of what is stored (without the eTag) when the store has it at hand:
   * `ClientState` compares against it to tell whether a turn changed anything.
   */
  async readItem(key: string): Promise<{ item: Record<string, unknown>; json?: string } | undefined> {
    const doc = await this.store.read<Record<string, unknown>>(CONTAINER, botStatePartitionKey(key), key);
    return doc && { item: { ...doc.body, eTag: doc.etag }, json: doc.json };
  }

  async write(changes: StoreItems): Promise<void> {
    await this.writeReturningEtags(changes);
  }

  /**
   * `write`, answering the new eTag of each key (the items passed in keep theirs, as the contract wants).
   * `json` may give, per key, the item without its eTag as `JSON.stringify` makes it, so it is not made again.
   */
  async writeReturningEtags(changes: StoreItems, json: Record<string, string> = {}): Promise<Record<string, string>> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const etags: Record<string, string> = {};
    await Promise.all(
      Object.entries(changes).map(async ([key, item]) => {
        if (item === null || typeof item !== 'object') {
          throw new TypeError(`Storage: the item for "${key}" must be an object.`);
        }
        const { eTag, ...body } = item as Record<string, unknown>;
        const ifMatch = typeof eTag === 'string' && eTag !== '' && eTag !== '*' ? eTag : undefined;
        try {
          const written = await this.store.upsert(CONTAINER, botStatePartitionKey(key), key, body, { ifMatch, json: json[key] });
          etags[key] = written.etag;
        } catch (err) {
          if (err instanceof StorePreconditionFailedError) throw new BotStateConflictError(key);
          throw err;
        }
      }),
    );
    return etags;
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    await Promise.all(keys.map((key) => this.store.delete(CONTAINER, botStatePartitionKey(key), key)));
  }
}
