// Signing-key rotation (docs/design.md#tokens-and-sessions): after AUTH_SIGNING_KEY is replaced
// and the old public key moves to AUTH_PREVIOUS_PUBLIC_KEYS, tokens issued before the rotation
// keep working until they expire, new tokens use the new key, and a token from any other key is
// refused.
import { decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from "jose";
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { middleware } from "@/middleware";
import { ACCESS_TYP, REFRESH_TYP, verifyToken, type TokenClaims } from "@/lib/auth/jwt";
import { expectError, PATHS } from "../helpers/account";
import { setCookiesOf, type CookieJar } from "../helpers/cookies";
import { BASE_URL, get, json, post } from "../helpers/http";
import { claimsOf } from "../helpers/tokens";
import { activeUser, loginForTokens, type TokenPair } from "../helpers/users";

const rotation = await vi.hoisted(async () => {
  const jose = await import("jose");
  const fresh = async (kid: string) => ({
    ...(await jose.exportJWK((await jose.generateKeyPair("ES256", { extractable: true })).privateKey)),
    alg: "ES256",
    use: "sig",
    kid,
  });
  // The key tests/setup/env.ts generated plays the key in use before the rotation.
  const old = JSON.parse(process.env.AUTH_SIGNING_KEY!) as JWK & { kid: string };
  const current = await fresh(`current-${crypto.randomUUID()}`);
  // An even older key, pasted with its private part by mistake: it must never be published.
  const retired = await fresh(`retired-${crypto.randomUUID()}`);
  const oldPublic = { ...old };
  delete oldPublic.d;
  process.env.AUTH_SIGNING_KEY = JSON.stringify(current);
  process.env.AUTH_PREVIOUS_PUBLIC_KEYS = JSON.stringify([oldPublic, retired]);
  // One test pauses an account: the per-IP login limit must not answer first.
  process.env.RATE_LIMIT_LOGIN = "1000/60";
  return { old, current, retired };
});

/** lib/auth/jwt.ts as it ran before the rotation: a fresh module instance under the old env. */
async function signedBeforeRotation(typ: typeof ACCESS_TYP | typeof REFRESH_TYP, claims: TokenClaims): Promise<string> {
  const saved = { ...process.env };
  try {
    process.env.AUTH_SIGNING_KEY = JSON.stringify(rotation.old);
    delete process.env.AUTH_PREVIOUS_PUBLIC_KEYS;
    vi.resetModules();
    const jwt = await import("@/lib/auth/jwt");
    return await jwt.signToken(typ, claims);
  } finally {
    process.env = saved;
    vi.resetModules();
  }
}

/** The claims of a live session's token, re-signed under the old key as if issued before the rotation. */
async function oldKeyCopy(token: string, typ: typeof ACCESS_TYP | typeof REFRESH_TYP): Promise<string> {
  const { sub, sid, jti, iat, exp } = claimsOf(token);
  return signedBeforeRotation(typ, { sub, sid, jti, iat: iat!, exp: exp! });
}

async function unknownKey(kid: string): Promise<JWK & { kid: string }> {
  return { ...(await exportJWK((await generateKeyPair("ES256", { extractable: true })).privateKey)), kid };
}

async function signWith(
  key: JWK,
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: BASE_URL, aud: BASE_URL, iat: now, exp: now + 600, jti: crypto.randomUUID(), ...claims })
    .setProtectedHeader({ alg: "ES256", typ: ACCESS_TYP, ...(key.kid ? { kid: key.kid } : {}), ...header })
    .sign(await importJWK(key, "ES256"));
}

async function liveSession(): Promise<TokenPair> {
  return loginForTokens(await activeUser());
}

