import { env } from "@/lib/env";
import { createDatabase, type Database, type DatabaseHandle } from "./client";

export type { Database } from "./client";
export * as tables from "./schema";

// One handle per process, kept on globalThis so Next.js dev reloads do not reopen PGlite.
const holder = globalThis as unknown as { __astroworldDb?: Promise<DatabaseHandle>; __astroworldSeed?: Blob };

/**
 * An in-memory PGlite opened from now on starts from this dumped data directory rather than
 * an empty cluster: the tests load one migrated snapshot per file (tests/setup/pglite.ts)
 * instead of running initdb each time. Migrations still run and find nothing to do.
 */
export function seedEmbeddedDatabase(seed: Blob): void {
  holder.__astroworldSeed = seed;
}

export function databaseHandle(): Promise<DatabaseHandle> {
  holder.__astroworldDb ??= (async () => {
    const e = env();
    const handle = await createDatabase({
      url: e.DATABASE_URL,
      dataDir: e.PGLITE_DATA_DIR,
      statementLog: e.DB_STATEMENT_LOG,
      timeouts: { connectSeconds: e.DATABASE_CONNECT_TIMEOUT_SECONDS, statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS },
      prepare: e.DATABASE_PREPARE,
      seed: holder.__astroworldSeed,
    });
    // A database that cannot be reached fails here; the next request tries again with a new
    // pool (the catch below forgets this one), so nothing stays broken once it is back.
    await handle.migrate().catch(async (error: unknown) => {
      await handle.close().catch(() => {});
      throw error;
    });
    return handle;
  })().catch((error: unknown) => {
    holder.__astroworldDb = undefined;
    throw error;
  });
  return holder.__astroworldDb;
}

export async function getDb(): Promise<Database> {
  return (await databaseHandle()).db;
}

export async function closeDb(): Promise<void> {
  const handle = holder.__astroworldDb;
  holder.__astroworldDb = undefined;
  if (handle) await (await handle).close();
}
