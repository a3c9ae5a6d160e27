import { sql } from "drizzle-orm";
import { databaseHandle } from "@/db";
import { pruneExpiredData, type PruneCounts, type PruneOptions } from "./prune";

/**
 * One prune at a time across every instance sharing a Postgres: a transaction holds an
 * advisory lock while the job runs on other connections, and an instance that finds it taken
 * skips its turn (null). PGlite belongs to a single process, so there is no one to wait for.
 */
export async function runPrune(options: PruneOptions = {}): Promise<PruneCounts | null> {
  const { db, driver } = await databaseHandle();
  if (driver === "pglite") return pruneExpiredData(db, options);
  return db.transaction(async (lock) => {
    // The postgres driver answers execute() with the rows themselves.
    const [row] = (await lock.execute(
      sql`select pg_try_advisory_xact_lock(hashtext('astroworld:prune')) as locked`,
    )) as unknown as { locked: boolean }[];
    return row?.locked ? pruneExpiredData(db, options) : null;
  });
}

/** "3 sessions, 12 refresh_tokens" — the non-zero counts, for a log line. */
export function describePrune(counts: PruneCounts): string {
  const parts = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([table, count]) => `${count} ${table}`);
  return parts.length > 0 ? parts.join(", ") : "nothing";
}
