import { randomBytes } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { databaseHandle, getDb, tables } from "@/db";
import { pruneExpiredData, type PruneCounts } from "@/lib/maintenance/prune";
import { runPrune } from "@/lib/maintenance/run-prune";
import { longestWindowSeconds } from "@/lib/ratelimit";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms);
const ahead = (ms: number) => new Date(Date.now() + ms);
const token = () => randomBytes(24).toString("base64url");

const NOTHING: PruneCounts = {
  sessions: 0,
  refresh_tokens: 0,
  one_time_tokens: 0,
  known_devices: 0,
  login_throttles: 0,
  rate_limits: 0,
  username_reservations: 0,
  unverified_accounts: 0,
  audit_events: 0,
  dev_outbox: 0,
  mfa_challenges: 0,
  passkey_challenges: 0,
};

async function insertUser(values: { emailVerified: boolean; dateJoined: Date; lastLogin?: Date }): Promise<string> {
  const tag = randomBytes(5).toString("hex");
  const [row] = await (
    await getDb()
  )
    .insert(tables.users)
    .values({
      username: `pruned_${tag}`,
      email: `pruned_${tag}@example.test`,
      passwordHash: "$argon2id$v=19$m=1024,t=1,p=1$x$y",
      ...values,
    })
    .returning({ id: tables.users.id });
  return row!.id;
}

async function insertSession(userId: string, values: { expiresAt: Date; revokedAt?: Date }): Promise<string> {
  const [row] = await (
    await getDb()
  )
    .insert(tables.sessions)
    .values({ userId, ...values })
    .returning({ id: tables.sessions.id });
  return row!.id;
}

async function insertRefreshToken(sessionId: string, values: { expiresAt: Date; usedAt?: Date }): Promise<string> {
  const jtiHash = token();
  await (await getDb()).insert(tables.refreshTokens).values({ jtiHash, sessionId, issuedAt: ago(HOUR), ...values });
  return jtiHash;
}

async function insertOneTimeToken(userId: string, values: { expiresAt: Date; usedAt?: Date }): Promise<string> {
  const tokenHash = token();
  await (await getDb()).insert(tables.oneTimeTokens).values({ tokenHash, userId, purpose: "verify_email", ...values });
  return tokenHash;
}

/** Keys of the rows of `table` that are still there. */
async function surviving<T>(rows: Promise<T[]>, key: (row: T) => string): Promise<string[]> {
  return (await rows).map(key).sort();
}

