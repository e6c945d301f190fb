/** A SQLite store in a fresh temp folder, as the service opens it, for tests that need a real store on disk. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocumentStore } from '../../src/storage/createStore';
import { DocumentStore } from '../../src/storage/documentStore';

/** A SQLite store in a fresh temp folder; `reopen` closes and opens it again on the same folder. */
export async function tempStore(): Promise<{ store: DocumentStore; dir: string; reopen(): Promise<DocumentStore>; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ipt-store-'));
  const handle = {
    store: await createDocumentStore({ kind: 'sqlite', dataDir: dir }),
    dir,
    async reopen() {
      await handle.store.close();
      handle.store = await createDocumentStore({ kind: 'sqlite', dataDir: dir });
      return handle.store;
    },
    async dispose() {
      await handle.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}
