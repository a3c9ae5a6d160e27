import type { Database } from "@/db";
import { sendTwoFactorChangedMail } from "@/lib/mail/messages";
import { recordAuditEvent } from "./audit";
import type { ClientInfo } from "./client-info";
import type { DeviceOptions } from "./known-device";
import { lockoutFollowUp, passThrottle } from "./login-gate";
import { claimAttempt, recordFailure, successReset, throttleKey } from "./login-throttle";
import { claimMfaAttempt, spendMfaChallenge } from "./mfa-challenge";
import { signIn, type SessionStarted } from "./sign-in";
import { recoveryCodesLeft, spendRecoveryCode, spendTotpCode } from "./two-factor";
import { findUserById } from "./user";

type FollowUp = () => Promise<void>;

export type TwoFactorLoginResult =
  | (SessionStarted & { followUp?: FollowUp })
  | { ok: false; code: "mfa_token_invalid" | "account_disabled" }
  | { ok: false; code: "validation_error"; fields: Record<string, string[]>; followUp?: FollowUp }
  | { ok: false; code: "login_throttled"; retryAfter: number; followUp?: FollowUp };

const WRONG = {
  code: "That code is not right. Check the time on your phone and try the newest code.",
  recovery_code: "That recovery code is not right, or it was used already.",
};

/**
 * The second step of a sign-in: the mfa_token of a half-done sign-in and a code from the
 * authenticator app (or a recovery code). Each check is counted twice before it is made, both
 * atomically: on the challenge (MFA_MAX_ATTEMPTS, then the token is dead) and on the account's
 * login throttle, like a password check; so is a code used twice refused (two-factor.ts). The
 * session starts only here, and only here are the throttle counts of both steps reset.
 */
export async function completeTwoFactorLogin(
  db: Database,
  input: { mfaToken: string; code?: string; recoveryCode?: string },
  ctx: ClientInfo,
  device: DeviceOptions,
): Promise<TwoFactorLoginResult> {
  const challenge = await claimMfaAttempt(db, input.mfaToken);
  if (!challenge) return { ok: false, code: "mfa_token_invalid" };
  const user = await findUserById(db, challenge.userId);
  if (!user) return { ok: false, code: "mfa_token_invalid" };
  if (!user.isActive) return { ok: false, code: "account_disabled" };

  const key = throttleKey(user.id, user.username);
  const pass = await passThrottle(db, { key, claim: await claimAttempt(db, key) }, user, device.deviceToken);
  if (!pass.ok) {
    const followUp = pass.started ? await lockoutFollowUp(db, user, ctx) : undefined;
    return { ok: false, code: "login_throttled", retryAfter: pass.retryAfter, followUp };
  }

  const method = input.recoveryCode !== undefined ? "recovery_code" : "totp";
  const proved =
    method === "recovery_code"
      ? await spendRecoveryCode(db, user.id, input.recoveryCode!)
      : await spendTotpCode(db, user.id, input.code ?? "");
  if (!proved) {
    const started = await db.transaction(async (tx) => {
      await recordAuditEvent(tx, "mfa_failure", ctx, user.id, { method });
      return recordFailure(tx, pass.key, pass);
    });
    const followUp = started && !pass.device ? await lockoutFollowUp(db, user, ctx) : undefined;
    const field = method === "recovery_code" ? "recovery_code" : "code";
    return { ok: false, code: "validation_error", fields: { [field]: [WRONG[field]] }, followUp };
  }
  // Spent once: of two right answers in parallel, one signs in.
  if (!(await spendMfaChallenge(db, challenge.tokenHash))) return { ok: false, code: "mfa_token_invalid" };

  const firstStepKey = challenge.throttleKey && challenge.throttleKey !== pass.key ? challenge.throttleKey : null;
  const signedIn = await signIn(db, user.id, ctx, {
    ...device,
    method,
    throttleKey: pass.key,
    writes: firstStepKey ? [successReset(db, firstStepKey)] : [],
    metadata: { first_factor: challenge.firstFactor },
  });
  if (!signedIn.ok) return { ok: false, code: "mfa_token_invalid" };
  if (method !== "recovery_code") return signedIn;
  const followUp = async () =>
    sendTwoFactorChangedMail(user.email, "recovery_code_used", await recoveryCodesLeft(db, user.id));
  return { ...signedIn, followUp };
}