describe("pruneExpiredData", () => {
  it("deletes exactly the rows past their cut-off, reports them, and deletes nothing on a second run", async () => {
    const db = await getDb();

    // Accounts: a verified one (old, never logged in) must stay; never-verified, never-used
    // ones go after UNVERIFIED_ACCOUNT_DAYS (7); one that logged in once stays.
    const owner = await insertUser({ emailVerified: true, dateJoined: ago(400 * DAY) });
    await insertUser({ emailVerified: false, dateJoined: ago(8 * DAY) });
    const freshUnverified = await insertUser({ emailVerified: false, dateJoined: ago(6 * DAY) });
    const unverifiedButUsed = await insertUser({
      emailVerified: false,
      dateJoined: ago(30 * DAY),
      lastLogin: ago(20 * DAY),
    });

    // Sessions: expired and long-revoked go; recently revoked and live stay.
    const expiredSession = await insertSession(owner, { expiresAt: ago(MINUTE) });
    await insertSession(owner, { expiresAt: ahead(DAY), revokedAt: ago(2 * DAY) });
    const justRevoked = await insertSession(owner, { expiresAt: ahead(DAY), revokedAt: ago(HOUR) });
    const liveSession = await insertSession(owner, { expiresAt: ahead(DAY) });
    const cascaded = await insertRefreshToken(expiredSession, { expiresAt: ahead(HOUR) });

    // Refresh tokens: expired go, used or not; used but unexpired stay (reuse detection).
    await insertRefreshToken(liveSession, { expiresAt: ago(MINUTE) });
    await insertRefreshToken(liveSession, { expiresAt: ago(MINUTE), usedAt: ago(2 * DAY) });
    const usedLive = await insertRefreshToken(liveSession, { expiresAt: ahead(DAY), usedAt: ago(2 * DAY) });
    const unusedLive = await insertRefreshToken(liveSession, { expiresAt: ahead(DAY) });

    // One-time tokens: expired, or used more than a day ago, go.
    await insertOneTimeToken(owner, { expiresAt: ago(MINUTE) });
    await insertOneTimeToken(owner, { expiresAt: ahead(HOUR), usedAt: ago(2 * DAY) });
    const justUsedLink = await insertOneTimeToken(owner, { expiresAt: ahead(HOUR), usedAt: ago(HOUR) });
    const liveLink = await insertOneTimeToken(owner, { expiresAt: ahead(HOUR) });

    const liveDevice = token();
    await db.insert(tables.knownDevices).values([
      { tokenHash: token(), userId: owner, expiresAt: ago(MINUTE) },
      { tokenHash: liveDevice, userId: owner, expiresAt: ahead(DAY) },
    ]);

    // Login throttles (window LOGIN_THROTTLE_WINDOW_SECONDS = 3600): stale once the window and
    // any throttle are both over.
    await db.insert(tables.loginThrottles).values([
      { key: "login:window_over", failures: 3, windowStartedAt: ago(2 * HOUR) },
      { key: "login:throttle_ended", failures: 0, windowStartedAt: ago(2 * HOUR), throttledUntil: ago(MINUTE) },
      {
        key: "login:throttle_running",
        failures: 11,
        windowStartedAt: ago(2 * HOUR),
        throttledUntil: ahead(10 * MINUTE),
      },
      { key: "login:window_current", failures: 4, windowStartedAt: ago(10 * MINUTE) },
    ]);

    // Rate-limit windows: stale once older than two of the longest configured window.
    const twoWindows = 2 * longestWindowSeconds() * 1000;
    await db.insert(tables.rateLimits).values([
      { key: "login:stale", windowStart: Date.now() - twoWindows - 10 * MINUTE, count: 3 },
      { key: "login:previous", windowStart: Date.now() - twoWindows + 10 * MINUTE, count: 3 },
      { key: "login:current", windowStart: Date.now() - MINUTE, count: 1 },
    ]);

    await db.insert(tables.usernameReservations).values([
      { username: "reserved_old", createdAt: ago(8 * DAY) },
      { username: "reserved_fresh", createdAt: ago(6 * DAY) },
    ]);

    // Audit events: kept AUDIT_RETENTION_DAYS (365).
    const [, recentEvent] = await db
      .insert(tables.auditEvents)
      .values([
        { userId: owner, event: "login_success", createdAt: ago(366 * DAY) },
        { userId: owner, event: "login_success", createdAt: ago(364 * DAY) },
      ])
      .returning({ id: tables.auditEvents.id });

    const [, recentMail] = await db
      .insert(tables.devOutbox)
      .values([
        { to: "a@example.test", subject: "old", html: "", text: "", createdAt: ago(8 * DAY) },
        { to: "a@example.test", subject: "recent", html: "", text: "", createdAt: ago(6 * DAY) },
      ])
      .returning({ id: tables.devOutbox.id });

    // Passkey challenges: an expired one goes, a live one stays.
    await db.insert(tables.passkeyChallenges).values([
      { challengeHash: token(), purpose: "login", expiresAt: ago(MINUTE) },
      { challengeHash: token(), purpose: "register", userId: owner, expiresAt: ahead(MINUTE) },
    ]);

    const first = await pruneExpiredData(db);
    expect(first).toEqual({
      sessions: 2,
      refresh_tokens: 2,
      one_time_tokens: 2,
      known_devices: 1,
      login_throttles: 2,
      rate_limits: 1,
      username_reservations: 1,
      unverified_accounts: 1,
      audit_events: 1,
      dev_outbox: 1,
      mfa_challenges: 0,
      passkey_challenges: 1,
    });
    expect(await pruneExpiredData(db)).toEqual(NOTHING);

    expect(await surviving(db.select().from(tables.users), (u) => u.id)).toEqual(
      [owner, freshUnverified, unverifiedButUsed].sort(),
    );
    expect(await surviving(db.select().from(tables.sessions), (s) => s.id)).toEqual([justRevoked, liveSession].sort());
    const tokensLeft = await surviving(db.select().from(tables.refreshTokens), (t) => t.jtiHash);
    expect(tokensLeft).toEqual([usedLive, unusedLive].sort());
    expect(tokensLeft).not.toContain(cascaded);
    expect(await surviving(db.select().from(tables.oneTimeTokens), (t) => t.tokenHash)).toEqual(
      [justUsedLink, liveLink].sort(),
    );
    expect(await surviving(db.select().from(tables.knownDevices), (d) => d.tokenHash)).toEqual([liveDevice]);
    expect(await surviving(db.select().from(tables.loginThrottles), (t) => t.key)).toEqual([
      "login:throttle_running",
      "login:window_current",
    ]);
    expect(await surviving(db.select().from(tables.rateLimits), (r) => r.key)).toEqual([
      "login:current",
      "login:previous",
    ]);
    expect(await surviving(db.select().from(tables.usernameReservations), (r) => r.username)).toEqual([
      "reserved_fresh",
    ]);
    expect(await surviving(db.select().from(tables.auditEvents), (e) => String(e.id))).toEqual([
      String(recentEvent!.id),
    ]);
    expect(await surviving(db.select().from(tables.devOutbox), (m) => String(m.id))).toEqual([String(recentMail!.id)]);
  });

  it("deletes in bounded batches and leaves the rest for the next run", async () => {
    const db = await getDb();
    const owner = await insertUser({ emailVerified: true, dateJoined: ago(DAY) });
    const expired = Array.from({ length: 7 }, () => ({ tokenHash: token(), userId: owner, expiresAt: ago(MINUTE) }));
    const live = { tokenHash: token(), userId: owner, expiresAt: ahead(DAY) };
    await db.insert(tables.knownDevices).values([...expired, live]);

    expect((await pruneExpiredData(db, { batchSize: 2, maxBatches: 2 })).known_devices).toBe(4);
    expect((await pruneExpiredData(db, { batchSize: 2, maxBatches: 2 })).known_devices).toBe(3);
    expect((await pruneExpiredData(db, { batchSize: 2, maxBatches: 2 })).known_devices).toBe(0);
    const left = await db
      .select()
      .from(tables.knownDevices)
      .where(inArray(tables.knownDevices.userId, [owner]));
    expect(left.map((d) => d.tokenHash)).toEqual([live.tokenHash]);
  });

  it("a parallel burst of prunes deletes each expired row once, and nothing live", async () => {
    const db = await getDb();
    const owner = await insertUser({ emailVerified: true, dateJoined: ago(DAY) });
    const session = await insertSession(owner, { expiresAt: ahead(DAY) });
    const expired = await Promise.all(
      Array.from({ length: 20 }, () => insertRefreshToken(session, { expiresAt: ago(MINUTE) })),
    );
    const live = await insertRefreshToken(session, { expiresAt: ahead(DAY), usedAt: ago(MINUTE) });

    const runs = await Promise.all(Array.from({ length: 10 }, () => pruneExpiredData(db, { batchSize: 3 })));
    expect(runs.reduce((sum, run) => sum + run.refresh_tokens, 0)).toBe(expired.length);
    const left = await db
      .select()
      .from(tables.refreshTokens)
      .where(sql`${tables.refreshTokens.sessionId} = ${session}`);
    expect(left.map((t) => t.jtiHash)).toEqual([live]);
  });

  it("only one instance prunes at a time: a run that finds the lock taken skips its turn", async () => {
    const handle = await databaseHandle();
    const db = handle.db;
    const owner = await insertUser({ emailVerified: true, dateJoined: ago(DAY) });
    const device = token();
    await db.insert(tables.knownDevices).values({ tokenHash: device, userId: owner, expiresAt: ago(MINUTE) });
    const present = async () =>
      (
        await db
          .select()
          .from(tables.knownDevices)
          .where(sql`${tables.knownDevices.tokenHash} = ${device}`)
      ).length;

    if (handle.driver === "postgres") {
      // Another instance holds the lock: this run does nothing, and says so.
      const skipped = await db.transaction(async (other) => {
        await other.execute(sql`select pg_advisory_xact_lock(hashtext('astroworld:prune'))`);
        return runPrune();
      });
      expect(skipped).toBeNull();
      expect(await present()).toBe(1);
    }
    // PGlite belongs to one process; on Postgres the lock is free again.
    const ran = await runPrune();
    expect(ran?.known_devices).toBe(1);
    expect(await present()).toBe(0);
  });
});
