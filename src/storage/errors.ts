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
