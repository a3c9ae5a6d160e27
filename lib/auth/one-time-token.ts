import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db";
import { oneTimeTokens } from "@/db/schema";
import { env } from "@/lib/env";
import { generateSecretToken, hashSecretToken } from "./secret-token";
import { isUuid } from "./user";

export type TokenPurpose = "verify_email" | "password_reset";

/** The `{uid, token}` pair that goes into an emailed link. */
export interface LinkToken {
  uid: string;
  token: string;
}

export type ConsumeResult = { ok: true; userId: string } | { ok: false; code: "invalid_token" | "token_expired" | "token_used" };

function lifetimeSeconds(purpose: TokenPurpose): number {
  return purpose === "verify_email" ? env().VERIFY_TOKEN_TTL_SECONDS : env().RESET_TOKEN_TTL_SECONDS;
}

export function encodeUid(userId: string): string {
  return Buffer.from(userId).toString("base64url");
}

export function decodeUid(uid: string): string | null {
  const id = Buffer.from(uid, "base64url").toString();
  return isUuid(id) ? id : null;
}

/** Issues a fresh token; older unused tokens of the same purpose die with it. */
export async function issueOneTimeToken(db: Database, userId: string, purpose: TokenPurpose): Promise<LinkToken> {
  await db
    .delete(oneTimeTokens)
    .where(and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)));
  const token = generateSecretToken();
  await db.insert(oneTimeTokens).values({
    tokenHash: hashSecretToken(token),
    userId,
    purpose,
    expiresAt: new Date(Date.now() + lifetimeSeconds(purpose) * 1000),
  });
  return { uid: encodeUid(userId), token };
}

/** Marks the token used if it is valid for this uid and purpose; the row is locked meanwhile. */
export async function consumeOneTimeToken(db: Database, link: LinkToken, purpose: TokenPurpose): Promise<ConsumeResult> {
  const userId = decodeUid(link.uid);
  if (!userId) return { ok: false, code: "invalid_token" };
  const [row] = await db
    .select()
    .from(oneTimeTokens)
    .where(
      and(
        eq(oneTimeTokens.tokenHash, hashSecretToken(link.token)),
        eq(oneTimeTokens.userId, userId),
        eq(oneTimeTokens.purpose, purpose),
      ),
    )
    .for("update")
    .limit(1);
  if (!row) return { ok: false, code: "invalid_token" };
  if (row.usedAt) return { ok: false, code: "token_used" };
  if (row.expiresAt.getTime() <= Date.now()) return { ok: false, code: "token_expired" };
  await db.update(oneTimeTokens).set({ usedAt: new Date() }).where(eq(oneTimeTokens.tokenHash, row.tokenHash));
  return { ok: true, userId };
}
