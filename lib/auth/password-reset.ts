import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { users } from "@/db/schema";
import { sendPasswordChangedMail, sendPasswordResetMail } from "@/lib/mail/messages";
import type { PasswordResetConfirmInput } from "@/lib/schemas/account";
import { recordAuditEvent } from "./audit";
import type { PolicyName } from "@/lib/ratelimit";
import {
  decodeUid,
  discardOneTimeTokens,
  issueOneTimeToken,
  lockOneTimeToken,
  markOneTimeTokenUsed,
  type TokenFailure,
} from "./one-time-token";
import { forgetKnownDevices } from "./known-device";
import { liftThrottle, throttleKey } from "./login-throttle";
import { hashPassword } from "./password";
import { passwordProblem } from "./password-policy";
import type { ClientInfo } from "./client-info";
import { revokeUserSessions } from "./session";
import { findUserByEmail, findUserById, personalAttributes, type UserRow } from "./user";

export type ResetConfirmResult =
  { ok: true } | TokenFailure | { ok: false; code: "validation_error"; fields: Record<string, string[]> };

/** Mails a link only when an active account exists; the caller answers the same either way. */
export async function requestPasswordReset(db: Database, email: string): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user?.isActive) return;
  const link = await db.transaction((tx) => issueOneTimeToken(tx, user.id, "password_reset"));
  await sendPasswordResetMail(user.email, link);
}

export async function confirmPasswordReset(
  db: Database,
  input: PasswordResetConfirmInput,
  ctx: ClientInfo,
): Promise<ResetConfirmResult> {
  // argon2 is the whole cost of this request: a bogus, expired or used link, or a rejected
  // password, is answered for the price of an indexed read, before anything is hashed.
  const checked = await checkResetLink(db, input);
  if (!checked.ok) return checked;
  const newHash = await hashPassword(input.new_password);
  const outcome = await db.transaction(async (tx): Promise<ResetConfirmResult | { ok: true; email: string }> => {
    // Checked again under the row lock: of parallel confirms that all passed the first look,
    // exactly one writes and the others see the link used.
    const link = await checkResetLink(tx, input);
    if (!link.ok) return link;
    const { user } = link;
    await markOneTimeTokenUsed(tx, link.tokenHash);
    // Following the link proves the person reads this inbox, so the address counts as verified.
    await tx.update(users).set({ passwordHash: newHash, emailVerified: true }).where(eq(users.id, user.id));
    await discardOneTimeTokens(tx, user.id, "password_reset");
    // A pending email change was asked for with the old password: it may have been someone else.
    await discardOneTimeTokens(tx, user.id, "email_change");
    await revokeUserSessions(tx, user.id);
    await forgetKnownDevices(tx, user.id);
    await liftThrottle(tx, throttleKey(user.id, user.username));
    await recordAuditEvent(tx, "password_reset", ctx, user.id);
    return { ok: true, email: user.email };
  });
  if (!outcome.ok) return outcome;
  if ("email" in outcome) await sendPasswordChangedMail(outcome.email, "reset");
  return { ok: true };
}

/**
 * What a reset link's page shows on arrival, before anyone types a password: live, or dead and
 * why (invalid, expired, used). Nothing else: an unknown account and a wrong token look alike.
 * A plain indexed read; it changes nothing.
 */
export async function resetLinkState(
  db: Database,
  link: { uid: string; token: string },
): Promise<{ ok: true } | TokenFailure> {
  const token = await lockOneTimeToken(db, link, "password_reset");
  if (!token.ok) return token;
  const user = await findUserById(db, token.userId);
  return user?.isActive ? { ok: true } : { ok: false, code: "invalid_token" };
}

type CheckedLink = { ok: true; user: UserRow; tokenHash: string } | Exclude<ResetConfirmResult, { ok: true }>;

/**
 * A live reset link of an active account, with a new password the policy accepts. Inside a
 * transaction the token row stays locked until it ends; outside one, the lock lasts the
 * statement (waiting out a confirm that is writing), so it is a plain indexed read.
 */
async function checkResetLink(db: Database, input: PasswordResetConfirmInput): Promise<CheckedLink> {
  const token = await lockOneTimeToken(db, input, "password_reset");
  if (!token.ok) return token;
  const user = await findUserById(db, token.userId);
  if (!user?.isActive) return { ok: false, code: "invalid_token" };
  // A rejected password leaves the link unused, so the person can try another one.
  const problem = passwordProblem(input.new_password, personalAttributes(user));
  if (problem) return { ok: false, code: "validation_error", fields: { new_password: [problem] } };
  return { ok: true, user, tokenHash: token.tokenHash };
}

/**
 * Limits of a confirm: per client IP, and per account the link names, keyed by the decoded
 * user id so that other spellings of the same uid share one budget.
 */
export function resetConfirmLimits(ip: string | null, uid: string): [PolicyName, string][] {
  return [
    ["password_reset_confirm_ip", ip ?? "unknown"],
    ["password_reset_confirm", `uid|${decodeUid(uid) ?? uid}`],
  ];
}
