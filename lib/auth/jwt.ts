import { errors, jwtVerify, SignJWT, type JWTPayload } from "jose";
import { env } from "@/lib/env";
import { keys, SIGNING_ALG } from "./keys";

// Edge-safe. Access and refresh tokens differ by `typ`, and verification pins it, so one
// can never stand in for the other.
export const ACCESS_TYP = "at+jwt";
export const REFRESH_TYP = "refresh+jwt";

type Typ = typeof ACCESS_TYP | typeof REFRESH_TYP;

// Instances' clocks may differ a little; a token issued further in the future than this was
// not issued by us (jose checks `iat` only together with a maximum age).
export const IAT_SKEW_SECONDS = 60;

export interface TokenClaims {
  sub: string;
  sid: string;
  jti: string;
  iat: number;
  exp: number;
}

export interface IssuedTokens {
  access: string;
  refresh: string;
  accessExpiresAt: Date;
  refreshExpiresAt: Date;
}

export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; code: "token_expired" | "invalid_token" };

function issuer(): string {
  return new URL(env().AUTH_URL).origin;
}

export async function signToken(typ: Typ, claims: TokenClaims): Promise<string> {
  const { kid, privateKey } = await keys();
  return new SignJWT({ sid: claims.sid })
    .setProtectedHeader({ alg: SIGNING_ALG, typ, kid })
    .setIssuer(issuer())
    .setAudience(issuer())
    .setSubject(claims.sub)
    .setJti(claims.jti)
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp)
    .sign(privateKey);
}

export async function verifyToken(typ: Typ, token: string): Promise<VerifyResult> {
  if (token.length > 4096) return { ok: false, code: "invalid_token" };
  try {
    const { payload } = await jwtVerify(token, (await keys()).resolve, {
      algorithms: [SIGNING_ALG],
      issuer: issuer(),
      audience: issuer(),
      typ,
      requiredClaims: ["sub", "sid", "jti", "iat", "exp"],
    });
    return claimsOf(payload);
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, code: "token_expired" };
    if (error instanceof errors.JOSEError || error instanceof TypeError) return { ok: false, code: "invalid_token" };
    throw error;
  }
}

function claimsOf(payload: JWTPayload): VerifyResult {
  const { sub, sid, jti, iat, exp } = payload;
  const wellTyped =
    typeof sub === "string" &&
    typeof sid === "string" &&
    typeof jti === "string" &&
    typeof iat === "number" &&
    typeof exp === "number";
  if (!wellTyped) return { ok: false, code: "invalid_token" };
  const issuedInTheFuture = iat > Math.floor(Date.now() / 1000) + IAT_SKEW_SECONDS;
  if (issuedInTheFuture) return { ok: false, code: "invalid_token" };
  return { ok: true, claims: { sub, sid, jti, iat, exp } };
}
