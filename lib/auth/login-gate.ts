import type { Database } from "@/db";
import { env } from "@/lib/env";
import { sendLoginThrottledMail } from "@/lib/mail/messages";
import { unlockLinkFor } from "./account-unlock";
import { recordAuditEvent } from "./audit";
import { findKnownDevice } from "./known-device";
import { claimAttempt, deviceThrottleKey, type Claim } from "./login-throttle";
import type { ClientInfo } from "./client-info";
import type { UserRow } from "./user";

/** A counted attempt whose password may be checked: by the account's count, or a known device's. */
export type Pass = { ok: true; key: string; attempt: number; device: boolean };
export type Refusal = { ok: false; retryAfter: number; started: boolean };

/**
 * The account's count decides first. While the account is throttled, a browser that signed in
 * to it before (known-device cookie) still gets its own ten checks per window, so an attacker
 * who knows only the username cannot keep the owner out of their own browser. Every attempt
 * counts toward the account either way.
 */
export async function passThrottle(
  db: Database,
  account: { key: string; claim: Claim },
  user: UserRow | undefined,
  deviceToken: string | null | undefined,
): Promise<Pass | Refusal> {
  const { key, claim } = account;
  if (claim.allowed) return { ok: true, key, attempt: claim.attempt, device: false };
  const deviceId = user && deviceToken ? await findKnownDevice(db, deviceToken, user.id) : null;
  if (!deviceId) return { ok: false, retryAfter: claim.retryAfter, started: claim.started };
  const deviceKey = deviceThrottleKey(deviceId);
  const deviceClaim = await claimAttempt(db, deviceKey);
  if (!deviceClaim.allowed) return { ok: false, retryAfter: deviceClaim.retryAfter, started: claim.started };
  return { ok: true, key: deviceKey, attempt: deviceClaim.attempt, device: true };
}

/**
 * A throttle has just begun: a `lockout` event now (for an unknown login name too, so both
 * cost the same), and the owner's mail with an unlock link after the response.
 */
export async function lockoutFollowUp(
  db: Database,
  user: UserRow | undefined,
  ctx: ClientInfo,
): Promise<(() => Promise<void>) | undefined> {
  const seconds = env().LOGIN_THROTTLE_SECONDS;
  await recordAuditEvent(db, "lockout", ctx, user?.id ?? null, { seconds });
  if (!user) return undefined;
  return async () => {
    // While an earlier link is live the owner has it already: one mail per link, not per throttle.
    const unlock = await unlockLinkFor(db, user.id);
    if (unlock) await sendLoginThrottledMail(user.email, Math.round(seconds / 60), unlock);
  };
}
