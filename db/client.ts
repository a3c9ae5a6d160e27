import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  driver: "pglite" | "postgres";
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** PGlite (in-process Postgres) when no URL is given, the `postgres` driver otherwise. */
export async function createDatabase(options: {
  url?: string;
  dataDir: string;
  /** A file that gets one line per statement sent to Postgres (the benchmark counts them). */
  statementLog?: string;
}): Promise<DatabaseHandle> {
  if (options.url) return connectPostgres(options.url, options.statementLog);
  return openPglite(options.dataDir);
}

async function connectPostgres(url: string, statementLog?: string): Promise<DatabaseHandle> {
  const [{ default: postgres }, { drizzle }, { migrate }] = await Promise.all([
    import("postgres"),
    import("drizzle-orm/postgres-js"),
    import("drizzle-orm/postgres-js/migrator"),
  ]);
  const debug = statementLog
    ? (_connection: number, query: string) =>
        appendFileSync(statementLog, `${query.replace(/\s+/g, " ").slice(0, 120)}\n`)
    : undefined;
  const client = postgres(url, { max: 10, onnotice: () => {}, debug });
  const db = drizzle(client, { schema });
  return {
    db: db as unknown as Database,
    driver: "postgres",
    migrate: () => migrate(db, { migrationsFolder }),
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const client = await PGlite.create(inMemory ? dataDir : path.resolve(dataDir));
  const db = drizzle(client, { schema });
  return {
    db: db as unknown as Database,
    driver: "pglite",
    migrate: () => migrate(db, { migrationsFolder }),
    close: () => client.close(),
  };
}