describe("key rotation", () => {
  it("publishes the current and every previous public key, and no private part", async () => {
    const response = await get("/api/auth/jwks");
    expect(response.status).toBe(200);
    const { keys } = await json<{ keys: Record<string, unknown>[] }>(response);
    expect(keys.map((k) => k.kid)).toEqual([rotation.current.kid, rotation.old.kid, rotation.retired.kid]);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
      expect(Object.keys(key).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x", "y"]);
    }
    expect(JSON.stringify(keys)).not.toContain(rotation.retired.d);
    expect(JSON.stringify(keys)).not.toContain(rotation.old.d);
  });

  it("signs new tokens with the new key only", async () => {
    const pair = await liveSession();
    expect(decodeProtectedHeader(pair.access).kid).toBe(rotation.current.kid);
    expect(decodeProtectedHeader(pair.refresh).kid).toBe(rotation.current.kid);
  });

  it("still accepts an access token signed with the old key (verifyToken, the API and the edge guard)", async () => {
    const pair = await liveSession();
    const old = await oldKeyCopy(pair.access, ACCESS_TYP);
    expect(decodeProtectedHeader(old).kid).toBe(rotation.old.kid);

    const verified = await verifyToken(ACCESS_TYP, old);
    expect(verified).toMatchObject({
      ok: true,
      claims: { sub: claimsOf(pair.access).sub, sid: claimsOf(pair.access).sid },
    });
    expect((await get(PATHS.user, { bearer: old })).status).toBe(200);
    const page = await middleware(new NextRequest(`${BASE_URL}/account`, { headers: { cookie: `aw_access=${old}` } }));
    expect(page.headers.get("x-middleware-next")).toBe("1");
  });

  it("still rotates a refresh token signed with the old key, into a pair under the new key", async () => {
    const pair = await liveSession();
    const old = await oldKeyCopy(pair.refresh, REFRESH_TYP);
    const response = await post(PATHS.refresh, { refresh: old }, { tokenTransport: true });
    expect(response.status, await response.clone().text()).toBe(200);
    const next = await json<TokenPair>(response);
    expect(decodeProtectedHeader(next.access).kid).toBe(rotation.current.kid);
    expect(claimsOf(next.access).sid).toBe(claimsOf(pair.access).sid);
  });

  it("keeps known-device cookies working whatever the keys: they are opaque random tokens checked against the database", async () => {
    const user = await activeUser();
    const browser = await post(PATHS.login, { login: user.username, password: user.password });
    const deviceToken = setCookiesOf(browser).get("aw_device")!.value;
    // Not a JWT: nothing in it names or needs a signing key, so no rotation can end it early.
    expect(deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (let i = 0; i < 10; i++)
      await post(PATHS.login, { login: user.username, password: `Wrong-guess-${i}-xyz` }, { tokenTransport: true });
    await expectError(
      await post(PATHS.login, { login: user.username, password: user.password }, { tokenTransport: true }),
      429,
      "login_throttled",
    );
    const jar: CookieJar = new Map([["aw_device", deviceToken]]);
    expect((await post(PATHS.login, { login: user.username, password: user.password }, { jar })).status).toBe(200);
    // A device token the database never issued, however well-formed, passes nothing.
    const forged: CookieJar = new Map([["aw_device", "A".repeat(43)]]);
    await expectError(
      await post(PATHS.login, { login: user.username, password: user.password }, { jar: forged }),
      429,
      "login_throttled",
    );
  });

  it("refuses tokens signed with a key it does not know, whatever kid they claim", async () => {
    const pair = await liveSession();
    const { sub, sid } = claimsOf(pair.access);
    const forged = [
      await signWith(await unknownKey(`unknown-${crypto.randomUUID()}`), { sub, sid }),
      await signWith(await unknownKey(rotation.current.kid), { sub, sid }),
      await signWith(await unknownKey(rotation.old.kid), { sub, sid }),
      await signWith({ ...(await unknownKey("x")), kid: undefined }, { sub, sid }),
    ];
    for (const token of forged) {
      expect(await verifyToken(ACCESS_TYP, token)).toEqual({ ok: false, code: "invalid_token" });
      await expectError(await get(PATHS.user, { bearer: token }), 401, "not_authenticated");
    }
  });

  it("still checks typ, issuer and audience on old-key tokens", async () => {
    const pair = await liveSession();
    const { sub, sid } = claimsOf(pair.access);
    const cases = [
      await signWith(rotation.old, { sub, sid, aud: "https://other.example" }),
      await signWith(rotation.old, { sub, sid, iss: "https://other.example" }),
      await signWith(rotation.old, { sub, sid }, { typ: REFRESH_TYP }),
    ];
    expect(await verifyToken(ACCESS_TYP, await signWith(rotation.old, { sub, sid }))).toMatchObject({ ok: true });
    for (const token of cases)
      expect(await verifyToken(ACCESS_TYP, token)).toEqual({ ok: false, code: "invalid_token" });
  });

  it("refuses an HS256 token keyed with a published public key (algorithm confusion)", async () => {
    const pair = await liveSession();
    const { sub, sid } = claimsOf(pair.access);
    const { keys } = await json<{ keys: JWK[] }>(await get("/api/auth/jwks"));
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ iss: BASE_URL, aud: BASE_URL, sub, sid, iat: now, exp: now + 600, jti: "x" })
      .setProtectedHeader({ alg: "HS256", typ: ACCESS_TYP, kid: rotation.old.kid })
      .sign(new TextEncoder().encode(JSON.stringify(keys[1])));
    expect(await verifyToken(ACCESS_TYP, token)).toEqual({ ok: false, code: "invalid_token" });
  });
});
