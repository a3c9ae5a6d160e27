import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "@/db";
import { oneTimeTokens } from "@/db/schema";
import type { EmailVerifyInput } from "@/lib/schemas/auth";
import { recordAuditEvent } from "./audit";
import { liftThrottle, throttleKey } from "./login-throttle";
import { rememberDevice, type DeviceOptions } from "./known-device";
import { consumeOneTimeToken, issueOneTimeToken, type LinkToken, type TokenFailure } from "./one-time-token";
import type { ClientInfo } from "./client-info";

/**
 * The unlock link that comes with the "sign-ins paused" mail: the owner's way back in from a
 * new browser or an app (no known-device cookie there) while an attacker keeps the account
 * throttled. It is mailed with the throttle, never on request, so no per-address mail limit
 * an attacker has exhausted can hold it back; and while one link is live no other is sent,
 * so an attacker re-throttling the account cannot flood the inbox either.
 */
export async function unlockLinkFor(db: Database, userId: string): Promise<LinkToken | null> {
  return db.transaction(async (tx) => {
    const [live] = await tx
      .select({ hash: oneTimeTokens.tokenHash })
      .from(oneTimeTokens)
      .where(
        and(
          eq(oneTimeTokens.userId, userId),
          eq(oneTimeTokens.purpose, "unlock"),
          isNull(oneTimeTokens.usedAt),
          gt(oneTimeTokens.expiresAt, new Date()),
        ),
      )
      .limit(1);
    return live ? null : issueOneTimeToken(tx, userId, "unlock");
  });
}

export type UnlockResult = { ok: true; deviceToken: string | null } | TokenFailure;

/**
 * Following the link proves the inbox: the account's throttle is lifted for every channel,
 * and a browser that opened it becomes a known device of the account.
 */
export async function unlockAccount(
  db: Database,
  link: EmailVerifyInput,
  ctx: ClientInfo,
  device: DeviceOptions,
): Promise<UnlockResult> {
  return db.transaction(async (tx) => {
    const result = await consumeOneTimeToken(tx, link, "unlock");
    if (!result.ok) return result;
    await liftThrottle(tx, throttleKey(result.userId, ""));
    await recordAuditEvent(tx, "unlock", ctx, result.userId);
    const deviceToken = device.rememberDevice ? await rememberDevice(tx, result.userId, device.deviceToken) : null;
    return { ok: true, deviceToken };
  });
}
