import { createLocalJWKSet, importJWK, type JWK, type JSONWebKeySet, type CryptoKey } from "jose";
import { env } from "@/lib/env";

// Edge-safe: jose and env only, so middleware can verify access tokens without Node APIs.

export const SIGNING_ALG = "ES256";

interface KeyMaterial {
  kid: string;
  privateKey: CryptoKey;
  jwks: JSONWebKeySet;
  resolve: ReturnType<typeof createLocalJWKSet>;
}

let cached: Promise<KeyMaterial> | undefined;

function parseJwk(raw: string, name: string): JWK {
  try {
    const jwk = JSON.parse(raw) as JWK;
    if (jwk.kty !== "EC" || jwk.crv !== "P-256") throw new Error("not a P-256 EC key");
    return jwk;
  } catch (error) {
    throw new Error(`${name} is not a valid ES256 JWK: ${(error as Error).message}`);
  }
}

function publicPart(jwk: JWK): JWK {
  const { kty, crv, x, y, kid } = jwk;
  return { kty, crv, x, y, kid, alg: SIGNING_ALG, use: "sig" };
}

async function load(): Promise<KeyMaterial> {
  const e = env();
  const signing = parseJwk(e.AUTH_SIGNING_KEY, "AUTH_SIGNING_KEY");
  if (!signing.d) throw new Error("AUTH_SIGNING_KEY must be a private JWK (it has no `d`)");
  if (!signing.kid) throw new Error("AUTH_SIGNING_KEY must carry a `kid`");
  const previous = e.AUTH_PREVIOUS_PUBLIC_KEYS
    ? (JSON.parse(e.AUTH_PREVIOUS_PUBLIC_KEYS) as JWK[]).map((k) =>
        publicPart(parseJwk(JSON.stringify(k), "AUTH_PREVIOUS_PUBLIC_KEYS")),
      )
    : [];
  const jwks: JSONWebKeySet = { keys: [publicPart(signing), ...previous] };
  return {
    kid: signing.kid,
    privateKey: (await importJWK(signing, SIGNING_ALG)) as CryptoKey,
    jwks,
    resolve: createLocalJWKSet(jwks),
  };
}

export function keys(): Promise<KeyMaterial> {
  cached ??= load().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

export async function publicJwks(): Promise<JSONWebKeySet> {
  return (await keys()).jwks;
}
