import { sql } from "drizzle-orm";
import { getDb } from "@/db";

/** What a 503 tells the client: the database is usually back (or failed over) within seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// Node's socket errors and postgres-js's own connection codes (db/client.ts's connect timeout
// answers CONNECT_TIMEOUT; a closing pool CONNECTION_ENDED or _DESTROYED).
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

// SQLSTATEs of a server that cannot serve us now: class 08 (connection exception), class 53
// (too many connections, out of memory, disk full), 57P01-57P03 (shutting down, crashed,
// starting up) and 57014, a statement cancelled by our statement timeout.
const UNAVAILABLE_STATE = /^(08|53)[0-9A-Z]{3}$|^57P0[123]$|^57014$/;

// PGlite after close() or a crash; node-postgres's wording, for a driver swapped in later.
const UNAVAILABLE_MESSAGE = /^(PGlite is closed|Connection terminated)/;

interface OutageCause {
  code?: string;
  message: string;
}

/**
 * The driver error showing the database cannot be reached (or answered too late), wherever it
 * sits in the chain Drizzle and the drivers wrap it in; null for everything else, which is a bug.
 */
export function outageCause(error: unknown): OutageCause | null {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const e = pending.shift();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const { code, message, cause, errors } = e as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    const text = typeof message === "string" ? message : "";
    const unavailableCode = typeof code === "string" && (CONNECTION_CODES.has(code) || UNAVAILABLE_STATE.test(code));
    if (unavailableCode) return { code, message: text };
    if (UNAVAILABLE_MESSAGE.test(text)) return { message: text };
    pending.push(cause, ...(Array.isArray(errors) ? errors : []));
  }
  return null;
}

export function isDatabaseOutage(error: unknown): boolean {
  return outageCause(error) !== null;
}

// One line when the database goes away and one when it answers again, not a stack per request.
// On globalThis, like the database handle (db/index.ts): Next.js bundles pages and route
// handlers apart, and each bundle would otherwise keep, and log, an outage of its own.
interface OutageState {
  since: number | null;
  probe: Promise<void> | null;
}
const holder = globalThis as unknown as { __astroworldDatabaseOutage?: OutageState };
const state = (holder.__astroworldDatabaseOutage ??= { since: null, probe: null });

/** Logs the outage once (until `databaseMayBeBack` sees it answer again). */
export function reportDatabaseOutage(error: unknown): void {
  if (state.since !== null) return;
  state.since = Date.now();
  const cause = outageCause(error);
  // Only the driver's own error: a wrapping query error carries the statement's parameters.
  const reason = cause ? [cause.code, cause.message.split("\n")[0]!.slice(0, 200)].filter(Boolean).join(": ") : "";
  console.error(
    `[database] unreachable (${reason}): answering 503 with Retry-After: ${DATABASE_RETRY_AFTER_SECONDS} until it answers again`,
  );
}

export function databaseOutageReported(): boolean {
  return state.since !== null;
}

/**
 * After a request that went well during a reported outage: checks with one query (one at a
 * time) whether the database answers again, and if so says so once. Never throws.
 */
export function databaseMayBeBack(): Promise<void> {
  if (state.since === null) return Promise.resolve();
  state.probe ??= (async () => {
    try {
      const db = await getDb();
      await db.execute(sql`select 1`);
      const seconds = Math.round((Date.now() - (state.since ?? Date.now())) / 1000);
      state.since = null;
      console.info(`[database] reachable again after ${seconds} s`);
    } catch {
      // Still down (or down again): the outage line already said so.
    } finally {
      state.probe = null;
    }
  })();
  return state.probe;
}
