import { and, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "@/db";
import {
  auditEvents,
  devOutbox,
  knownDevices,
  loginThrottles,
  mfaChallenges,
  oneTimeTokens,
  passkeyChallenges,
  rateLimits,
  refreshTokens,
  sessions,
  usernameReservations,
  users,
} from "@/db/schema";
import { env } from "@/lib/env";
import { longestWindowSeconds } from "@/lib/ratelimit";

/** Rows deleted per table; rows removed by a cascade (a session's refresh tokens) are not counted. */
export interface PruneCounts {
  sessions: number;
  refresh_tokens: number;
  one_time_tokens: number;
  known_devices: number;
  login_throttles: number;
  rate_limits: number;
  username_reservations: number;
  unverified_accounts: number;
  audit_events: number;
  dev_outbox: number;
  mfa_challenges: number;
  passkey_challenges: number;
}

export interface PruneOptions {
  /** Rows per DELETE, so that no statement holds many locks for long. */
  batchSize?: number;
  /** DELETEs per table and run; what is left waits for the next run. */
  maxBatches?: number;
}

const DAY_MS = 24 * 3600 * 1000;
const DEV_OUTBOX_DAYS = 7;

/**
 * Deletes what no request can need any more, and nothing else; running it again deletes
 * nothing new. Retention is described in docs/security.md#data-retention.
 */
export async function pruneExpiredData(db: Database, options: PruneOptions = {}): Promise<PruneCounts> {
  const e = env();
  const now = new Date();
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const unverifiedCutoff = ago(e.UNVERIFIED_ACCOUNT_DAYS * DAY_MS);
  const remove = (table: PgTable, condition: SQL | undefined) => deleteInBatches(db, table, condition!, options);

  return {
    // A revoked session is kept a day, so its tokens still answer "session ended" meanwhile.
    sessions: await remove(sessions, or(lt(sessions.expiresAt, now), lt(sessions.revokedAt, ago(DAY_MS)))),
    // A used refresh token is kept until it expires: a replay of it is how reuse is detected
    // (and the session revoked). Once expired its signature check refuses it anyway.
    refresh_tokens: await remove(refreshTokens, lt(refreshTokens.expiresAt, now)),
    // A used link is kept a day, so a second click says "already used" rather than "invalid".
    one_time_tokens: await remove(
      oneTimeTokens,
      or(lt(oneTimeTokens.expiresAt, now), lt(oneTimeTokens.usedAt, ago(DAY_MS))),
    ),
    known_devices: await remove(knownDevices, lt(knownDevices.expiresAt, now)),
    // A row whose window has passed and whose throttle (if any) has ended starts afresh on the
    // next attempt anyway (lib/auth/login-throttle.ts), so it holds nothing.
    login_throttles: await remove(
      loginThrottles,
      and(
        lt(loginThrottles.windowStartedAt, ago(e.LOGIN_THROTTLE_WINDOW_SECONDS * 1000)),
        or(isNull(loginThrottles.throttledUntil), lt(loginThrottles.throttledUntil, now)),
      ),
    ),
    // The sliding window reads the current and the previous window of its policy
    // (lib/ratelimit/postgres.ts); rows do not store their policy's window, so the longest
    // configured one is used: older than two of those, no limiter reads the row.
    rate_limits: await remove(
      rateLimits,
      lt(rateLimits.windowStart, now.getTime() - 2 * longestWindowSeconds() * 1000),
    ),
    // Reservations and never-used accounts free their username at the same age, so that the
    // two stay alike over time (lib/auth/username-reservation.ts).
    username_reservations: await remove(usernameReservations, lt(usernameReservations.createdAt, unverifiedCutoff)),
    unverified_accounts: await remove(
      users,
      and(sql`${users.emailVerified} = false`, isNull(users.lastLogin), lt(users.dateJoined, unverifiedCutoff)),
    ),
    audit_events: await remove(auditEvents, lt(auditEvents.createdAt, ago(e.AUDIT_RETENTION_DAYS * DAY_MS))),
    dev_outbox: await remove(devOutbox, lt(devOutbox.createdAt, ago(DEV_OUTBOX_DAYS * DAY_MS))),
    // A half-done sign-in past its few minutes answers "log in again" whether or not its row is there.
    mfa_challenges: await remove(mfaChallenges, lt(mfaChallenges.expiresAt, now)),
    // Passkey options never answered: an expired challenge is refused whether or not its row is there.
    passkey_challenges: await remove(passkeyChallenges, lt(passkeyChallenges.expiresAt, now)),
  };
}

/**
 * Deletes matching rows a batch at a time. The condition is checked again on the row being
 * deleted, so a row that changed since the batch was picked (a throttle counting a new
 * attempt, an account being verified) is left alone.
 */
async function deleteInBatches(db: Database, table: PgTable, condition: SQL, options: PruneOptions): Promise<number> {
  const { batchSize = 1000, maxBatches = 100 } = options;
  let total = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const picked = sql`select ctid from ${table} where ${condition} limit ${batchSize}`;
    const deleted = await db
      .delete(table)
      .where(and(sql`ctid = any(array(${picked}))`, condition))
      .returning({ one: sql<number>`1` });
    total += deleted.length;
    if (deleted.length < batchSize) break;
  }
  return total;
}
