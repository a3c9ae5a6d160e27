import type { WithSubquery } from "drizzle-orm";
import type { TypedQueryBuilder } from "drizzle-orm/query-builders/query-builder";
import type { Database } from "./client";

/** An insert, update or delete not yet run: awaited alone, or written along with others by `asCtes`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Write = TypedQueryBuilder<any, any> & PromiseLike<unknown>;

/**
 * Writes that belong together, as the data-modifying CTEs of one statement (`db.with(...)`):
 * all or nothing like a transaction, in one round trip instead of BEGIN, one per write and
 * COMMIT. They share one snapshot, so none may read what another writes; foreign keys are
 * checked at the end of the statement, so a row may reference one inserted beside it.
 */
export function asCtes(db: Database, writes: Write[], prefix = "write"): WithSubquery[] {
  return writes.map((write, i) => db.$with(`${prefix}_${i}`).as(write as TypedQueryBuilder<undefined>));
}
