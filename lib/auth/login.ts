import type { Database } from "@/db";
import type { LoginInput } from "@/lib/schemas/auth";
import { recordAuditEvent } from "./audit";
import type { DeviceOptions } from "./known-device";
import { lockoutFollowUp, passThrottle, type Pass, type Refusal } from "./login-gate";
import { claimLoginAttempt, recordFailure } from "./login-throttle";
import { hashPassword, passwordNeedsRehash, verifyDummyPassword, verifyPassword } from "./password";
import type { ClientInfo } from "./client-info";
import { signIn, type SignedIn } from "./sign-in";
import type { UserRow } from "./user";
import { resendVerificationLater } from "./email-verification";

/** Work to run after the response is sent, so that its cost tells nothing. */
export type FollowUp = () => Promise<void>;

export type LoginResult =
  | SignedIn
  | { ok: false; code: "invalid_credentials" | "account_disabled"; followUp?: FollowUp }
  | { ok: false; code: "login_throttled"; retryAfter: number; followUp?: FollowUp };

export async function logIn(
  db: Database,
  input: LoginInput,
  ctx: ClientInfo,
  options: DeviceOptions = {},
): Promise<LoginResult> {
  // The account and its counted attempt in one statement: counted before any password check.
  const { user, secondFactor, ...account } = await claimLoginAttempt(db, input.login);
  const pass = await passThrottle(db, account, user, options.deviceToken);
  if (!pass.ok) return throttled(db, user, pass, ctx);

  const passwordMatches = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyDummyPassword(input.password);
  const knowsPassword = user !== undefined && passwordMatches;
  // Only someone who knows the password learns that the account is disabled.
  if (knowsPassword && !user.isActive) return { ok: false, code: "account_disabled" };
  // A right password on an unverified account answers like a wrong one: otherwise signing up
  // with someone's email and then logging in would tell whether that email had an account.
  const maySignIn = knowsPassword && user.emailVerified;
  if (!maySignIn) {
    const lockout = await countFailure(db, user, pass, ctx);
    const resend = knowsPassword ? resendVerificationLater(db, user) : undefined;
    return { ok: false, code: "invalid_credentials", followUp: inOrder(lockout, resend) };
  }
  return succeed(db, user, input.password, pass, ctx, { ...options, secondFactor });
}

async function throttled(
  db: Database,
  user: UserRow | undefined,
  refusal: Refusal,
  ctx: ClientInfo,
): Promise<LoginResult> {
  const followUp = refusal.started ? await lockoutFollowUp(db, user, ctx) : undefined;
  return { ok: false, code: "login_throttled", retryAfter: refusal.retryAfter, followUp };
}

async function countFailure(
  db: Database,
  user: UserRow | undefined,
  pass: Pass,
  ctx: ClientInfo,
): Promise<FollowUp | undefined> {
  const started = await db.transaction(async (tx) => {
    // The typed login is not kept when it names no account: it may be a mistyped password.
    await recordAuditEvent(tx, "login_failure", ctx, user?.id ?? null);
    return recordFailure(tx, pass.key, pass);
  });
  // A known device's own count runs only while the account is throttled, whose lockout was announced already.
  const accountThrottleStarted = started && !pass.device;
  return accountThrottleStarted ? lockoutFollowUp(db, user, ctx) : undefined;
}

async function succeed(
  db: Database,
  user: UserRow,
  password: string,
  pass: Pass,
  ctx: ClientInfo,
  options: DeviceOptions & { secondFactor: boolean },
): Promise<LoginResult> {
  const rehash = passwordNeedsRehash(user.passwordHash) ? await hashPassword(password) : null;
  // A known browser passing a throttle starts its own count afresh; the account's stays. Reset
  // with the session: after the second factor, when the account has one.
  return signIn(db, user.id, ctx, { ...options, method: "password", passwordHash: rehash, throttleKey: pass.key });
}

function inOrder(...tasks: (FollowUp | undefined)[]): FollowUp | undefined {
  const due = tasks.filter((task) => task !== undefined);
  if (due.length === 0) return undefined;
  return async () => {
    for (const task of due) await task();
  };
}
