import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 32 random bytes, base64url: the secret half of every emailed link and every jti. */
export function generateSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this digest is stored, so a database leak reveals no usable token. */
export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export function secretTokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
