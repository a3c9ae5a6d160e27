import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import { usernameReservations } from "@/db/schema";

/**
 * Accounts and reservations keep usernames in two tables that no single unique index spans,
 * so every write of a username first takes this lock (keyed on Postgres' own `lower()`, as
 * the indexes are) until the transaction ends: check-then-insert is then atomic, and a
 * reservation cannot slip in beside a parallel sign-up's account of the same name.
 */
export async function lockUsername(tx: Database, username: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('username:' || lower(${username})))`);
}

/**
 * A sign-up for an address that already has an account holds the username it asked for, as
 * if an account had been created: a later sign-up asking for it gets the same "username
 * taken" either way, so that answer tells nothing about the address. Pruning removes these
 * and never-verified accounts at the same age (UNVERIFIED_ACCOUNT_DAYS), so the name frees
 * up at the same time in both cases too. Call it under `lockUsername`.
 */
export async function reserveUsername(tx: Database, username: string): Promise<void> {
  await tx.insert(usernameReservations).values({ username }).onConflictDoNothing();
}
