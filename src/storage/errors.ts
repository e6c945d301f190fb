/** A create hit an id that already exists (HTTP 409 on Cosmos DB). */
export class StoreConflictError extends Error {
  constructor(container: string, id: string) {
    super(`A document with this id already exists in ${container}: ${id}`);
    this.name = 'StoreConflictError';
  }
}

/** A conditional write found a different eTag, or no document (HTTP 412 on Cosmos DB). */
export class StorePreconditionFailedError extends Error {
  constructor(container: string, id: string) {
    super(`The document in ${container} changed since it was read (stale eTag): ${id}`);
    this.name = 'StorePreconditionFailedError';
  }
}

/** The embedded store's folder cannot be created or written (read-only disk, wrong owner, a file in the way). */
export class DataFolderError extends Error {
  constructor(
    readonly dataDir: string,
    /** What is wrong, e.g. "is not writable (EACCES)". */
    readonly reason: string,
  ) {
    super(`The data folder ${dataDir} ${reason}`);
    this.name = 'DataFolderError';
  }
}
