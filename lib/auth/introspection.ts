import { decodeJwt } from "jose";
import type { Database } from "@/db";
import { env } from "@/lib/env";
import { authenticateAccessToken } from "./access-token-session";

export type Introspection =
  | {
      active: true;
      token_type: "Bearer";
      sub: string;
      username: string;
      sid: string;
      iss: string;
      aud: string;
      iat: number;
      exp: number;
      jti: string;
    }
  | { active: false };

/**
 * RFC 7662 for our access tokens: active only while the signature, claims, account and
 * session all are, so a logout or revocation shows at once (a JWKS check alone keeps
 * accepting the token until it expires). Everything else, refresh tokens included, is
 * `{active: false}` and nothing more.
 */
export async function introspectToken(db: Database, token: string): Promise<Introspection> {
  const live = await authenticateAccessToken(db, token);
  if (!live.ok) return { active: false };
  // Verified just now (signature, typ, iss, aud, every claim present): reading it is enough.
  const { iat, exp, jti } = decodeJwt(token) as { iat: number; exp: number; jti: string };
  const issuer = new URL(env().AUTH_URL).origin;
  return {
    active: true,
    token_type: "Bearer",
    sub: live.user.id,
    username: live.user.username,
    sid: live.session.id,
    iss: issuer,
    aud: issuer,
    iat,
    exp,
    jti,
  };
}
