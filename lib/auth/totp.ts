import { timingSafeEqual } from "node:crypto";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";

/** RFC 6238 as every authenticator app expects it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one, for a phone's clock that is a little off. */
export const TOTP_DRIFT_STEPS = 1;
const ISSUER = "ASTROWORLD Auth";

/** 20 random bytes (160 bits, RFC 4226's recommended length). */
export function generateTotpKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(20));
}

/** What the QR code holds: otpauth://totp/ASTROWORLD%20Auth:<name>?secret=…&issuer=…. */
export function totpKeyUri(accountName: string, key: Uint8Array): string {
  return createTOTPKeyURI(ISSUER, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** The secret as people type it into an app: base32, in groups of four. */
export function totpKeyText(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key)
    .match(/.{1,4}/g)!
    .join(" ");
}

export function totpStepAt(time: number): number {
  return Math.floor(time / 1000 / TOTP_PERIOD_SECONDS);
}

/** Digits only: people paste codes with spaces ("123 456"). */
export function normalizeTotpCode(code: string): string {
  return code.replace(/\s+/g, "");
}

/**
 * The time-step whose code `code` is, within the drift window around `time`, or null. The
 * caller must refuse a step at or before the last one accepted: that is what makes a code
 * single-use (RFC 6238 §5.2).
 */
export function matchTotpStep(key: Uint8Array, code: string, time = Date.now()): number | null {
  const typed = normalizeTotpCode(code);
  if (!/^\d{6}$/.test(typed)) return null;
  const now = totpStepAt(time);
  let matched: number | null = null;
  // Every candidate is computed and compared, so the time taken says nothing about which matched.
  for (let step = now - TOTP_DRIFT_STEPS; step <= now + TOTP_DRIFT_STEPS; step++) {
    const expected = generateHOTP(key, BigInt(step), TOTP_DIGITS);
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(typed)) && matched === null) matched = step;
  }
  return matched;
}

/** The code an app shows at `time` (tests, and nothing else, need to compute one). */
export function totpCodeAt(key: Uint8Array, time = Date.now()): string {
  return generateHOTP(key, BigInt(totpStepAt(time)), TOTP_DIGITS);
}
