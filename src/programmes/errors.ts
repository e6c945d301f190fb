/** Something the caller named does not exist (or belongs to another programme): HTTP 404. */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The request clashes with what is stored (a duplicate id, a reference still in use): HTTP 409, at `path` when one field is the cause. */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** A well-formed request that names something unusable (an unknown clinician): HTTP 400 at `path`. */
export class InvalidReferenceError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidReferenceError';
  }
}
