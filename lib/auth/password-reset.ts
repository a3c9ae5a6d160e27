import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { users } from "@/db/schema";
import { sendPasswordChangedMail, sendPasswordResetMail } from "@/lib/mail/messages";
import type { PasswordResetConfirmInput } from "@/lib/schemas/account";
import { recordAuditEvent } from "./audit";
import { discardOneTimeTokens, issueOneTimeToken, lockOneTimeToken, markOneTimeTokenUsed, type TokenFailure } from "./one-time-token";
import { clearLoginThrottle, throttleKey } from "./login-throttle";
import { hashPassword } from "./password";
import { passwordProblem } from "./password-policy";
import type { RequestContext } from "./request-context";
import { revokeUserSessions } from "./session";
import { findUserByEmail, findUserById, personalAttributes } from "./user";

export type ResetConfirmResult = { ok: true } | TokenFailure | { ok: false; code: "validation_error"; fields: Record<string, string[]> };

/** Mails a link only when an active account exists; the caller answers the same either way. */
export async function requestPasswordReset(db: Database, email: string): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user?.isActive) return;
  const link = await db.transaction((tx) => issueOneTimeToken(tx, user.id, "password_reset"));
  await sendPasswordResetMail(user.email, link);
}

export async function confirmPasswordReset(db: Database, input: PasswordResetConfirmInput, ctx: RequestContext): Promise<ResetConfirmResult> {
  const newHash = await hashPassword(input.new_password);
  const outcome = await db.transaction(async (tx): Promise<ResetConfirmResult | { ok: true; email: string }> => {
    const token = await lockOneTimeToken(tx, input, "password_reset");
    if (!token.ok) return token;
    const user = await findUserById(tx, token.userId);
    if (!user?.isActive) return { ok: false, code: "invalid_token" };
    // A rejected password leaves the link unused, so the person can try another one.
    const problem = passwordProblem(input.new_password, personalAttributes(user));
    if (problem) return { ok: false, code: "validation_error", fields: { new_password: [problem] } };
    await markOneTimeTokenUsed(tx, token.tokenHash);
    // Following the link proves the person reads this inbox, so the address counts as verified.
    await tx.update(users).set({ passwordHash: newHash, emailVerified: true }).where(eq(users.id, user.id));
    await discardOneTimeTokens(tx, user.id, "password_reset");
    await revokeUserSessions(tx, user.id);
    await clearLoginThrottle(tx, throttleKey(user.id, user.username));
    await recordAuditEvent(tx, "password_reset", ctx, user.id);
    return { ok: true, email: user.email };
  });
  if (!outcome.ok) return outcome;
  if ("email" in outcome) await sendPasswordChangedMail(outcome.email, "reset");
  return { ok: true };
}
