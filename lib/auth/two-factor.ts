import { and, count, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { Database } from "@/db";
import { recoveryCodes, userTotp } from "@/db/schema";
import { sendTwoFactorChangedMail } from "@/lib/mail/messages";
import type { RecoveryCodesInput, TwoFactorConfirmInput, TwoFactorDisableInput } from "@/lib/schemas/two-factor";
import { recordAuditEvent } from "./audit";
import type { ClientInfo } from "./client-info";
import { discardMfaChallenges } from "./mfa-challenge";
import { hasUsablePassword, verifyPassword } from "./password";
import { generateRecoveryCodes, hashRecoveryCode } from "./recovery-codes";
import { encryptionConfigured, open, seal } from "./secret-box";
import { generateTotpKey, matchTotpStep, totpKeyText, totpKeyUri } from "./totp";
import { totpQrCode } from "./totp-qr";
import type { UserRow } from "./user";

type FieldFailure = { ok: false; code: "validation_error"; fields: Record<string, string[]> };
type StateFailure = { ok: false; code: "two_factor_enabled" | "two_factor_not_enabled" | "two_factor_unavailable" };

export interface TwoFactorStatus {
  enabled: boolean;
  enabled_at: string | null;
  last_used_at: string | null;
  recovery_codes_left: number;
}

export interface Enrolment {
  ok: true;
  /** The otpauth:// URI the QR code holds. */
  otpauth_uri: string;
  /** The same secret as text, in base32 groups, for typing into an app. */
  secret: string;
  /** The QR code as an SVG data URL. */
  qr_code: string;
}

const WRONG_CODE = "That code is not right. Check the time on your phone and try the newest code.";
const WRONG_PASSWORD = "Your password is incorrect.";
const NO_PASSWORD = "Your account has no password yet. To set one, use “Forgot password?” on the login page.";

export async function twoFactorStatus(db: Database, userId: string): Promise<TwoFactorStatus> {
  const [totp] = await db.select().from(userTotp).where(eq(userTotp.userId, userId));
  const enabled = Boolean(totp?.confirmedAt);
  const [left] = enabled
    ? await db
        .select({ n: count() })
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
    : [{ n: 0 }];
  return {
    enabled,
    enabled_at: enabled ? totp!.confirmedAt!.toISOString() : null,
    last_used_at: enabled ? (totp!.lastUsedAt?.toISOString() ?? null) : null,
    recovery_codes_left: left!.n,
  };
}

/** Whether a sign-in with one factor must also show a code. */
export async function twoFactorEnabled(db: Database, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: userTotp.userId })
    .from(userTotp)
    .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.confirmedAt)));
  return row !== undefined;
}

/**
 * A new secret, not yet in force: it replaces any earlier unconfirmed one, and turns on only
 * when a code from it is confirmed. Stored encrypted (secret-box.ts).
 */
export async function startEnrolment(db: Database, user: UserRow): Promise<Enrolment | StateFailure> {
  if (!encryptionConfigured()) return { ok: false, code: "two_factor_unavailable" };
  if (await twoFactorEnabled(db, user.id)) return { ok: false, code: "two_factor_enabled" };
  const key = generateTotpKey();
  const secret = seal(key, user.id);
  await db
    .insert(userTotp)
    .values({ userId: user.id, secret })
    .onConflictDoUpdate({
      target: userTotp.userId,
      set: { secret, createdAt: new Date(), lastUsedStep: null, lastUsedAt: null },
      setWhere: isNull(userTotp.confirmedAt),
    });
  const uri = totpKeyUri(user.username, key);
  return { ok: true, otpauth_uri: uri, secret: totpKeyText(key), qr_code: await totpQrCode(uri) };
}

/**
 * Turns TOTP on once a code from the new secret is right, and answers the ten recovery codes,
 * shown this once. The code's time-step counts as used, so it cannot also sign in.
 */
export async function confirmEnrolment(
  db: Database,
  user: UserRow,
  input: TwoFactorConfirmInput,
  ctx: ClientInfo,
): Promise<{ ok: true; recovery_codes: string[] } | FieldFailure | StateFailure> {
  if (!encryptionConfigured()) return { ok: false, code: "two_factor_unavailable" };
  const [pending] = await db.select().from(userTotp).where(eq(userTotp.userId, user.id));
  if (!pending) return { ok: false, code: "two_factor_not_enabled" };
  if (pending.confirmedAt) return { ok: false, code: "two_factor_enabled" };
  const key = open(pending.secret, user.id);
  const step = key ? matchTotpStep(key, input.code) : null;
  if (step === null) return { ok: false, code: "validation_error", fields: { code: [WRONG_CODE] } };
  const codes = generateRecoveryCodes();
  const confirmed = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(userTotp)
      .set({ confirmedAt: new Date(), lastUsedStep: step, lastUsedAt: new Date() })
      // The very secret whose code was checked: a parallel enrolment may have replaced it.
      .where(and(eq(userTotp.userId, user.id), isNull(userTotp.confirmedAt), eq(userTotp.secret, pending.secret)))
      .returning();
    if (!row) return false;
    await replaceRecoveryCodes(tx, user.id, codes);
    await recordAuditEvent(tx, "two_factor_enabled", ctx, user.id);
    return true;
  });
  if (!confirmed) return { ok: false, code: "two_factor_enabled" };
  await sendTwoFactorChangedMail(user.email, "enabled");
  return { ok: true, recovery_codes: codes };
}

