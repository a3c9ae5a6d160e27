import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { asCtes, type Write } from "@/db/one-statement";
import { users } from "@/db/schema";
import { auditEventInsert } from "./audit";
import type { ClientInfo } from "./client-info";
import type { IssuedTokens } from "./jwt";
import { deviceToRemember, type DeviceOptions } from "./known-device";
import { newSession } from "./session";
import { toPublicUser, type PublicUser } from "./user";

/** How a person proved who they are; every way in ends in `signIn`. */
export type SignInMethod = "password" | "email_link" | "email_code" | "totp" | "recovery_code" | "passkey" | "oauth";

export interface SignInOptions extends DeviceOptions {
  method: SignInMethod;
  /** Writes that belong to this sign-in (a throttle reset, a spent one-time token): stored with it or not at all. */
  writes?: Write[];
  /** A fresh hash of the password just checked, when the stored one uses older parameters. */
  passwordHash?: string | null;
  /** What the `login_success` event records beside the method (a provider's name, say). */
  metadata?: Record<string, unknown>;
}

export type SignedIn = { ok: true; user: PublicUser; tokens: IssuedTokens; deviceToken: string | null };

/**
 * Starts a session for a person who has proved who they are: the same tokens, cookies, device
 * token and audit event whichever way they came in (password, emailed link or code, second
 * factor, passkey, OAuth provider). One statement, all or nothing: the sign-in time, the
 * session and its refresh token, the caller's own writes, the event and, for a browser, its
 * known-device row.
 */
export async function signIn(db: Database, userId: string, ctx: ClientInfo, options: SignInOptions): Promise<SignedIn> {
  const session = await newSession(db, userId, ctx);
  const device = options.rememberDevice ? await deviceToRemember(db, userId, options.deviceToken) : null;
  const signedIn = db.$with("signed_in").as(
    db
      .update(users)
      .set({ lastLogin: new Date(), ...(options.passwordHash ? { passwordHash: options.passwordHash } : {}) })
      .where(eq(users.id, userId))
      .returning(),
  );
  // Password sign-ins keep their event as it always was; other ways say which they were.
  const metadata = options.method === "password" ? options.metadata : { method: options.method, ...options.metadata };
  const writes = [
    ...session.writes,
    ...(options.writes ?? []),
    auditEventInsert(db, "login_success", ctx, userId, metadata),
    ...(device?.insert ? [device.insert] : []),
  ];
  const [updated] = await db
    .with(signedIn, ...asCtes(db, writes))
    .select()
    .from(signedIn);
  return { ok: true, user: toPublicUser(updated!), tokens: session.tokens, deviceToken: device?.token ?? null };
}
