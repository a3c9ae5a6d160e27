import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { oneTimeTokens } from "@/db/schema";
import { env } from "@/lib/env";
import { generateSecretToken, hashSecretToken } from "./secret-token";
import { isUuid } from "./user";

export type TokenPurpose =
  "verify_email" | "password_reset" | "unlock" | "email_change" | "email_change_revert" | "secure_account";

/** The `{uid, token}` pair that goes into an emailed link. */
export interface LinkToken {
  uid: string;
  token: string;
}

export type TokenFailure = { ok: false; code: "invalid_token" | "token_expired" | "token_used" };
export type ConsumeResult = { ok: true; userId: string } | TokenFailure;
type LockResult = { ok: true; userId: string; tokenHash: string } | TokenFailure;

function lifetimeSeconds(purpose: TokenPurpose): number {
  const e = env();
  return {
    verify_email: e.VERIFY_TOKEN_TTL_SECONDS,
    password_reset: e.RESET_TOKEN_TTL_SECONDS,
    unlock: e.UNLOCK_TOKEN_TTL_SECONDS,
    email_change: e.EMAIL_CHANGE_TOKEN_TTL_SECONDS,
    email_change_revert: e.EMAIL_CHANGE_REVERT_TTL_SECONDS,
    secure_account: e.SECURE_ACCOUNT_TOKEN_TTL_SECONDS,
  }[purpose];
}

export function encodeUid(userId: string): string {
  return Buffer.from(userId).toString("base64url");
}

export function decodeUid(uid: string): string | null {
  const id = Buffer.from(uid, "base64url").toString();
  return isUuid(id) ? id : null;
}

/**
 * Issues a fresh token; older unused tokens of the same purpose die with it (unless `keepOthers`:
 * each "this wasn't me" link must outlive later ones). Call it inside a transaction:
 * simultaneous requests for one user and purpose queue on an advisory lock, so each sees the
 * other's token and exactly one link stays live.
 */
export async function issueOneTimeToken(
  db: Database,
  userId: string,
  purpose: TokenPurpose,
  options: { keepOthers?: boolean } = {},
): Promise<LinkToken & { tokenHash: string }> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`one_time_token:${purpose}:${userId}`}))`);
  if (!options.keepOthers) await discardOneTimeTokens(db, userId, purpose);
  const token = generateSecretToken();
  const tokenHash = hashSecretToken(token);
  await db.insert(oneTimeTokens).values({
    tokenHash,
    userId,
    purpose,
    expiresAt: new Date(Date.now() + lifetimeSeconds(purpose) * 1000),
  });
  return { uid: encodeUid(userId), token, tokenHash };
}

/** Finds a valid token for this uid and purpose and locks its row until the transaction ends. */
export async function lockOneTimeToken(db: Database, link: LinkToken, purpose: TokenPurpose): Promise<LockResult> {
  const userId = decodeUid(link.uid);
  if (!userId) return { ok: false, code: "invalid_token" };
  const tokenHash = hashSecretToken(link.token);
  const [row] = await db
    .select()
    .from(oneTimeTokens)
    .where(
      and(eq(oneTimeTokens.tokenHash, tokenHash), eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, purpose)),
    )
    .for("update")
    .limit(1);
  if (!row) return { ok: false, code: "invalid_token" };
  if (row.usedAt) return { ok: false, code: "token_used" };
  if (row.expiresAt.getTime() <= Date.now()) return { ok: false, code: "token_expired" };
  return { ok: true, userId, tokenHash };
}

export async function markOneTimeTokenUsed(db: Database, tokenHash: string): Promise<void> {
  await db.update(oneTimeTokens).set({ usedAt: new Date() }).where(eq(oneTimeTokens.tokenHash, tokenHash));
}

export async function consumeOneTimeToken(
  db: Database,
  link: LinkToken,
  purpose: TokenPurpose,
): Promise<ConsumeResult> {
  const locked = await lockOneTimeToken(db, link, purpose);
  if (!locked.ok) return locked;
  await markOneTimeTokenUsed(db, locked.tokenHash);
  return { ok: true, userId: locked.userId };
}

/** Kills every unused token of a purpose, e.g. all reset links once the password changes. */
export async function discardOneTimeTokens(db: Database, userId: string, purpose: TokenPurpose): Promise<void> {
  await db
    .delete(oneTimeTokens)
    .where(and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)));
}
