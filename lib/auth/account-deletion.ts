import { createHmac } from "node:crypto";
import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db";
import { loginThrottles, refreshTokens, sessions, users } from "@/db/schema";
import { env } from "@/lib/env";
import { sendAccountDeletedMail } from "@/lib/mail/messages";
import type { AccountDeleteInput } from "@/lib/schemas/account-lifecycle";
import { recordAuditEvent } from "./audit";
import { throttleKey } from "./login-throttle";
import { proofProblemOf } from "./password-proof";
import { revokeUserSessions } from "./session";
import type { UserRow } from "./user";

export type AccountDeleteResult =
  | { ok: true; goodbye: () => Promise<void> }
  | { ok: false; code: "validation_error"; fields: Record<string, string[]> }
  | { ok: false; code: "not_authenticated" };

/**
 * The account's stable pseudonym in the audit trail once it is gone: a keyed hash of its id, so
 * the record says "an account was deleted" and, to whoever holds the key and an old id (a
 * support request), which one; never who it belonged to.
 */
export function accountPseudonym(userId: string): string {
  const key = createHmac("sha256", "astroworld-account-pseudonym").update(env().AUTH_SIGNING_KEY).digest();
  return createHmac("sha256", key).update(userId).digest("base64url");
}

/**
 * Deletes the account after its password is entered again: in one transaction the user row goes
 * and with it, by cascade, every session and refresh token, link, known device, provider
 * identity and audit event (db/schema.ts); the account's login throttle goes too. The trail
 * keeps one `account_deleted` event with no user, address, IP or user agent: a pseudonym only.
 * A refresh racing the deletion either finishes first (its new token goes with the session) or
 * waits and then finds nothing.
 */
export async function deleteAccount(
  db: Database,
  user: UserRow,
  input: AccountDeleteInput,
): Promise<AccountDeleteResult> {
  const problem = await proofProblemOf(db, user, input);
  if (problem) return { ok: false, code: "validation_error", fields: { [problem.field]: [problem.message] } };
  // First every session ends, on its own: from then on no refresh can mint a token, so the
  // set of tokens locked below cannot grow while the deletion holds it.
  await revokeUserSessions(db, user.id);
  const deleted = await db.transaction(async (tx) => {
    // Locked in the order a refresh locks them (its token, then its session), each set sorted:
    // a refresh or another deletion racing this one queues instead of deadlocking.
    await tx
      .select({ hash: refreshTokens.jtiHash })
      .from(refreshTokens)
      .where(
        inArray(
          refreshTokens.sessionId,
          tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id)),
        ),
      )
      .orderBy(asc(refreshTokens.jtiHash))
      .for("update");
    await tx
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.userId, user.id))
      .orderBy(asc(sessions.id))
      .for("update");
    const [gone] = await tx.delete(users).where(eq(users.id, user.id)).returning({ id: users.id });
    if (!gone) return false;
    await tx.delete(loginThrottles).where(eq(loginThrottles.key, throttleKey(user.id, "")));
    await recordAuditEvent(tx, "account_deleted", { ip: null, userAgent: null }, null, {
      pseudonym: accountPseudonym(user.id),
    });
    return true;
  });
  // A second deletion in a race finds nothing left: its caller is no longer anyone.
  if (!deleted) return { ok: false, code: "not_authenticated" };
  return { ok: true, goodbye: () => sendAccountDeletedMail(user.email, user.username) };
}
