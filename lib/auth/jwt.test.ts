import { decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from "jose";
import { describe, expect, it } from "vitest";
import { ACCESS_TYP, REFRESH_TYP, signToken, verifyToken, type TokenClaims } from "./jwt";

const ISSUER = "http://localhost:3000";
const now = () => Math.floor(Date.now() / 1000);

function claims(overrides: Partial<TokenClaims> = {}): TokenClaims {
  return {
    sub: crypto.randomUUID(),
    sid: crypto.randomUUID(),
    jti: crypto.randomUUID(),
    iat: now(),
    exp: now() + 900,
    ...overrides,
  };
}

function signingJwk(): JWK & { kid: string } {
  return JSON.parse(process.env.AUTH_SIGNING_KEY!) as JWK & { kid: string };
}

/** A token signed by `key` with everything valid except what `payload` and `header` override. */
async function craft({
  payload = {},
  header = {},
  key = signingJwk(),
}: { payload?: Record<string, unknown>; header?: Record<string, unknown>; key?: JWK } = {}) {
  const c = claims();
  return new SignJWT({ iss: ISSUER, aud: ISSUER, ...c, ...payload })
    .setProtectedHeader({ alg: "ES256", typ: ACCESS_TYP, kid: key.kid, ...header })
    .sign(await importJWK(key, "ES256"));
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("signToken / verifyToken", () => {
  it("round-trips the claims of an access token", async () => {
    const c = claims();
    const token = await signToken(ACCESS_TYP, c);
    expect(await verifyToken(ACCESS_TYP, token)).toEqual({ ok: true, claims: c });
  });

  it("signs with ES256 and names the key and the token type in the header", async () => {
    const header = decodeProtectedHeader(await signToken(REFRESH_TYP, claims()));
    expect(header).toEqual({ alg: "ES256", typ: REFRESH_TYP, kid: signingJwk().kid });
  });

  it("never accepts an access token as a refresh token, or the reverse", async () => {
    const c = claims();
    expect(await verifyToken(REFRESH_TYP, await signToken(ACCESS_TYP, c))).toEqual({
      ok: false,
      code: "invalid_token",
    });
    expect(await verifyToken(ACCESS_TYP, await signToken(REFRESH_TYP, c))).toEqual({
      ok: false,
      code: "invalid_token",
    });
  });

  it("rejects a token whose header has no typ or a generic one", async () => {
    expect((await verifyToken(ACCESS_TYP, await craft({ header: { typ: "JWT" } }))).ok).toBe(false);
    expect((await verifyToken(ACCESS_TYP, await craft({ header: { typ: undefined } }))).ok).toBe(false);
  });

  it("rejects a tampered signature", async () => {
    const [header, payload, signature] = (await signToken(ACCESS_TYP, claims())).split(".");
    const bytes = Buffer.from(signature!, "base64url");
    bytes[5] = bytes[5]! ^ 0x01;
    expect(await verifyToken(ACCESS_TYP, `${header}.${payload}.${bytes.toString("base64url")}`)).toEqual({
      ok: false,
      code: "invalid_token",
    });
  });

  it("rejects a tampered payload under the original signature", async () => {
    const [header, , signature] = (await signToken(ACCESS_TYP, claims())).split(".");
    const forged = `${header}.${b64({ iss: ISSUER, aud: ISSUER, ...claims() })}.${signature}`;
    expect(await verifyToken(ACCESS_TYP, forged)).toEqual({ ok: false, code: "invalid_token" });
  });

  it("reports an expired token as token_expired", async () => {
    const token = await signToken(ACCESS_TYP, claims({ iat: now() - 1000, exp: now() - 10 }));
    expect(await verifyToken(ACCESS_TYP, token)).toEqual({ ok: false, code: "token_expired" });
  });

  it("rejects a token issued more than a minute in the future, allows less (clock skew)", async () => {
    expect(
      await verifyToken(ACCESS_TYP, await signToken(ACCESS_TYP, claims({ iat: now() + 3600, exp: now() + 4500 }))),
    ).toEqual({ ok: false, code: "invalid_token" });
    expect(
      await verifyToken(REFRESH_TYP, await signToken(REFRESH_TYP, claims({ iat: now() + 90, exp: now() + 990 }))),
    ).toEqual({ ok: false, code: "invalid_token" });
    expect(await verifyToken(ACCESS_TYP, await signToken(ACCESS_TYP, claims({ iat: now() + 30 })))).toMatchObject({
      ok: true,
    });
  });

  it("rejects an unsigned token (alg: none)", async () => {
    const unsigned = `${b64({ alg: "none", typ: ACCESS_TYP, kid: signingJwk().kid })}.${b64({ iss: ISSUER, aud: ISSUER, ...claims() })}.`;
    expect(await verifyToken(ACCESS_TYP, unsigned)).toEqual({ ok: false, code: "invalid_token" });
  });

  it("rejects an HMAC token keyed with the public key (algorithm confusion)", async () => {
    const { kty, crv, x, y, kid } = signingJwk();
    const secret = new TextEncoder().encode(JSON.stringify({ kty, crv, x, y }));
    const token = await new SignJWT({ iss: ISSUER, aud: ISSUER, ...claims() })
      .setProtectedHeader({ alg: "HS256", typ: ACCESS_TYP, kid })
      .sign(secret);
    expect(await verifyToken(ACCESS_TYP, token)).toEqual({ ok: false, code: "invalid_token" });
  });

  it("rejects a wrong issuer or audience", async () => {
    expect((await verifyToken(ACCESS_TYP, await craft({ payload: { iss: "https://evil.example" } }))).ok).toBe(false);
    expect((await verifyToken(ACCESS_TYP, await craft({ payload: { aud: "https://evil.example" } }))).ok).toBe(false);
    expect(
      (await verifyToken(ACCESS_TYP, await craft({ payload: { aud: [ISSUER, "https://other.example"] } }))).ok,
    ).toBe(true);
    expect(await verifyToken(ACCESS_TYP, await craft())).toMatchObject({ ok: true });
  });

  it("rejects a token signed by a key with an unknown kid", async () => {
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    const stranger = { ...(await exportJWK(privateKey)), kid: "someone-else" };
    expect(await verifyToken(ACCESS_TYP, await craft({ key: stranger }))).toEqual({ ok: false, code: "invalid_token" });
  });

  it("rejects a token signed by another key that claims our kid", async () => {
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    const impostor = { ...(await exportJWK(privateKey)), kid: signingJwk().kid };
    expect(await verifyToken(ACCESS_TYP, await craft({ key: impostor }))).toEqual({ ok: false, code: "invalid_token" });
  });

  it.each(["sub", "sid", "jti", "exp"])("rejects a token without %s", async (claim) => {
    expect((await verifyToken(ACCESS_TYP, await craft({ payload: { [claim]: undefined } }))).ok).toBe(false);
  });

  it("rejects claims of the wrong type", async () => {
    expect((await verifyToken(ACCESS_TYP, await craft({ payload: { sid: 42 } }))).ok).toBe(false);
  });

  it.each([
    ["empty", ""],
    ["garbage", "not-a-jwt"],
    ["two parts", "a.b"],
    ["oversized", `${"a".repeat(4100)}.b.c`],
  ])("answers invalid_token, not an exception, for %s input", async (_name, token) => {
    expect(await verifyToken(ACCESS_TYP, token)).toEqual({ ok: false, code: "invalid_token" });
  });
});
