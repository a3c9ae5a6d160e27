import { and, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { passkeyChallenges } from "@/db/schema";
import { env } from "@/lib/env";
import { hashSecretToken } from "./secret-token";

export type ChallengePurpose = "register" | "login";
export type ChallengeFailure = { ok: false; code: "passkey_challenge_invalid" | "passkey_challenge_expired" };

/**
 * Keeps the challenge of options just generated (32 random bytes, base64url, made by
 * @simplewebauthn/server) for one ceremony: only its SHA-256, with the account that may answer
 * it (registration) and a short lifetime.
 */
export async function rememberChallenge(
  db: Database,
  challenge: string,
  purpose: ChallengePurpose,
  userId: string | null,
): Promise<void> {
  await db.insert(passkeyChallenges).values({
    challengeHash: hashSecretToken(challenge),
    purpose,
    userId,
    expiresAt: new Date(Date.now() + env().PASSKEY_CHALLENGE_TTL_SECONDS * 1000),
  });
}

/**
 * Spends a challenge: one DELETE … RETURNING, so of two verifies naming it only one gets the
 * row, whatever happens to the answer after. An expired one is spent too, and said so.
 */
export async function spendChallenge(
  db: Database,
  challenge: string,
  purpose: ChallengePurpose,
): Promise<{ ok: true; userId: string | null } | ChallengeFailure> {
  const [row] = await db
    .delete(passkeyChallenges)
    .where(and(eq(passkeyChallenges.challengeHash, hashSecretToken(challenge)), eq(passkeyChallenges.purpose, purpose)))
    .returning({ userId: passkeyChallenges.userId, expiresAt: passkeyChallenges.expiresAt });
  if (!row) return { ok: false, code: "passkey_challenge_invalid" };
  if (row.expiresAt.getTime() <= Date.now()) return { ok: false, code: "passkey_challenge_expired" };
  return { ok: true, userId: row.userId };
}

/** The challenge a WebAuthn answer signed, read from its client data; null when unreadable. */
export function challengeOf(clientDataJSON: string): string | null {
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8")) as { challenge?: unknown };
    return typeof data.challenge === "string" && data.challenge.length <= 512 ? data.challenge : null;
  } catch {
    return null;
  }
}
