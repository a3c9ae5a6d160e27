import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, tables } from "@/db";
import { isDeletion, setCookiesOf } from "../helpers/cookies";
import { get, json, post } from "../helpers/http";
import { claimsOf } from "../helpers/tokens";
import { activeUser, loginForTokens, loginWithCookies } from "../helpers/users";

const LOGOUT = "/api/auth/logout";

async function sessionRevoked(sid: string): Promise<boolean> {
  const db = await getDb();
  const [session] = await db.select().from(tables.sessions).where(eq(tables.sessions.id, sid));
  return session?.revokedAt instanceof Date;
}

describe("POST /api/auth/logout", () => {
  it("clears both auth cookies and ends the browser's session", async () => {
    const jar = await loginWithCookies(await activeUser());
    const sid = claimsOf(jar.get("aw_access")!).sid;
    const response = await post(LOGOUT, undefined, { jar });

    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ detail: expect.any(String) });
    const cookies = setCookiesOf(response);
    for (const name of ["aw_access", "aw_refresh"]) {
      expect(cookies.get(name)?.value).toBe("");
      expect(isDeletion(cookies.get(name)!)).toBe(true);
      expect(cookies.get(name)?.attributes.path).toBe("/");
    }
    expect(await sessionRevoked(sid)).toBe(true);
    // A copy of the old cookies is worthless now.
    expect((await get("/api/auth/user", { jar })).status).toBe(401);
    expect((await post("/api/auth/token/refresh", undefined, { jar })).status).toBe(401);
  });

  it("revokes the session of a bearer client so its access token stops working", async () => {
    const pair = await loginForTokens(await activeUser());
    expect((await get("/api/auth/user", { bearer: pair.access })).status).toBe(200);

    expect((await post(LOGOUT, {}, { bearer: pair.access })).status).toBe(200);
    expect((await get("/api/auth/user", { bearer: pair.access })).status).toBe(401);
    const refreshed = await post("/api/auth/token/refresh", { refresh: pair.refresh }, { tokenTransport: true });
    expect(refreshed.status).toBe(401);
    expect(await json(refreshed)).toMatchObject({ code: "session_revoked" });
  });

  it("ends the session named by the refresh token when no access token is sent", async () => {
    const pair = await loginForTokens(await activeUser());
    expect((await post(LOGOUT, { refresh: pair.refresh })).status).toBe(200);
    expect(await sessionRevoked(claimsOf(pair.refresh).sid)).toBe(true);
    expect((await get("/api/auth/user", { bearer: pair.access })).status).toBe(401);
  });

  it("ends the session named by the refresh cookie once the access cookie has expired", async () => {
    const jar = await loginWithCookies(await activeUser());
    const sid = claimsOf(jar.get("aw_refresh")!).sid;
    jar.delete("aw_access");
    expect((await post(LOGOUT, undefined, { jar })).status).toBe(200);
    expect(await sessionRevoked(sid)).toBe(true);
  });

  it("leaves the user's other sessions alone", async () => {
    const user = await activeUser();
    const phone = await loginForTokens(user);
    const laptop = await loginForTokens(user);
    await post(LOGOUT, {}, { bearer: phone.access });
    expect((await get("/api/auth/user", { bearer: laptop.access })).status).toBe(200);
  });

  it("answers 200 and clears cookies even without a session", async () => {
    const response = await post(LOGOUT);
    expect(response.status).toBe(200);
    expect(isDeletion(setCookiesOf(response).get("aw_access")!)).toBe(true);
  });

  it("ignores an invalid token instead of failing", async () => {
    expect((await post(LOGOUT, { refresh: "not.a.token" }, { bearer: "garbage" })).status).toBe(200);
  });

  it("records the logout in the audit log", async () => {
    const pair = await loginForTokens(await activeUser());
    await post(LOGOUT, {}, { bearer: pair.access });
    const db = await getDb();
    const events = await db
      .select()
      .from(tables.auditEvents)
      .where(eq(tables.auditEvents.userId, claimsOf(pair.access).sub));
    expect(events.map((e) => e.event)).toContain("logout");
  });
});
