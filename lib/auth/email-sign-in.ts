import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { emailSignIns, users } from "@/db/schema";
import { emailSignInEnabled, env } from "@/lib/env";
import { sendEmailSignInMail } from "@/lib/mail/messages";
import type { PolicyName } from "@/lib/ratelimit";
import type { EmailSignInVerifyInput } from "@/lib/schemas/email-sign-in";
import { recordAuditEvent } from "./audit";
import type { ClientInfo } from "./client-info";
import type { DeviceOptions } from "./known-device";
import { CODE_ATTEMPTS, mailedCodeHash, newMailedCode } from "./mailed-code";
import { unusablePasswordHash } from "./password";
import { generateSecretToken, hashSecretToken, secretTokensEqual } from "./secret-token";
import { signIn, type SignedIn } from "./sign-in";
import { findUserByEmail, findUserById, type UserRow } from "./user";

export type EmailSignInFailure = {
  ok: false;
  code:
    "email_sign_in_disabled" | "invalid_token" | "token_expired" | "token_used" | "invalid_code" | "account_disabled";
};
export type EmailSignInResult = SignedIn | EmailSignInFailure;

/** The flag's refusal, for the routes to answer before anything else. */
export function emailSignInOff(): EmailSignInFailure | null {
  return emailSignInEnabled() ? null : { ok: false, code: "email_sign_in_disabled" };
}

// Wrong codes (CODE_ATTEMPTS) kill a mailed code; the link of the same mail, 256 random bits, stays good.
const codeHash = (userId: string, code: string) => mailedCodeHash("email-sign-in", userId, code);

/**
 * Mails a link and a code (one mail, one sign-in) only to an active account; the caller answers
 * the same either way and runs this after the response. The account's previous link and code
 * die: the row is replaced in one statement, with its attempt count back at zero.
 */
export async function requestEmailSignIn(db: Database, email: string, ctx: ClientInfo): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user?.isActive) return;
  const token = generateSecretToken();
  const code = newMailedCode();
  const fresh = {
    linkHash: hashSecretToken(token),
    codeHash: codeHash(user.id, code),
    attempts: 0,
    createdAt: new Date(),
    expiresAt: new Date(Date.now() + env().EMAIL_SIGN_IN_TTL_SECONDS * 1000),
    usedAt: null,
  };
  await db
    .insert(emailSignIns)
    .values({ userId: user.id, ...fresh })
    .onConflictDoUpdate({ target: emailSignIns.userId, set: fresh });
  await recordAuditEvent(db, "email_sign_in_requested", ctx, user.id);
  await sendEmailSignInMail(user.email, { token, code });
}

/**
 * Signs in with the emailed link's token or the address and code of the same mail. Each is
 * spent in one statement (of parallel uses exactly one wins), then the session starts through
 * `signIn` like any other way in (a second factor, where the account has one, is asked there).
 */
export async function signInByEmail(
  db: Database,
  input: EmailSignInVerifyInput,
  ctx: ClientInfo,
  device: DeviceOptions = {},
): Promise<EmailSignInResult> {
  const off = emailSignInOff();
  if (off) return off;
  const byLink = "token" in input;
  const spent = byLink ? await spendLink(db, input.token) : await spendCode(db, input.email, input.code, ctx);
  if (!spent.ok) return spent;
  const user = await findUserById(db, spent.userId);
  if (!user?.isActive) return { ok: false, code: "account_disabled" };
  if (!user.emailVerified) await proveAddress(db, user, ctx);
  return signIn(db, user.id, ctx, { ...device, method: byLink ? "email_link" : "email_code" });
}

type Spent = { ok: true; userId: string } | EmailSignInFailure;

async function spendLink(db: Database, token: string): Promise<Spent> {
  const linkHash = hashSecretToken(token);
  const live = and(isNull(emailSignIns.usedAt), gt(emailSignIns.expiresAt, sql`now()`));
  const [spent] = await db
    .update(emailSignIns)
    .set({ usedAt: sql`now()` })
    .where(and(eq(emailSignIns.linkHash, linkHash), live))
    .returning({ userId: emailSignIns.userId });
  if (spent) return { ok: true, userId: spent.userId };
  // Why it is dead, for the person holding the link (it names no address, so this tells nobody else anything).
  const [row] = await db.select().from(emailSignIns).where(eq(emailSignIns.linkHash, linkHash)).limit(1);
  if (!row) return { ok: false, code: "invalid_token" };
  if (row.usedAt) return { ok: false, code: "token_used" };
  return { ok: false, code: "token_expired" };
}

/**
 * One check of a code: the attempt is claimed first, in the statement that finds the account's
 * live code (so a parallel burst gets at most CODE_ATTEMPTS comparisons), then compared in
 * constant time and spent. Every failure is the same `invalid_code`: no account, no code,
 * expired, used, exhausted or wrong look alike, so the form tells nothing about the address.
 */
async function spendCode(db: Database, email: string, code: string, ctx: ClientInfo): Promise<Spent> {
  const refused = { ok: false, code: "invalid_code" } as const;
  const account = sql`(select ${users.id} from ${users} where lower(${users.email}) = ${email.toLowerCase()})`;
  const [claimed] = await db
    .update(emailSignIns)
    .set({ attempts: sql`${emailSignIns.attempts} + 1` })
    .where(
      and(
        eq(emailSignIns.userId, account),
        isNull(emailSignIns.usedAt),
        gt(emailSignIns.expiresAt, sql`now()`),
        lt(emailSignIns.attempts, CODE_ATTEMPTS),
      ),
    )
    .returning({ userId: emailSignIns.userId, codeHash: emailSignIns.codeHash, attempts: emailSignIns.attempts });
  if (!claimed) return refused;
  if (!secretTokensEqual(claimed.codeHash, codeHash(claimed.userId, code))) {
    await recordAuditEvent(db, "email_sign_in_failed", ctx, claimed.userId, { attempt: claimed.attempts });
    return refused;
  }
  const [spent] = await db
    .update(emailSignIns)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(emailSignIns.userId, claimed.userId),
        eq(emailSignIns.codeHash, claimed.codeHash),
        isNull(emailSignIns.usedAt),
      ),
    )
    .returning({ userId: emailSignIns.userId });
  return spent ? { ok: true, userId: spent.userId } : refused;
}

/**
 * An emailed sign-in proves the address, so it verifies it. A never-verified account's password
 * was chosen by whoever signed up with the address, perhaps not its owner (account
 * pre-hijacking): it stops working, and the owner sets one from /forgot-password or /account.
 */
async function proveAddress(db: Database, user: UserRow, ctx: ClientInfo): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ emailVerified: true, passwordHash: unusablePasswordHash() })
      .where(eq(users.id, user.id));
    await recordAuditEvent(tx, "email_verified", ctx, user.id, { via: "email_sign_in" });
  });
}

/** A request: per client IP + address and per address (lib/http/rate-limit.ts addressLimits). */
export function emailSignInRequestLimits(ip: string, email: string): [PolicyName, string][] {
  return [
    ["email_sign_in", `${ip}|${email}`],
    ["email_sign_in", `address|${email}`],
  ];
}

/** A check: per client IP, and per address for codes (links carry 256 random bits; the IP limit is enough). */
export function emailSignInVerifyLimits(ip: string, input: EmailSignInVerifyInput): [PolicyName, string][] {
  const perIp: [PolicyName, string] = ["email_sign_in_verify_ip", ip];
  return "token" in input ? [perIp] : [perIp, ["email_sign_in_verify", `address|${input.email}`]];
}
