import { randomInt } from "node:crypto";
import { hashSecretToken } from "./secret-token";

export const RECOVERY_CODE_COUNT = 10;
// Crockford's base32 alphabet, lower case: no i, l, o or u to misread.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** Ten codes of ten characters (50 random bits each), shown as `xxxxx-xxxxx`. */
export function generateRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Case, spaces and dashes do not matter; o, i and l read as 0, 1 and 1. */
export function normalizeRecoveryCode(code: string): string {
  return code
    .toLowerCase()
    .replace(/[\s-]+/g, "")
    .replace(/o/g, "0")
    .replace(/[il]/g, "1");
}

/** Only this digest is stored. */
export function hashRecoveryCode(code: string): string {
  return hashSecretToken(normalizeRecoveryCode(code));
}
