import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { users } from "@/db/schema";
import type { LoginInput } from "@/lib/schemas/auth";
import { recordAuditEvent } from "./audit";
import { sendLoginThrottledMail } from "@/lib/mail/messages";
import type { IssuedTokens } from "./jwt";
import { isKnownDevice, issueKnownDeviceToken } from "./known-device";
import { clearLoginThrottle, recordLoginFailure, THROTTLE_SECONDS, throttledFor, throttleKey } from "./login-throttle";
import { hashPassword, passwordNeedsRehash, verifyDummyPassword, verifyPassword } from "./password";
import type { RequestContext } from "./request-context";
import { createSession } from "./session";
import { findUserByLogin, toPublicUser, type PublicUser } from "./user";

export type LoginResult =
  | { ok: true; user: PublicUser; tokens: IssuedTokens; deviceToken: string }
  | { ok: false; code: "invalid_credentials" | "email_not_verified" | "account_disabled" }
  | { ok: false; code: "login_throttled"; retryAfter: number };

/** `deviceToken`: the browser's known-device cookie, which may pass a throttle on its own account. */
export async function logIn(db: Database, input: LoginInput, ctx: RequestContext, deviceToken: string | null = null): Promise<LoginResult> {
  const user = await findUserByLogin(db, input.login);
  const key = throttleKey(user?.id, input.login);
  const wait = await throttledFor(db, key);
  if (wait > 0 && !(user && (await isKnownDevice(deviceToken, user.id)))) return { ok: false, code: "login_throttled", retryAfter: wait };

  const valid = user ? await verifyPassword(user.passwordHash, input.password) : await verifyDummyPassword(input.password);
  if (!user || !valid) {
    const throttled = await db.transaction(async (tx) => {
      await recordAuditEvent(tx, "login_failure", ctx, user?.id ?? null, user ? undefined : { login: input.login.slice(0, 254) });
      const starts = await recordLoginFailure(tx, key);
      if (starts && user) await recordAuditEvent(tx, "lockout", ctx, user.id, { seconds: THROTTLE_SECONDS });
      return starts;
    });
    if (throttled && user) await sendLoginThrottledMail(user.email, THROTTLE_SECONDS / 60);
    return { ok: false, code: "invalid_credentials" };
  }
  // Only someone who knows the password learns whether the account is disabled or unverified.
  if (!user.isActive) return { ok: false, code: "account_disabled" };
  if (!user.emailVerified) return { ok: false, code: "email_not_verified" };

  const rehash = passwordNeedsRehash(user.passwordHash) ? await hashPassword(input.password) : null;
  return db.transaction(async (tx) => {
    const now = new Date();
    const [updated] = await tx
      .update(users)
      .set({ lastLogin: now, ...(rehash ? { passwordHash: rehash } : {}) })
      .where(eq(users.id, user.id))
      .returning();
    const tokens = await createSession(tx, user.id, ctx);
    // The owner's known browser passing a throttle leaves it in place for everyone else.
    if (wait === 0) await clearLoginThrottle(tx, key);
    await recordAuditEvent(tx, "login_success", ctx, user.id);
    return { ok: true, user: toPublicUser(updated!), tokens, deviceToken: await issueKnownDeviceToken(user.id) };
  });
}
