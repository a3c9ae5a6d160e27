import { createHmac, randomInt } from "node:crypto";
import { env } from "@/lib/env";

/** Wrong tries that kill a mailed 6-digit code (emailed sign-in, "confirm it's you"). */
export const CODE_ATTEMPTS = 5;

/** A fresh 6-digit code to mail. */
export function newMailedCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

/**
 * A six-digit code has a million values: a bare SHA-256 of it would be read back from a leaked
 * table in a second. Keyed with the signing key, bound to the account and to what the code is
 * for (`purpose`), the stored value says nothing without the server's secret.
 */
export function mailedCodeHash(purpose: "email-sign-in" | "reauth", userId: string, code: string): string {
  return createHmac("sha256", env().AUTH_SIGNING_KEY).update(`${purpose}:${userId}:${code}`).digest("base64url");
}
