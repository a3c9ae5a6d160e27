import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { loginThrottles } from "@/db/schema";

export const THROTTLE_AFTER_FAILURES = 10;
export const THROTTLE_SECONDS = 15 * 60;

/**
 * Throttling is keyed by account, or by the typed login name when no account matches, so a
 * throttled unknown name answers exactly like a throttled real account.
 */
export function throttleKey(userId: string | undefined, login: string): string {
  return userId ? `user:${userId}` : `login:${login.trim().toLowerCase()}`;
}

/** Seconds until the key may try again, or 0 when it is not throttled. */
export async function throttledFor(db: Database, key: string): Promise<number> {
  const [row] = await db.select().from(loginThrottles).where(eq(loginThrottles.key, key)).limit(1);
  const until = row?.throttledUntil?.getTime() ?? 0;
  return until > Date.now() ? Math.ceil((until - Date.now()) / 1000) : 0;
}

/**
 * Counts one failure atomically; true when this failure starts a throttle. A failure that
 * lands while the key is already throttled (a parallel burst that passed the check before the
 * throttle began) is not counted, so a burst cannot start a second throttle, audit event and mail.
 */
export async function recordLoginFailure(db: Database, key: string): Promise<boolean> {
  const failures = sql`case when ${loginThrottles.throttledUntil} > now() then ${loginThrottles.failures} else ${loginThrottles.failures} + 1 end`;
  const [row] = await db
    .insert(loginThrottles)
    .values({ key, failures: 1 })
    .onConflictDoUpdate({ target: loginThrottles.key, set: { failures, updatedAt: new Date() } })
    .returning();
  if (!row || row.failures < THROTTLE_AFTER_FAILURES) return false;
  await db
    .update(loginThrottles)
    .set({ failures: 0, throttledUntil: new Date(Date.now() + THROTTLE_SECONDS * 1000) })
    .where(eq(loginThrottles.key, key));
  return true;
}

/** A successful login or password reset wipes the slate. */
export async function clearLoginThrottle(db: Database, key: string): Promise<void> {
  await db.delete(loginThrottles).where(eq(loginThrottles.key, key));
}
