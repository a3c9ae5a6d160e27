import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { reauthCodes } from "@/db/schema";
import { sendReauthCodeMail } from "@/lib/mail/messages";
import { withinLimit } from "@/lib/ratelimit";
import { recordAuditEvent } from "./audit";
import type { ClientInfo } from "./client-info";
import { CODE_ATTEMPTS, mailedCodeHash, newMailedCode } from "./mailed-code";
import { secretTokensEqual } from "./secret-token";
import type { UserRow } from "./user";

/** How long a "confirm it's you" code works. */
export const REAUTH_CODE_TTL_SECONDS = 600;

const codeHash = (userId: string, code: string) => mailedCodeHash("reauth", userId, code);

/**
 * Mails the signed-in account a 6-digit code that stands in for its password when it confirms
 * a sensitive change (new email, deletion): the proof for an account that has no password
 * (made by a provider sign-in). A new request replaces the live code, its attempts back at
 * zero. The mail shares the address's resend limit, so nobody floods the inbox through it.
 */
export async function requestReauthCode(db: Database, user: UserRow, ctx: ClientInfo): Promise<() => Promise<void>> {
  const code = newMailedCode();
  const fresh = {
    codeHash: codeHash(user.id, code),
    attempts: 0,
    createdAt: new Date(),
    expiresAt: new Date(Date.now() + REAUTH_CODE_TTL_SECONDS * 1000),
    usedAt: null,
  };
  await db
    .insert(reauthCodes)
    .values({ userId: user.id, ...fresh })
    .onConflictDoUpdate({ target: reauthCodes.userId, set: fresh });
  await recordAuditEvent(db, "reauth_code_requested", ctx, user.id);
  return async () => {
    if (await withinLimit("verify_resend", `address|${user.email.toLowerCase()}`))
      await sendReauthCodeMail(user.email, code, Math.round(REAUTH_CODE_TTL_SECONDS / 60));
  };
}

/**
 * Spends the account's code if `code` is it: the attempt is claimed first, in the statement that
 * finds the live code (a parallel burst gets at most CODE_ATTEMPTS comparisons), compared in
 * constant time, then spent (of parallel right answers one wins). True only for that one.
 */
export async function spendReauthCode(db: Database, userId: string, code: string): Promise<boolean> {
  const [claimed] = await db
    .update(reauthCodes)
    .set({ attempts: sql`${reauthCodes.attempts} + 1` })
    .where(
      and(
        eq(reauthCodes.userId, userId),
        isNull(reauthCodes.usedAt),
        gt(reauthCodes.expiresAt, sql`now()`),
        lt(reauthCodes.attempts, CODE_ATTEMPTS),
      ),
    )
    .returning({ codeHash: reauthCodes.codeHash });
  if (!claimed || !secretTokensEqual(claimed.codeHash, codeHash(userId, code))) return false;
  const [spent] = await db
    .update(reauthCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(reauthCodes.userId, userId), eq(reauthCodes.codeHash, claimed.codeHash), isNull(reauthCodes.usedAt)))
    .returning({ userId: reauthCodes.userId });
  return Boolean(spent);
}
