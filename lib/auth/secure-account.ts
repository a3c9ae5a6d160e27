import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { users } from "@/db/schema";
import type { SecureAccountInput } from "@/lib/schemas/email-sign-in";
import { recordAuditEvent } from "./audit";
import type { ClientInfo } from "./client-info";
import { forgetKnownDevices } from "./known-device";
import { lockOneTimeToken, markOneTimeTokenUsed, type TokenFailure } from "./one-time-token";
import { unusablePasswordHash } from "./password";
import { requestPasswordReset, resetConfirmLimits } from "./password-reset";
import { revokeUserSessions } from "./session";

export const SECURED =
  "Your account is secured: every device is signed out and your old password no longer works. We have emailed you a link to choose a new one.";

export type SecureResult = { ok: true; followUp: () => Promise<void> } | TokenFailure;

/**
 * "This wasn't me" from a new-device alert: in one transaction the link is spent, every session
 * ends, every known browser is forgotten and the password stops working (whoever signed in may
 * know it); the owner then gets a reset link (the follow-up, after the response) to choose a
 * new one. Emailed sign-in, where enabled, still works for the owner meanwhile.
 */
export async function secureAccount(db: Database, link: SecureAccountInput, ctx: ClientInfo): Promise<SecureResult> {
  const outcome = await db.transaction(async (tx): Promise<{ ok: true; email: string } | TokenFailure> => {
    const token = await lockOneTimeToken(tx, link, "secure_account");
    if (!token.ok) return token;
    const [user] = await tx
      .update(users)
      .set({ passwordHash: unusablePasswordHash() })
      .where(eq(users.id, token.userId))
      .returning({ email: users.email });
    if (!user) return { ok: false, code: "invalid_token" };
    await markOneTimeTokenUsed(tx, token.tokenHash);
    const sessions = await revokeUserSessions(tx, token.userId);
    await forgetKnownDevices(tx, token.userId);
    await recordAuditEvent(tx, "account_secured", ctx, token.userId, { sessions });
    return { ok: true, email: user.email };
  });
  if (!outcome.ok) return outcome;
  return { ok: true, followUp: () => requestPasswordReset(db, outcome.email) };
}

/** Per client IP, and per account the link names (the reset confirm's budgets). */
export const secureAccountLimits = resetConfirmLimits;
