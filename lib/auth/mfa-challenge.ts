import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { asCtes, type Write } from "@/db/one-statement";
import { mfaChallenges, users } from "@/db/schema";
import { env } from "@/lib/env";
import { auditEventInsert } from "./audit";
import type { ClientInfo } from "./client-info";
import { generateSecretToken, hashSecretToken } from "./secret-token";

/** The second factors that complete a half-done sign-in. */
export const SECOND_FACTORS = ["totp", "recovery_code"] as const;

/**
 * One factor proved, a second due: no session yet, only an mfa_token for
 * `POST /api/auth/login/2fa`. Shaped as a refusal (`ok: false`), so a route that passes
 * refusals through answers it without knowing about second factors.
 */
export interface MfaRequired {
  ok: false;
  code: "mfa_required";
  mfaToken: string;
  expiresAt: Date;
  body: { mfa_token: string; mfa_expires_at: string; methods: readonly string[] };
}

export type MfaChallengeRow = typeof mfaChallenges.$inferSelect;

/**
 * Records a half-done sign-in, in one statement with the first factor's own writes (a spent
 * link, a rehashed password) and a `mfa_challenge` event. Only the token's SHA-256 is stored.
 * `throttleKey` is the login-throttle count the first factor passed: it is reset only when the
 * second factor completes the sign-in, so a right password alone never clears a count.
 */
export async function startMfaChallenge(
  db: Database,
  userId: string,
  ctx: ClientInfo,
  options: { firstFactor: string; throttleKey?: string | null; writes?: Write[]; passwordHash?: string | null },
): Promise<MfaRequired> {
  const token = generateSecretToken();
  const expiresAt = new Date(Date.now() + env().MFA_TOKEN_TTL_SECONDS * 1000);
  const writes: Write[] = [
    ...(options.writes ?? []),
    auditEventInsert(db, "mfa_challenge", ctx, userId, { first_factor: options.firstFactor }),
    ...(options.passwordHash
      ? [db.update(users).set({ passwordHash: options.passwordHash }).where(eq(users.id, userId))]
      : []),
  ];
  const challenge = db.$with("challenge").as(
    db
      .insert(mfaChallenges)
      .values({
        tokenHash: hashSecretToken(token),
        userId,
        firstFactor: options.firstFactor,
        throttleKey: options.throttleKey ?? null,
        expiresAt,
      })
      .returning({ userId: mfaChallenges.userId }),
  );
  await db
    .with(challenge, ...asCtes(db, writes))
    .select()
    .from(challenge);
  return {
    ok: false,
    code: "mfa_required",
    mfaToken: token,
    expiresAt,
    body: { mfa_token: token, mfa_expires_at: expiresAt.toISOString(), methods: SECOND_FACTORS },
  };
}

/**
 * Counts one second-factor attempt against a live challenge, atomically and before the code is
 * checked: a parallel burst gets no more checks than MFA_MAX_ATTEMPTS, after which the token is
 * dead. Null for a token that is unknown, expired, used or out of attempts.
 */
export async function claimMfaAttempt(db: Database, token: string): Promise<MfaChallengeRow | null> {
  const c = mfaChallenges;
  const [row] = await db
    .update(c)
    .set({ attempts: sql`${c.attempts} + 1` })
    .where(
      and(
        eq(c.tokenHash, hashSecretToken(token)),
        isNull(c.usedAt),
        gt(c.expiresAt, sql`now()`),
        lt(c.attempts, env().MFA_MAX_ATTEMPTS),
      ),
    )
    .returning();
  return row ?? null;
}

/** Spends the challenge; false when another request spent it first. */
export async function spendMfaChallenge(db: Database, tokenHash: string): Promise<boolean> {
  const spent = await db
    .update(mfaChallenges)
    .set({ usedAt: new Date() })
    .where(and(eq(mfaChallenges.tokenHash, tokenHash), isNull(mfaChallenges.usedAt)))
    .returning({ tokenHash: mfaChallenges.tokenHash });
  return spent.length === 1;
}

/** Every half-done sign-in of an account dies when its second factor is turned off or replaced. */
export function discardMfaChallenges(db: Database, userId: string) {
  return db.delete(mfaChallenges).where(eq(mfaChallenges.userId, userId));
}
