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
  /** Postgres: seconds to open a connection, milliseconds one statement may run (0: no limit). */
  timeouts?: PostgresTimeouts;
  /** Postgres: send every statement as a named prepared statement (default); false behind a pooler that cannot keep them. */
  prepare?: boolean;
  /** PGlite in memory: start from this dumped data directory instead of an empty cluster (the tests' migrated snapshot). */
  seed?: Blob;
}): Promise<DatabaseHandle> {
  if (options.url) return connectPostgres(options.url, options);
  return openPglite(options.dataDir, options.seed);
}

interface PostgresTimeouts {
  connectSeconds: number;
  statementMs: number;
}

async function connectPostgres(
  url: string,
  { statementLog, timeouts, prepare = true }: { statementLog?: string; timeouts?: PostgresTimeouts; prepare?: boolean },
): Promise<DatabaseHandle> {
  const [{ default: postgres }, { drizzle }, { migrate }] = await Promise.all([
    import("postgres"),
    import("drizzle-orm/postgres-js"),
    import("drizzle-orm/postgres-js/migrator"),
  ]);
  const debug = statementLog
    ? (_connection: number, query: string) =>
        appendFileSync(statementLog, `${query.replace(/\s+/g, " ").slice(0, 120)}\n`)
    : undefined;
  // A dead or hung server must answer within seconds (a 503, lib/http/database-outage.ts), not
  // after the driver's 30 s connect timeout or never. The statement timeout is a startup
  // parameter; behind a pooler that refuses those, set 0 and ALTER ROLE … SET statement_timeout.
  const connect_timeout = timeouts?.connectSeconds;
  const connection = timeouts?.statementMs ? { statement_timeout: timeouts.statementMs } : {};
  // The driver waits before reconnecting after failed attempts, up to 20 s by default: during an
  // outage every request would hang that long, and after it the first ones still would.
  const backoff = (failures: number) => Math.min(0.1 * failures, 1);
  const client = postgres(url, { max: 10, onnotice: () => {}, debug, connect_timeout, connection, backoff });
  const db = drizzle(prepare ? preparing(client) : client, { schema });
  return {
    db: db as unknown as Database,
    driver: "postgres",
    // Migrations may legitimately run long (an index on a big table): their own connection has
    // no statement timeout.
    migrate: async () => {
      const migrator = postgres(url, { max: 1, onnotice: () => {}, connect_timeout });
      try {
        // Instances starting together queue on this session's advisory lock: the first applies
        // the migrations, the others then find none left. Ending the connection releases it.
        await migrator`select pg_advisory_lock(hashtext('astroworld:migrate'))`;
        await migrate(drizzle(migrator), { migrationsFolder });
      } finally {
        await migrator.end({ timeout: 5 });
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

type Sql = import("postgres").Sql;

/**
 * The client Drizzle gets: every statement a named prepared statement. Drizzle sends queries
 * unnamed (the driver's `prepare: false`) unless each is given a name, so Postgres parsed and
 * planned every statement afresh; named, each connection parses a statement once and then only
 * binds it (BENCHMARKS.md: about a third of the database's CPU per request). The driver keeps
 * them by their text, per connection; the app's statements are few and fixed. Transactions
 * and savepoints hand out clients of their own, wrapped the same way. A pooler in front must
 * keep prepared statements, or DATABASE_PREPARE=false turns this off (docs/deploy.md).
 */
function preparing(sql: Sql): Sql {
  return new Proxy(sql, {
    get(target, key, receiver) {
      if (key === "unsafe")
        return (query: string, args?: never[], options?: object) =>
          target.unsafe(query, args ?? [], { ...options, prepare: true });
      if (key === "begin" || key === "savepoint") {
        const open = Reflect.get(target, key, receiver) as (...args: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: Sql) => unknown;
          return open(...args, (tx: Sql) => work(preparing(tx)));
        };
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

async function openPglite(dataDir: string, seed?: Blob): Promise<DatabaseHandle> {
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const client = inMemory
    ? await PGlite.create(dataDir, { loadDataDir: seed })
    : await PGlite.create(path.resolve(dataDir));
  const db = drizzle(client, { schema });
  return {
    db: db as unknown as Database,
    driver: "pglite",
    migrate: () => migrate(db, { migrationsFolder }),
    close: () => client.close(),
  };
}
