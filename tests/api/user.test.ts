import { describe, expect, it } from "vitest";
import { get, json } from "../helpers/http";
import { forgeToken, tamperSignature, unsignedCopy, claimsOf } from "../helpers/tokens";
import { activeUser, loginForTokens, loginWithCookies } from "../helpers/users";

const USER = "/api/auth/user";

describe("GET /api/auth/user", () => {
  it("returns the profile of a browser signed in with cookies", async () => {
    const user = await activeUser({ first_name: "Jacques" });
    const response = await get(USER, { jar: await loginWithCookies(user) });

    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).toMatchObject({
      username: user.username,
      email: user.email,
      first_name: "Jacques",
      email_verified: true,
    });
    expect(Object.keys(body).sort()).toEqual([
      "bio",
      "date_joined",
      "email",
      "email_verified",
      "first_name",
      "id",
      "last_login",
      "last_name",
      "profile_picture",
      "username",
    ]);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("returns the profile of a client with a bearer token", async () => {
    const user = await activeUser();
    const response = await get(USER, { bearer: (await loginForTokens(user)).access });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ username: user.username });
  });

  it("answers 401 without credentials", async () => {
    const response = await get(USER);
    expect(response.status).toBe(401);
    expect(await json(response)).toEqual({ detail: expect.any(String), code: "not_authenticated" });
  });

  it("answers a bad bearer token with 401 and WWW-Authenticate: Bearer", async () => {
    const response = await get(USER, { bearer: "not-a-jwt" });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
    expect(await json(response)).toMatchObject({ code: "not_authenticated" });
  });

  it("answers a malformed Authorization header with 401 and WWW-Authenticate: Bearer", async () => {
    const response = await get(USER, { headers: { authorization: "Basic dXNlcjpwYXNz" } });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
  });

  it("refuses tampered, unsigned, expired and foreign-issuer access tokens", async () => {
    const { access } = await loginForTokens(await activeUser());
    const { sub, sid } = claimsOf(access);
    const now = Math.floor(Date.now() / 1000);
    const bad = [
      tamperSignature(access),
      unsignedCopy(access),
      await forgeToken({ typ: "at+jwt", claims: { sub, sid, iat: now - 3600, exp: now - 1 } }),
      await forgeToken({ typ: "at+jwt", claims: { sub, sid, iss: "https://evil.example" } }),
      await forgeToken({ typ: "at+jwt", claims: { sub, sid, aud: "https://evil.example" } }),
      await forgeToken({ typ: "JWT", claims: { sub, sid } }),
    ];
    for (const token of bad) {
      const response = await get(USER, { bearer: token });
      expect(response.status, token).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
    }
    expect((await get(USER, { bearer: access })).status).toBe(200);
  });

  it("answers a malformed cookie value with 401, not 500", async () => {
    const response = await get(USER, { headers: { cookie: "aw_access=%E0%A4%A; aw_refresh=%" } });
    expect(response.status).toBe(401);
    expect(await json(response)).toMatchObject({ code: "not_authenticated" });
  });

  it("refuses a validly signed token for a session that does not exist", async () => {
    const { access } = await loginForTokens(await activeUser());
    const forged = await forgeToken({ typ: "at+jwt", claims: { sub: claimsOf(access).sub, sid: crypto.randomUUID() } });
    expect((await get(USER, { bearer: forged })).status).toBe(401);
  });
});
