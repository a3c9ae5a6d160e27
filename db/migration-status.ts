import { sql } from "drizzle-orm";
import type { Database } from "./client";
import journal from "./migrations/meta/_journal.json";

type Row = { created_at: string | number };

/**
 * The migrations this build ships (db/migrations/meta/_journal.json) that the database has not
 * applied, by tag; empty when the schema is current. Drizzle records each applied migration
 * with its journal timestamp. A database ahead of the build (a newer instance migrated it
 * during a rolling deploy) counts as current. One statement, no writes.
 */
export async function pendingMigrations(db: Database): Promise<string[]> {
  // PGlite answers execute() with { rows }, the postgres driver with the rows themselves.
  const result = (await db.execute(sql`select created_at from drizzle.__drizzle_migrations`)) as unknown as
    Row[] | { rows: Row[] };
  const rows = Array.isArray(result) ? result : result.rows;
  const applied = new Set(rows.map((row) => Number(row.created_at)));
  return journal.entries.filter((entry) => !applied.has(entry.when)).map((entry) => entry.tag);
}