/**
 * Turns TOTP off: the password and a current code (or an unused recovery code) are both needed,
 * so neither a stolen session nor a stolen phone alone can do it.
 */
export async function disableTwoFactor(
  db: Database,
  user: UserRow,
  input: TwoFactorDisableInput,
  ctx: ClientInfo,
): Promise<{ ok: true } | FieldFailure | StateFailure> {
  if (!(await twoFactorEnabled(db, user.id))) return { ok: false, code: "two_factor_not_enabled" };
  const password = await passwordProblem(user, input.password);
  if (password) return password;
  const proved = input.recovery_code
    ? await spendRecoveryCode(db, user.id, input.recovery_code)
    : await spendTotpCode(db, user.id, input.code ?? "");
  if (!proved) {
    const field = input.recovery_code ? "recovery_code" : "code";
    const message = input.recovery_code ? "That recovery code is not right or was used already." : WRONG_CODE;
    return { ok: false, code: "validation_error", fields: { [field]: [message] } };
  }
  await db.transaction(async (tx) => {
    await tx.delete(userTotp).where(eq(userTotp.userId, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await discardMfaChallenges(tx, user.id);
    await recordAuditEvent(tx, "two_factor_disabled", ctx, user.id);
  });
  await sendTwoFactorChangedMail(user.email, "disabled");
  return { ok: true };
}

/** A fresh set of ten recovery codes for the password; the old set dies. */
export async function regenerateRecoveryCodes(
  db: Database,
  user: UserRow,
  input: RecoveryCodesInput,
  ctx: ClientInfo,
): Promise<{ ok: true; recovery_codes: string[] } | FieldFailure | StateFailure> {
  if (!(await twoFactorEnabled(db, user.id))) return { ok: false, code: "two_factor_not_enabled" };
  const password = await passwordProblem(user, input.password);
  if (password) return password;
  const codes = generateRecoveryCodes();
  await db.transaction(async (tx) => {
    await replaceRecoveryCodes(tx, user.id, codes);
    await recordAuditEvent(tx, "recovery_codes_regenerated", ctx, user.id);
  });
  await sendTwoFactorChangedMail(user.email, "recovery_codes");
  return { ok: true, recovery_codes: codes };
}

/**
 * Accepts a code of the account's confirmed secret once: the time-step only moves forward, in
 * one conditional update, so of two requests with the same code exactly one wins.
 */
export async function spendTotpCode(db: Database, userId: string, code: string): Promise<boolean> {
  const [totp] = await db
    .select()
    .from(userTotp)
    .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.confirmedAt)));
  const key = totp ? open(totp.secret, userId) : null;
  const step = key ? matchTotpStep(key, code) : null;
  if (step === null) return false;
  const [advanced] = await db
    .update(userTotp)
    .set({ lastUsedStep: step, lastUsedAt: new Date() })
    .where(
      and(
        eq(userTotp.userId, userId),
        isNotNull(userTotp.confirmedAt),
        or(isNull(userTotp.lastUsedStep), lt(userTotp.lastUsedStep, step)),
      ),
    )
    .returning({ userId: userTotp.userId });
  return advanced !== undefined;
}

/** Spends one unused recovery code (one conditional update: used once, whoever asks first). */
export async function spendRecoveryCode(db: Database, userId: string, code: string): Promise<boolean> {
  const [spent] = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashRecoveryCode(code)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return spent !== undefined;
}

export async function recoveryCodesLeft(db: Database, userId: string): Promise<number> {
  const [left] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return left!.n;
}

async function replaceRecoveryCodes(db: Database, userId: string, codes: string[]): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })));
}

async function passwordProblem(user: UserRow, password: string): Promise<FieldFailure | null> {
  if (!hasUsablePassword(user.passwordHash)) {
    return { ok: false, code: "validation_error", fields: { password: [NO_PASSWORD] } };
  }
  if (await verifyPassword(user.passwordHash, password)) return null;
  return { ok: false, code: "validation_error", fields: { password: [WRONG_PASSWORD] } };
}
