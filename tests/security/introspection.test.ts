// POST /api/auth/introspect (RFC 7662) for trusted backends: only the configured secret gets
// an answer, only a live access token is active, and a revoked session shows at once.
import { exportJWK, generateKeyPair } from "jose";
import { describe, expect, it, vi } from "vitest";
import { introspectionSchema } from "@/lib/schemas/tokens";
import { appFetch } from "../helpers/app-fetch";
import { BASE_URL } from "../helpers/http";
import { claimsOf, forgeToken, tamperPayload, tamperSignature, unsignedCopy } from "../helpers/tokens";
import { activeUser, loginForTokens } from "../helpers/users";

const SECRET = "introspection-secret-for-tests-5b1e9d0c7a3f";
vi.hoisted(() => {
  process.env.AUTH_INTROSPECTION_SECRET = "introspection-secret-for-tests-5b1e9d0c7a3f";
  process.env.RATE_LIMIT_INTROSPECT = "40/60";
});

let address = 0;
/** Each test from its own client address, so their rate limits do not meet. */
const newAddress = () => `198.51.100.${++address}`;

function introspect(
  token: unknown,
  { ip, authorization = `Bearer ${SECRET}` }: { ip: string; authorization?: string | null },
) {
  const headers: Record<string, string> = { "content-type": "application/json", "x-forwarded-for": ip };
  if (authorization) headers.authorization = authorization;
  return appFetch("/api/auth/introspect", { method: "POST", headers, body: JSON.stringify({ token }) });
}

async function answer(response: Response): Promise<Record<string, unknown>> {
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = (await response.json()) as Record<string, unknown>;
  expect(introspectionSchema.safeParse(body).success, JSON.stringify(body)).toBe(true);
  return body;
}

describe("POST /api/auth/introspect with AUTH_INTROSPECTION_SECRET", () => {
  it("describes a live access token, and says inactive once its session ends", async () => {
    const ip = newAddress();
    const user = await activeUser();
    const tokens = await loginForTokens(user);
    const claims = claimsOf(tokens.access);
    expect(await answer(await introspect(tokens.access, { ip }))).toEqual({
      active: true,
      token_type: "Bearer",
      sub: claims.sub,
      username: user.username,
      sid: claims.sid,
      iss: BASE_URL,
      aud: BASE_URL,
      iat: claims.iat,
      exp: claims.exp,
      jti: claims.jti,
    });
    const logout = await appFetch("/api/auth/logout", {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.access}` },
    });
    expect(logout.status).toBe(200);
    // The signature and claims are as good as before: only the session tells.
    expect(await answer(await introspect(tokens.access, { ip }))).toEqual({ active: false });
  });

  it("answers only {active: false} for every token that is not a live access token", async () => {
    const ip = newAddress();
    const tokens = await loginForTokens(await activeUser());
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    const otherKey = { ...(await exportJWK(privateKey)), kid: claimsOf(tokens.access).sid };
    const claims = claimsOf(tokens.access);
    const now = Math.floor(Date.now() / 1000);
    const inactive = [
      tokens.refresh,
      tamperSignature(tokens.access),
      tamperPayload(tokens.access, { sub: crypto.randomUUID() }),
      unsignedCopy(tokens.access),
      await forgeToken({ typ: "at+jwt", claims: { sub: claims.sub, sid: claims.sid }, key: otherKey }),
      await forgeToken({ typ: "at+jwt", claims: { sub: claims.sub, sid: claims.sid, exp: now - 5, iat: now - 600 } }),
      await forgeToken({
        typ: "at+jwt",
        claims: { sub: claims.sub, sid: claims.sid, aud: "https://elsewhere.example" },
      }),
      await forgeToken({ typ: "refresh+jwt", claims: { sub: claims.sub, sid: claims.sid } }),
      await forgeToken({ typ: "at+jwt", claims: { sub: claims.sub, sid: crypto.randomUUID() } }),
      "not-a-token",
      "x".repeat(5000),
    ];
    const answers = await Promise.all(inactive.map((token) => introspect(token, { ip })));
    for (const response of answers) expect(await answer(response)).toEqual({ active: false });
  });

  it("refuses a parallel burst of missing, wrong and look-alike secrets without saying anything of the token", async () => {
    const ip = newAddress();
    const tokens = await loginForTokens(await activeUser());
    const attempts = [
      null,
      "Bearer wrong",
      `Bearer ${SECRET}x`,
      `Bearer ${SECRET.slice(0, -1)}`,
      `Bearer ${SECRET.toUpperCase()}`,
      `Bearer  ${SECRET}`,
      `Basic ${Buffer.from(`backend:${SECRET}`).toString("base64")}`,
      SECRET,
      `Bearer ${tokens.access}`,
    ];
    const burst = await Promise.all(
      Array.from({ length: 36 }, (_, i) =>
        introspect(tokens.access, { ip, authorization: attempts[i % attempts.length] ?? null }),
      ),
    );
    for (const response of burst) {
      const text = await response.text();
      expect(response.status, text).toBe(401);
      expect(JSON.parse(text)).toMatchObject({ code: "not_authenticated" });
      expect(text).not.toContain("active");
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
    }
    // The token itself is untouched and still live for the real backend.
    expect(await answer(await introspect(tokens.access, { ip }))).toMatchObject({ active: true });
  });

  it("limits each client address, forged requests included: past the limit even the right secret waits", async () => {
    const ip = newAddress();
    const tokens = await loginForTokens(await activeUser());
    const burst = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        introspect(tokens.access, { ip, authorization: i % 2 ? "Bearer forged" : `Bearer ${SECRET}` }),
      ),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 429).length).toBe(10);
    expect(statuses.every((s) => [200, 401, 429].includes(s))).toBe(true);
    for (const response of burst.filter((r) => r.status === 429)) {
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await response.json()).toMatchObject({ code: "rate_limited" });
    }
    expect((await introspect(tokens.access, { ip })).status).toBe(429);
    // Another address is not affected.
    expect(await answer(await introspect(tokens.access, { ip: newAddress() }))).toMatchObject({ active: true });
  });

  it("takes RFC 7662's own encoding, a URL-encoded form, as well as JSON", async () => {
    const ip = newAddress();
    const tokens = await loginForTokens(await activeUser());
    const response = await appFetch("/api/auth/introspect", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Bearer ${SECRET}`,
        "x-forwarded-for": ip,
      },
      body: new URLSearchParams({ token: tokens.access, token_type_hint: "access_token" }).toString(),
    });
    expect(await answer(response)).toMatchObject({ active: true, sub: claimsOf(tokens.access).sub });
    const refresh = await appFetch("/api/auth/introspect", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Bearer ${SECRET}`,
        "x-forwarded-for": ip,
      },
      body: new URLSearchParams({ token: tokens.refresh, token_type_hint: "refresh_token" }).toString(),
    });
    expect(await answer(refresh)).toEqual({ active: false });
  });

  it("answers a body without a token with the usual 400, and nothing else but POST", async () => {
    const ip = newAddress();
    const response = await introspect(undefined, { ip });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: "validation_error",
      fields: { token: ["token is required."] },
    });
    const get = await appFetch("/api/auth/introspect", { headers: { authorization: `Bearer ${SECRET}` } });
    expect(get.status).toBe(405);
  });
});
