import { and, count, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { sessions } from "@/db/schema";
import { afterResponse } from "@/lib/http/after-response";
import { sendNewDeviceMail } from "@/lib/mail/messages";
import { recordAuditEvent } from "./audit";
import type { ClientInfo } from "./client-info";
import { describeDevice } from "./device";
import { issueOneTimeToken } from "./one-time-token";
import type { SignInMethod } from "./sign-in";
import { findUserById } from "./user";

const METHODS: Record<SignInMethod, string> = {
  password: "Password",
  email_link: "Emailed sign-in link",
  email_code: "Emailed sign-in code",
  totp: "Password and authenticator code",
  recovery_code: "Password and recovery code",
  passkey: "Passkey",
  oauth: "Sign-in provider",
};

export interface SignInSeen {
  userId: string;
  ctx: ClientInfo;
  method: SignInMethod;
  /** The account had signed in before this sign-in (its first one after sign-up is not news). */
  signedInBefore: boolean;
  /**
   * A browser: whether it carried this account's known-device token. A token client (no
   * cookies, nowhere to keep one): null, and it counts as seen when another session of the
   * account came from the same user agent and IP.
   */
  knownBrowser: boolean | null;
}

/**
 * Mails the owner about a sign-in from a device not seen before, after the response: it never
 * slows or fails the sign-in. Nothing for a known browser or the account's first sign-in.
 */
export async function alertIfNewDevice(db: Database, seen: SignInSeen): Promise<void> {
  const alert = newDeviceAlert(db, seen);
  if (alert) await afterResponse("new-device alert", alert);
}

function newDeviceAlert(db: Database, seen: SignInSeen): (() => Promise<void>) | null {
  if (!seen.signedInBefore || seen.knownBrowser === true) return null;
  return async () => {
    if (seen.knownBrowser === null && (await seenFromHere(db, seen.userId, seen.ctx))) return;
    const user = await findUserById(db, seen.userId);
    if (!user?.isActive) return;
    // Each alert's link stays good for its own lifetime: a second alert must not disarm the first.
    const secure = await db.transaction((tx) => issueOneTimeToken(tx, user.id, "secure_account", { keepOthers: true }));
    await recordAuditEvent(db, "new_device_alert", seen.ctx, user.id, { method: seen.method });
    const details = {
      device: describeDevice(seen.ctx.userAgent),
      ip: seen.ctx.ip ?? "unknown",
      when: new Date().toUTCString(),
      method: METHODS[seen.method],
    };
    await sendNewDeviceMail(user.email, details, { uid: secure.uid, token: secure.token });
  };
}

/** Another session of this account (the new one is already stored) from the same user agent and IP. */
async function seenFromHere(db: Database, userId: string, ctx: ClientInfo): Promise<boolean> {
  if (!ctx.userAgent || !ctx.ip) return false;
  const [row] = await db
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.userAgent, ctx.userAgent), eq(sessions.ip, ctx.ip)));
  return (row?.n ?? 0) > 1;
}
