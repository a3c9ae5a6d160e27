import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { users } from "@/db/schema";
import { sendPasswordChangedMail } from "@/lib/mail/messages";
import type { PasswordChangeInput } from "@/lib/schemas/account";
import { recordAuditEvent } from "./audit";
import { discardOneTimeTokens } from "./one-time-token";
import { hashPassword, hasUsablePassword, verifyPassword } from "./password";
import { passwordProblem } from "./password-policy";
import type { ClientInfo } from "./client-info";
import { forgetKnownDevices } from "./known-device";
import { revokeUserSessions } from "./session";
import { personalAttributes, type UserRow } from "./user";

export type PasswordChangeResult =
  { ok: true } | { ok: false; code: "validation_error"; fields: Record<string, string[]> };

/** Keeps the session that asked; every other session and every reset link dies. */
export async function changePassword(
  db: Database,
  user: UserRow,
  sessionId: string,
  input: PasswordChangeInput,
  ctx: ClientInfo,
): Promise<PasswordChangeResult> {
  if (!hasUsablePassword(user.passwordHash)) {
    const message = "Your account has no password yet. To set one, use “Forgot password?” on the login page.";
    return { ok: false, code: "validation_error", fields: { current_password: [message] } };
  }
  if (!(await verifyPassword(user.passwordHash, input.current_password))) {
    return {
      ok: false,
      code: "validation_error",
      fields: { current_password: ["Your current password is incorrect."] },
    };
  }
  const problem = passwordProblem(input.new_password, personalAttributes(user));
  if (problem) return { ok: false, code: "validation_error", fields: { new_password: [problem] } };
  const passwordHash = await hashPassword(input.new_password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await discardOneTimeTokens(tx, user.id, "password_reset");
    // A pending email change was asked for with the old password: it may have been someone else.
    await discardOneTimeTokens(tx, user.id, "email_change");
    await revokeUserSessions(tx, user.id, { keep: sessionId });
    await forgetKnownDevices(tx, user.id);
    await recordAuditEvent(tx, "password_change", ctx, user.id);
  });
  await sendPasswordChangedMail(user.email, "changed");
  return { ok: true };
}
