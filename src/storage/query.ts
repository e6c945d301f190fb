/**
 * Validation shared by both adapters' query translators. Field names end up inside SQL text (a JSON path on
 * SQLite, a property accessor on Cosmos DB), so they are checked against a strict pattern; values are always
 * bound as parameters.
 *
 * Comparison semantics are Cosmos DB's on both adapters: a condition only matches a field of the same JSON
 * type as the value (a number never equals a string, a missing field matches nothing), and `null` can only
 * be tested with `=`.
 */
import { Query, QueryCondition } from './documentStore';

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const OPERATORS: ReadonlySet<QueryCondition['op']> = new Set(['=', '!=', '<', '<=', '>', '>=']);

/** Thrown for a query the stores will not run: a bad field name, operator, value or limit. */
export class InvalidQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidQueryError';
  }
}

export function assertFieldName(field: unknown): asserts field is string {
  if (typeof field !== 'string' || !FIELD_NAME.test(field)) {
    throw new InvalidQueryError(
      `Query field ${JSON.stringify(field)} is not allowed: use a top-level body field made of letters, digits and "_" (not starting with a digit).`,
    );
  }
}

function assertCondition(condition: QueryCondition): void {
  assertFieldName(condition.field);
  if (!OPERATORS.has(condition.op)) {
    throw new InvalidQueryError(`Query operator ${JSON.stringify(condition.op)} is not supported: use one of ${[...OPERATORS].join(' ')}.`);
  }
  const { value } = condition;
  if (value === null) {
    if (condition.op !== '=') {
      throw new InvalidQueryError(`Field "${condition.field}" can only be compared with null using "=".`);
    }
    return;
  }
  const type = typeof value;
  if (type === 'number' && !Number.isFinite(value)) {
    throw new InvalidQueryError(`Field "${condition.field}" is compared with ${String(value)}: use a finite number.`);
  }
  if (type !== 'string' && type !== 'number' && type !== 'boolean') {
    throw new InvalidQueryError(`Field "${condition.field}" is compared with a ${type}: use a string, number, boolean or null.`);
  }
}

/** Throws `InvalidQueryError` with a sentence saying what to change; returns the query unchanged otherwise. */
export function validateQuery(query: Query): Query {
  for (const condition of query.where ?? []) assertCondition(condition);
  if (query.orderBy) {
    assertFieldName(query.orderBy.field);
    const direction = query.orderBy.direction ?? 'asc';
    if (direction !== 'asc' && direction !== 'desc') {
      throw new InvalidQueryError(`Sort direction ${JSON.stringify(direction)} is not supported: use "asc" or "desc".`);
    }
  }
  if (query.limit !== undefined && (!Number.isSafeInteger(query.limit) || query.limit < 1)) {
    throw new InvalidQueryError(`Query limit ${String(query.limit)} is not allowed: use a whole number of at least 1.`);
  }
  if (query.partitionKey !== undefined && typeof query.partitionKey !== 'string') {
    throw new InvalidQueryError('Query partitionKey must be a string.');
  }
  return query;
}
