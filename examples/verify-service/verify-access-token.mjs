// Verifies ASTROWORLD Auth access tokens in another service, with the public keys the auth
// server publishes. Everything that makes a token ours is pinned: the algorithm (ES256),
// the type (at+jwt, so a refresh token is refused), the issuer and the audience.
import { createRemoteJWKSet, jwtVerify } from "jose";

/**
 * @param {{ issuer: string, jwksUrl?: string }} options
 *   issuer: the auth server's origin (its AUTH_URL), e.g. "https://auth.example.com";
 *   jwksUrl: where its keys are, by default `${issuer}/api/auth/jwks`.
 */
export function accessTokenVerifier({ issuer, jwksUrl = `${issuer}/api/auth/jwks` }) {
  // Fetched on first use and cached; an unknown `kid` (after a key rotation) fetches again.
  const keys = createRemoteJWKSet(new URL(jwksUrl), { cacheMaxAge: 10 * 60 * 1000, cooldownDuration: 30_000 });
  /** The token's claims ({sub, sid, exp, …}), or null when it is not a valid access token of ours. */
  return async function verify(token) {
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ["ES256"],
        typ: "at+jwt",
        issuer,
        audience: issuer,
        requiredClaims: ["sub", "sid", "jti", "iat", "exp"],
        clockTolerance: 5,
      });
      return payload;
    } catch {
      return null;
    }
  };
}

/**
 * For requests that must not outlive a logout: asks the auth server whether the token's
 * session is live now (POST /api/auth/introspect with AUTH_INTROSPECTION_SECRET).
 */
export function introspector({ serverUrl, secret }) {
  return async function isActive(token) {
    const response = await fetch(`${serverUrl}/api/auth/introspect`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ token }),
    });
    if (!response.ok) throw new Error(`introspection answered ${response.status}`);
    return (await response.json()).active === true;
  };
}
