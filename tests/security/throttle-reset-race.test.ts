// A right password inside a burst must not wipe out the throttle the burst earned, whatever
// order the database sees the writes in. The window that mattered: a claim has gone over the
// limit but has not yet started the throttle (its own next statement) when a success that was
// allowed earlier resets the count. Played here in that order, one write at a time.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, tables } from "@/db";
import { claimAttempt, recordSuccess } from "@/lib/auth/login-throttle";

const LIMIT = 10;

async function rowOf(key: string) {
  const [row] = await (await getDb()).select().from(tables.loginThrottles).where(eq(tables.loginThrottles.key, key));
  return row;
}

describe("a success reset racing the throttle's start", () => {
  it("keeps a count that is over the limit, so the throttle still starts and holds", async () => {
    const db = await getDb();
    const key = `user:${randomUUID()}`;
    // Attempts 1..10 claimed (one of them the right password, its check still running), then an
    // eleventh claim counted, its throttle not started yet: the row as the database has it then.
    await db.insert(tables.loginThrottles).values({ key, failures: LIMIT + 1 });
    await recordSuccess(db, key);
    expect((await rowOf(key))?.failures).toBe(LIMIT + 1);
    // The burst goes on: every further claim is refused and the throttle runs.
    const claims = await Promise.all(Array.from({ length: 20 }, () => claimAttempt(db, key)));
    expect(claims.filter((c) => c.allowed)).toEqual([]);
    expect(claims.filter((c) => !c.allowed && c.started)).toHaveLength(1);
    expect((await rowOf(key))!.throttledUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it("still starts the count afresh after a success within the limit", async () => {
    const db = await getDb();
    const key = `user:${randomUUID()}`;
    for (let i = 0; i < LIMIT; i++) expect((await claimAttempt(db, key)).allowed).toBe(true);
    await recordSuccess(db, key);
    expect(await rowOf(key)).toBeUndefined();
    expect(await claimAttempt(db, key)).toEqual({ allowed: true, attempt: 1 });
  });
});
