// Helpers for TOTP two-factor: enrol an account, compute its codes, log in through the second step.
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { getDb, tables } from "@/db";
import { totpCodeAt, TOTP_PERIOD_SECONDS } from "@/lib/auth/totp";
import { type Credentials, signIn } from "./account";
import { json, post, type RequestOptions } from "./http";
import type { TestUser } from "./users";

export const TWO_FACTOR_PATHS = {
  status: "/api/auth/2fa",
  enrol: "/api/auth/2fa/enrol",
  confirm: "/api/auth/2fa/confirm",
  disable: "/api/auth/2fa/disable",
  recoveryCodes: "/api/auth/2fa/recovery-codes",
  login: "/api/auth/login",
  loginTwoFactor: "/api/auth/login/2fa",
} as const;

export interface Enrolled {
  key: Uint8Array;
  recoveryCodes: string[];
  credentials: Credentials;
}

/** The code the app shows `steps` periods from now. */
export function codeFor(key: Uint8Array, steps = 0): string {
  return totpCodeAt(key, Date.now() + steps * TOTP_PERIOD_SECONDS * 1000);
}

export function as(credentials: Credentials): Omit<RequestOptions, "json"> {
  return "bearer" in credentials ? { bearer: credentials.bearer } : { jar: credentials.jar };
}

/** Signs in, enrols and confirms TOTP; the secret read back from the enrolment's text. */
export async function enrolledUser(user: TestUser, options: Omit<RequestOptions, "json"> = {}): Promise<Enrolled> {
  const credentials = await signIn(user, "bearer");
  const enrol = await post(TWO_FACTOR_PATHS.enrol, {}, { ...as(credentials), ...options });
  expect(enrol.status, await enrol.clone().text()).toBe(200);
  const { secret } = await json<{ secret: string }>(enrol);
  const key = decodeBase32IgnorePadding(secret.replace(/\s+/g, ""));
  const confirm = await post(TWO_FACTOR_PATHS.confirm, { code: codeFor(key) }, { ...as(credentials), ...options });
  expect(confirm.status, await confirm.clone().text()).toBe(200);
  const { recovery_codes } = await json<{ recovery_codes: string[] }>(confirm);
  return { key, recoveryCodes: recovery_codes, credentials };
}

/** Lets the account use a code of the current step again (tests cannot wait 30 s for the next). */
export async function forgetUsedStep(user: TestUser): Promise<void> {
  const db = await getDb();
  const [row] = await db.select().from(tables.users).where(eq(tables.users.username, user.username));
  await db.update(tables.userTotp).set({ lastUsedStep: null }).where(eq(tables.userTotp.userId, row!.id));
}

/** The first step: the password, answered 403 mfa_required; returns the answer and its token. */
export async function passwordStep(
  user: TestUser,
  options: Omit<RequestOptions, "json"> = {},
): Promise<{ response: Response; mfaToken: string }> {
  const response = await post(TWO_FACTOR_PATHS.login, { login: user.username, password: user.password }, options);
  expect(response.status, await response.clone().text()).toBe(403);
  const body = await json<{ code: string; mfa_token: string }>(response.clone());
  expect(body.code).toBe("mfa_required");
  return { response, mfaToken: body.mfa_token };
}
