import { decodeJwt, importJWK, SignJWT, type JWK, type JWTPayload } from "jose";
import { BASE_URL } from "./http";

/** The private JWK tests/setup/env.ts generated for this file. */
export function signingJwk(): JWK & { kid: string } {
  return JSON.parse(process.env.AUTH_SIGNING_KEY ?? "{}") as JWK & { kid: string };
}

export function claimsOf(token: string): JWTPayload & { sid: string; jti: string; sub: string } {
  return decodeJwt(token) as JWTPayload & { sid: string; jti: string; sub: string };
}

export interface ForgeOptions {
  typ: string;
  claims: JWTPayload;
  header?: Record<string, unknown>;
  /** Defaults to the real signing key, so only the changed part is wrong. */
  key?: JWK;
}

/** A token signed with our key (or `key`) and whatever claims and header a test needs. */
export async function forgeToken({ typ, claims, header = {}, key = signingJwk() }: ForgeOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: BASE_URL, aud: BASE_URL, iat: now, exp: now + 600, jti: crypto.randomUUID(), ...claims })
    .setProtectedHeader({ alg: "ES256", typ, kid: key.kid, ...header })
    .sign(await importJWK(key, "ES256"));
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** The same claims under `alg: none`, with an empty signature. */
export function unsignedCopy(token: string): string {
  const [header = ""] = token.split(".");
  const parsed = JSON.parse(Buffer.from(header, "base64url").toString()) as Record<string, unknown>;
  return `${b64({ ...parsed, alg: "none" })}.${b64(decodeJwt(token))}.`;
}

/** Flips bits in the middle of the signature. */
export function tamperSignature(token: string): string {
  const [header, payload, signature = ""] = token.split(".");
  const bytes = Buffer.from(signature, "base64url");
  bytes[10] = (bytes[10] ?? 0) ^ 0xff;
  return `${header}.${payload}.${bytes.toString("base64url")}`;
}

/** Swaps the payload for a modified one and keeps the original signature. */
export function tamperPayload(token: string, changes: JWTPayload): string {
  const [header, , signature] = token.split(".");
  return `${header}.${b64({ ...decodeJwt(token), ...changes })}.${signature}`;
}
