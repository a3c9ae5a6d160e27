import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, tables } from "@/db";
import { hashSecretToken } from "@/lib/auth/secret-token";
import { setCookiesOf, storeCookies } from "../helpers/cookies";
import { get, json, post } from "../helpers/http";
import { claimsOf, forgeToken, tamperPayload, tamperSignature, unsignedCopy } from "../helpers/tokens";
import { activeUser, loginForTokens, loginWithCookies, type TokenPair } from "../helpers/users";

const REFRESH = "/api/auth/token/refresh";

function refreshWith(refresh: string): Promise<Response> {
  return post(REFRESH, { refresh }, { tokenTransport: true });
}

async function refreshRow(token: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(tables.refreshTokens)
    .where(eq(tables.refreshTokens.jtiHash, hashSecretToken(claimsOf(token).jti)));
  return row;
}

/** Moves the moment a refresh token was used back, out of the 10 s grace window. */
async function ageUse(token: string, seconds: number): Promise<void> {
  const db = await getDb();
  const row = await refreshRow(token);
  await db
    .update(tables.refreshTokens)
    .set({ usedAt: new Date(row!.usedAt!.getTime() - seconds * 1000) })
    .where(eq(tables.refreshTokens.jtiHash, row!.jtiHash));
}

async function userStatus(access: string): Promise<number> {
  return (await get("/api/auth/user", { bearer: access })).status;
}

async function expectRefused(response: Response, code: string): Promise<void> {
  expect(response.status).toBe(401);
  expect(await json(response)).toMatchObject({ code, detail: expect.any(String) });
}

