import { and, eq, gt } from "drizzle-orm";
import type { Database } from "@/db";
import type { Write } from "@/db/one-statement";
import { knownDevices } from "@/db/schema";
import { generateSecretToken, hashSecretToken } from "./secret-token";

export const KNOWN_DEVICE_SECONDS = 180 * 24 * 3600;

export interface DeviceOptions {
  /** The browser's known-device cookie, which may pass a throttle on its own account. */
  deviceToken?: string | null;
  /** Cookie clients get a known-device token back; token clients have nowhere to keep it. */
  rememberDevice?: boolean;
}

/**
 * A browser that signed in to an account keeps a random "known device" token in a cookie,
 * and may still try that account while it is throttled (OWASP's device-cookie defence): an
 * attacker can slow down guessing, but cannot lock the owner out of their own browser.
 * Only the token's SHA-256 is stored, so the cookie survives signing-key rotation, and
 * deleting the rows (password change or reset, sign out everywhere) revokes every device.
 */
export async function findKnownDevice(
  db: Database,
  token: string | null | undefined,
  userId: string,
): Promise<string | null> {
  if (!token || token.length > 128) return null;
  const [row] = await db
    .select({ id: knownDevices.id })
    .from(knownDevices)
    .where(
      and(
        eq(knownDevices.tokenHash, hashSecretToken(token)),
        eq(knownDevices.userId, userId),
        gt(knownDevices.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return row?.id ?? null;
}

/** The token this browser should carry: its current one while it is still valid, else a new one. */
export async function rememberDevice(
  db: Database,
  userId: string,
  presented: string | null | undefined,
): Promise<string> {
  const { token, insert } = await deviceToRemember(db, userId, presented);
  if (insert) await insert;
  return token;
}

/** What `rememberDevice` answers, and the row it would store (if any), for a caller that writes it with its own. */
export async function deviceToRemember(
  db: Database,
  userId: string,
  presented: string | null | undefined,
): Promise<{ token: string; insert: Write | null }> {
  if (presented && (await findKnownDevice(db, presented, userId))) return { token: presented, insert: null };
  const token = generateSecretToken();
  const insert = db.insert(knownDevices).values({
    tokenHash: hashSecretToken(token),
    userId,
    expiresAt: new Date(Date.now() + KNOWN_DEVICE_SECONDS * 1000),
  });
  return { token, insert };
}

export async function forgetKnownDevices(db: Database, userId: string): Promise<void> {
  await db.delete(knownDevices).where(eq(knownDevices.userId, userId));
}
