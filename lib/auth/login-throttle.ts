import { and, eq, getTableColumns, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db";
import { loginThrottles, users, userTotp } from "@/db/schema";
import { env } from "@/lib/env";
import { userByLoginQuery, type UserRow } from "./user";

/**
 * Password checks are counted per account (or per typed login name when no account matches,
 * so a throttled unknown name answers exactly like a throttled account), and per known device
 * while its account is throttled. An attempt is counted atomically *before* its password is
 * checked, so a parallel burst gets no more checks than the limit.
 */
export function throttleKey(userId: string | undefined, login: string): string {
  return userId ? `user:${userId}` : `login:${login.trim().toLowerCase()}`;
}

export const deviceThrottleKey = (deviceId: string) => `device:${deviceId}`;

export type Claim =
  | { allowed: true; attempt: number }
  /** `started`: this attempt began the throttle (its audit event and mail are the caller's). */
  | { allowed: false; retryAfter: number; started: boolean };

const secondsUntil = (date: Date) => Math.max(1, Math.ceil((date.getTime() - Date.now()) / 1000));

/**
 * Counts one attempt and says whether its password may be checked. The count starts afresh
 * when the window has passed (ten typos over months never add up) or a throttle has ended,
 * and keeps counting while throttled. An attempt beyond the limit is refused and starts the
 * throttle if its failures have not already.
 */
export async function claimAttempt(db: Database, key: string): Promise<Claim> {
  const [row] = await countAttempt(db, key);
  return settle(db, key, row!);
}

/**
 * `claimAttempt` for the account a typed login names, found in the same statement: the attempt
 * is counted under `user:<id>`, or under the login name when no account matches (throttleKey),
 * and whether that account has a second factor on.
 */
export async function claimLoginAttempt(
  db: Database,
  login: string,
): Promise<{ user: UserRow | undefined; key: string; claim: Claim; secondFactor: boolean }> {
  const found = db.$with("found").as(userByLoginQuery(db, login));
  // Read here, not in another round trip: whether a right password must be followed by a code.
  const secondFactor = sql<boolean>`exists (select 1 from ${userTotp} where ${userTotp.userId} = ${found.id} and ${userTotp.confirmedAt} is not null)`;
  const key = sql<string>`coalesce((select 'user:' || ${found.id} from ${found}), ${throttleKey(undefined, login)})`;
  const counted = db.$with("counted").as(countAttempt(db, key));
  const fields = Object.keys(getTableColumns(users)) as (keyof UserRow)[];
  const [row] = await db
    .with(found, counted)
    .select({
      counted: { key: counted.key, failures: counted.failures, throttledUntil: counted.throttledUntil },
      secondFactor,
      user: Object.fromEntries(fields.map((field) => [field, found[field]])) as {
        [K in keyof UserRow]: (typeof found)[K];
      },
    })
    .from(counted)
    .leftJoin(found, sql`true`);
  const user = (row!.user as UserRow | null) ?? undefined;
  const claim = await settle(db, row!.counted.key, row!.counted);
  return { user, key: row!.counted.key, claim, secondFactor: user !== undefined && row!.secondFactor === true };
}

/** The atomic count of one attempt (see claimAttempt), not yet run. */
function countAttempt(db: Database, key: string | SQL<string>) {
  const { LOGIN_THROTTLE_WINDOW_SECONDS: window } = env();
  const t = loginThrottles;
  const throttled = sql`${t.throttledUntil} > now()`;
  const fresh = sql`(${t.throttledUntil} is not null or ${t.windowStartedAt} <= now() - make_interval(secs => ${window}))`;
  return db
    .insert(t)
    .values({ key, failures: 1 })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        failures: sql`case when ${throttled} then ${t.failures} + 1 when ${fresh} then 1 else ${t.failures} + 1 end`,
        windowStartedAt: sql`case when not ${throttled} and ${fresh} then now() else ${t.windowStartedAt} end`,
        throttledUntil: sql`case when ${throttled} then ${t.throttledUntil} else null end`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ key: t.key, failures: t.failures, throttledUntil: t.throttledUntil });
}

/** What a counted attempt may do; an attempt beyond the limit starts the throttle if nothing has yet. */
async function settle(
  db: Database,
  key: string,
  row: { failures: number; throttledUntil: Date | null },
): Promise<Claim> {
  const limit = env().LOGIN_THROTTLE_FAILURES;
  if (row.throttledUntil) return { allowed: false, retryAfter: secondsUntil(row.throttledUntil), started: false };
  if (row.failures <= limit) return { allowed: true, attempt: row.failures };
  const started = await startThrottle(db, key);
  return {
    allowed: false,
    retryAfter: started ? env().LOGIN_THROTTLE_SECONDS : await throttledFor(db, key),
    started: started !== null,
  };
}

/** After a failed check: the one that reaches the limit starts the throttle; true if this call did. */
export async function recordFailure(db: Database, key: string, claim: { attempt: number }): Promise<boolean> {
  if (claim.attempt < env().LOGIN_THROTTLE_FAILURES) return false;
  return (await startThrottle(db, key)) !== null;
}

/** Sets the throttle unless one is running; the start time when this call set it. */
async function startThrottle(db: Database, key: string): Promise<Date | null> {
  const until = new Date(Date.now() + env().LOGIN_THROTTLE_SECONDS * 1000);
  const [row] = await db
    .update(loginThrottles)
    .set({ throttledUntil: until, updatedAt: new Date() })
    .where(
      and(
        eq(loginThrottles.key, key),
        or(isNull(loginThrottles.throttledUntil), lte(loginThrottles.throttledUntil, new Date())),
      ),
    )
    .returning({ until: loginThrottles.throttledUntil });
  return row?.until ?? null;
}

async function throttledFor(db: Database, key: string): Promise<number> {
  const [row] = await db
    .select({ until: loginThrottles.throttledUntil })
    .from(loginThrottles)
    .where(eq(loginThrottles.key, key));
  return row?.until ? secondsUntil(row.until) : env().LOGIN_THROTTLE_SECONDS;
}

/**
 * A success whose check was allowed starts the count afresh, unless a throttle is running or
 * due: a right password inside a burst does not wipe out what the burst earned, even when its
 * reset lands between the claim that went over the limit and that claim's start of the throttle.
 */
export async function recordSuccess(db: Database, key: string): Promise<void> {
  await successReset(db, key);
}

/** `recordSuccess` not yet run, for a caller that writes it in the same statement as the sign-in. */
export function successReset(db: Database, key: string) {
  return db
    .delete(loginThrottles)
    .where(
      and(
        eq(loginThrottles.key, key),
        or(isNull(loginThrottles.throttledUntil), lte(loginThrottles.throttledUntil, new Date())),
        lte(loginThrottles.failures, env().LOGIN_THROTTLE_FAILURES),
      ),
    );
}

/** A completed password reset or unlock link lifts the throttle. */
export async function liftThrottle(db: Database, key: string): Promise<void> {
  await db.delete(loginThrottles).where(eq(loginThrottles.key, key));
}
