import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { asCtes, type Write } from "@/db/one-statement";
import { users } from "@/db/schema";
import { auditEventInsert } from "./audit";
import type { ClientInfo } from "./client-info";
import type { IssuedTokens } from "./jwt";
import { deviceToRemember, type DeviceOptions } from "./known-device";
import { alertIfNewDevice } from "./new-device-alert";
import { successReset } from "./login-throttle";
import { startMfaChallenge, type MfaRequired } from "./mfa-challenge";
import { newSession } from "./session";
import { twoFactorEnabled } from "./two-factor";
import { toPublicUser, type PublicUser } from "./user";

/** How a person proved who they are; every way in ends in `signIn`. */
export type SignInMethod = "password" | "email_link" | "email_code" | "totp" | "recovery_code" | "passkey" | "oauth";

/** One factor only: an account with a second factor must also show it (the gate in `signIn`). */
const ONE_FACTOR_METHODS: ReadonlySet<SignInMethod> = new Set(["password", "email_link", "email_code", "oauth"]);

export interface SignInOptions extends DeviceOptions {
  method: SignInMethod;
  /**
   * The login-throttle count this sign-in passed: reset in the same statement as the session,
   * and not before (after the second factor, when the account has one).
   */
  throttleKey?: string;
  /** Writes that belong to this sign-in (a throttle reset, a spent one-time token): stored with it or not at all. */
  writes?: Write[];
  /** Whether the account has a second factor on, when the caller read it already (else signIn reads it). */
  secondFactor?: boolean;
  /** A fresh hash of the password just checked, when the stored one uses older parameters. */
  passwordHash?: string | null;
  /** What the `login_success` event records beside the method (a provider's name, say). */
  metadata?: Record<string, unknown>;
}

export type SessionStarted = { ok: true; user: PublicUser; tokens: IssuedTokens; deviceToken: string | null };
/**
 * A session, or, for one factor of an account with TOTP on, the second step still due
 * (`mfa_required`, a refusal a route passes through: lib/http/route.ts answers it with the token).
 */
export type SignedIn = SessionStarted | MfaRequired;

/**
 * Starts a session for a person who has proved who they are: the same tokens, cookies, device
 * token and audit event whichever way they came in (password, emailed link or code, second
 * factor, passkey, OAuth provider). One statement, all or nothing: the sign-in time, the
 * session and its refresh token, the caller's own writes, the event and, for a browser, its
 * known-device row.
 */
export async function signIn(db: Database, userId: string, ctx: ClientInfo, options: SignInOptions): Promise<SignedIn> {
  const secondFactorDue =
    ONE_FACTOR_METHODS.has(options.method) && (options.secondFactor ?? (await twoFactorEnabled(db, userId)));
  if (secondFactorDue) {
    return startMfaChallenge(db, userId, ctx, {
      firstFactor: options.method,
      throttleKey: options.throttleKey,
      writes: options.writes,
      passwordHash: options.passwordHash,
    });
  }
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
    ...(options.throttleKey ? [successReset(db, options.throttleKey)] : []),
    auditEventInsert(db, "login_success", ctx, userId, metadata),
    ...(device?.insert ? [device.insert] : []),
  ];
  // Read in the update's own snapshot: the sign-in before this one (none: the first after sign-up).
  const previous = db
    .$with("previous")
    .as(db.select({ lastLogin: users.lastLogin }).from(users).where(eq(users.id, userId)));
  const [row] = await db
    .with(signedIn, previous, ...asCtes(db, writes))
    .select()
    .from(signedIn)
    .leftJoin(previous, sql`true`);
  await alertIfNewDevice(db, {
    userId,
    ctx,
    method: options.method,
    signedInBefore: row!.previous?.lastLogin != null,
    knownBrowser: options.rememberDevice ? !device?.insert : null,
  });
  return { ok: true, user: toPublicUser(row!.signed_in), tokens: session.tokens, deviceToken: device?.token ?? null };
}
