/**
 * Chooses the storage adapter from configuration: embedded SQLite unless a Cosmos DB endpoint is configured.
 */
import type { Agent } from 'node:http';
import type { ConnectionPolicy } from '@azure/cosmos';
import { Clock } from '../clock';
import { Logger } from '../logger';
import { DocumentStore } from './documentStore';
import { SqliteDocumentStore } from './sqliteStore';

export type StoreOptions =
  | {
      kind: 'sqlite';
      /** Folder for the database file; created when missing. */
      dataDir: string;
    }
  | {
      kind: 'cosmos';
      endpoint: string;
      /** Account key; without it (or with `useManagedIdentity`) the store signs in with Entra ID. */
      key?: string;
      databaseId: string;
      useManagedIdentity?: boolean;
      /** Client id of a user-assigned managed identity, when the service has several. */
      managedIdentityClientId?: string;
    };

export interface StoreDependencies {
  logger?: Logger;
  /** Stamps `updated_at` on SQLite rows. */
  clock?: Clock;
  /** Network settings for the Cosmos DB client: a proxy agent, or a test server's agent and policy. */
  cosmosNetwork?: { agent?: Agent; connectionPolicy?: ConnectionPolicy };
}

/** The store, ready to use (on Cosmos DB: database and containers exist). Close it on shutdown. */
export async function createDocumentStore(options: StoreOptions, deps: StoreDependencies = {}): Promise<DocumentStore> {
  switch (options.kind) {
    case 'sqlite': {
      const store = new SqliteDocumentStore({ dataDir: options.dataDir, clock: deps.clock });
      deps.logger?.info({ storage: 'sqlite', file: store.filePath }, 'Using the embedded SQLite store');
      return store;
    }
    case 'cosmos': {
      // Loaded only when configured: @azure/cosmos adds about half a second to a SQLite start. require, not
      // import(): a dynamic import() goes to Node's ESM loader, which tsx's require hook (tests) does not serve.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { createCosmosStoreFromConfig } = require('./cosmosStore') as typeof import('./cosmosStore');
      const store = await createCosmosStoreFromConfig({ ...options, ...deps.cosmosNetwork, logger: deps.logger });
      deps.logger?.info(
        { storage: 'cosmos', databaseId: options.databaseId, auth: options.useManagedIdentity || !options.key ? 'entra-id' : 'key' },
        'Using Azure Cosmos DB',
      );
      return store;
    }
    default: {
      const unknown: never = options;
      throw new Error(`Unknown storage kind ${JSON.stringify((unknown as { kind?: unknown }).kind)}: use "sqlite" or "cosmos".`);
    }
  }
}