describe("POST /api/auth/token/refresh", () => {
  it("rotates: returns a new pair and marks the old refresh token used", async () => {
    const pair = await loginForTokens(await activeUser());
    const response = await refreshWith(pair.refresh);

    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([]);
    const next = await json<TokenPair>(response);
    expect(next).toMatchObject({
      token_type: "Bearer",
      access: expect.any(String),
      refresh: expect.any(String),
      expires_in: expect.any(Number),
    });
    expect(next.access).not.toBe(pair.access);
    expect(claimsOf(next.refresh).jti).not.toBe(claimsOf(pair.refresh).jti);
    expect(claimsOf(next.refresh).sid).toBe(claimsOf(pair.refresh).sid);

    expect((await refreshRow(pair.refresh))?.usedAt).toBeInstanceOf(Date);
    expect((await refreshRow(next.refresh))?.usedAt).toBeNull();
    expect(await userStatus(next.access)).toBe(200);
  });

  it("stores only a hash of the refresh token's jti", async () => {
    const pair = await loginForTokens(await activeUser());
    const db = await getDb();
    const rows = await db
      .select()
      .from(tables.refreshTokens)
      .where(eq(tables.refreshTokens.sessionId, claimsOf(pair.refresh).sid));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.jtiHash).not.toBe(claimsOf(pair.refresh).jti);
  });

  it("rotates the refresh cookie for a browser", async () => {
    const jar = await loginWithCookies(await activeUser());
    const oldRefresh = jar.get("aw_refresh");
    const response = await post(REFRESH, undefined, { jar });

    expect(response.status).toBe(200);
    const cookies = setCookiesOf(response);
    expect(cookies.get("aw_refresh")?.value).toMatch(/\./);
    expect(cookies.get("aw_refresh")?.value).not.toBe(oldRefresh);
    expect(cookies.get("aw_access")?.attributes.httponly).toBe(true);
    const body = await json(response);
    expect(body).not.toHaveProperty("refresh");
    storeCookies(jar, response);
    expect((await get("/api/auth/user", { jar })).status).toBe(200);
  });

  it("reusing a rotated refresh token outside the grace window revokes the whole session", async () => {
    const pair = await loginForTokens(await activeUser());
    const next = await json<TokenPair>(await refreshWith(pair.refresh));
    await ageUse(pair.refresh, 60);

    await expectRefused(await refreshWith(pair.refresh), "refresh_token_reused");
    // The thief and the owner both lose the session: the newest tokens are dead too.
    await expectRefused(await refreshWith(next.refresh), "session_revoked");
    expect(await userStatus(next.access)).toBe(401);
    expect(await userStatus(pair.access)).toBe(401);

    const db = await getDb();
    const [session] = await db
      .select()
      .from(tables.sessions)
      .where(eq(tables.sessions.id, claimsOf(pair.refresh).sid));
    expect(session?.revokedAt).toBeInstanceOf(Date);
    const audit = await db.select().from(tables.auditEvents).where(eq(tables.auditEvents.event, "refresh_reuse"));
    expect(audit.map((e) => e.userId)).toContain(claimsOf(pair.refresh).sub);
  });

  it("answers a retry inside the grace window with the same successor", async () => {
    const pair = await loginForTokens(await activeUser());
    const first = await json<TokenPair>(await refreshWith(pair.refresh));
    const retry = await refreshWith(pair.refresh);

    expect(retry.status).toBe(200);
    const second = await json<TokenPair>(retry);
    expect(claimsOf(second.refresh).jti).toBe(claimsOf(first.refresh).jti);
    expect(await userStatus(second.access)).toBe(200);
    expect((await refreshWith(first.refresh)).status).toBe(200);
  });

  it("lets two parallel refreshes with the same token both succeed and keeps the session alive", async () => {
    const pair = await loginForTokens(await activeUser());
    const responses = await Promise.all([refreshWith(pair.refresh), refreshWith(pair.refresh)]);

    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const [a, b] = await Promise.all(responses.map((r) => json<TokenPair>(r)));
    expect(claimsOf(a!.refresh).jti).toBe(claimsOf(b!.refresh).jti);
    expect(await userStatus(a!.access)).toBe(200);
    expect(await userStatus(b!.access)).toBe(200);

    const db = await getDb();
    const [session] = await db
      .select()
      .from(tables.sessions)
      .where(eq(tables.sessions.id, claimsOf(pair.refresh).sid));
    expect(session?.revokedAt).toBeNull();
    const onward = await refreshWith(b!.refresh);
    expect(onward.status).toBe(200);
  });

  it("refuses an access token as a refresh token", async () => {
    const pair = await loginForTokens(await activeUser());
    await expectRefused(await refreshWith(pair.access), "invalid_refresh_token");
  });

  it("refuses a refresh token as an access token on /api/auth/user", async () => {
    const pair = await loginForTokens(await activeUser());
    const response = await get("/api/auth/user", { bearer: pair.refresh });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("refuses a refresh token with a tampered signature or payload", async () => {
    const pair = await loginForTokens(await activeUser());
    await expectRefused(await refreshWith(tamperSignature(pair.refresh)), "invalid_refresh_token");
    await expectRefused(
      await refreshWith(tamperPayload(pair.refresh, { exp: Math.floor(Date.now() / 1000) + 86400 * 365 })),
      "invalid_refresh_token",
    );
    // The genuine token is untouched by the attempts.
    expect((await refreshWith(pair.refresh)).status).toBe(200);
  });

  it("refuses an expired refresh token", async () => {
    const pair = await loginForTokens(await activeUser());
    const { sub, sid, jti } = claimsOf(pair.refresh);
    const now = Math.floor(Date.now() / 1000);
    const expired = await forgeToken({ typ: "refresh+jwt", claims: { sub, sid, jti, iat: now - 3600, exp: now - 60 } });
    await expectRefused(await refreshWith(expired), "invalid_refresh_token");
  });

  it("refuses an unsigned (alg: none) refresh token", async () => {
    const pair = await loginForTokens(await activeUser());
    await expectRefused(await refreshWith(unsignedCopy(pair.refresh)), "invalid_refresh_token");
    expect((await refreshWith(pair.refresh)).status).toBe(200);
  });

  it("refuses a well-signed refresh token whose jti was never issued", async () => {
    const pair = await loginForTokens(await activeUser());
    const { sub, sid } = claimsOf(pair.refresh);
    const forged = await forgeToken({ typ: "refresh+jwt", claims: { sub, sid, jti: "never-issued" } });
    await expectRefused(await refreshWith(forged), "invalid_refresh_token");
  });

  it("refuses a refresh token once the session has passed its absolute lifetime", async () => {
    const pair = await loginForTokens(await activeUser());
    const db = await getDb();
    await db
      .update(tables.sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(tables.sessions.id, claimsOf(pair.refresh).sid));
    await expectRefused(await refreshWith(pair.refresh), "session_revoked");
  });

  it("refuses to refresh the session of a user who has been disabled", async () => {
    const pair = await loginForTokens(await activeUser());
    const db = await getDb();
    await db
      .update(tables.users)
      .set({ isActive: false })
      .where(eq(tables.users.id, claimsOf(pair.refresh).sub));
    await expectRefused(await refreshWith(pair.refresh), "session_revoked");
  });

  it("answers 401 when no refresh token is presented", async () => {
    await expectRefused(await post(REFRESH, {}), "invalid_refresh_token");
    await expectRefused(await post(REFRESH), "invalid_refresh_token");
  });

  it("answers a non-string refresh with a field error", async () => {
    const response = await post(REFRESH, { refresh: 12 });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ code: "validation_error", fields: { refresh: expect.any(Array) } });
  });
});
