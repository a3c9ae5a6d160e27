import { hash } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, tables } from "@/db";
import { verifyPassword } from "@/lib/auth/password";
import { setCookiesOf } from "../helpers/cookies";
import { json, post } from "../helpers/http";
import { claimsOf } from "../helpers/tokens";
import { activeUser, mailTo, registerUser, verifyUser, type TestUser } from "../helpers/users";

const LOGIN = "/api/auth/login";

async function userRow(user: TestUser) {
  const db = await getDb();
  const [row] = await db.select().from(tables.users).where(eq(tables.users.email, user.email));
  return row!;
}

describe("POST /api/auth/login", () => {
  it("logs in with the username", async () => {
    const user = await activeUser();
    const response = await post(LOGIN, { login: user.username, password: user.password });
    expect(response.status).toBe(200);
    const body = await json<{ user: { username: string; last_login: string | null }; access_expires_at: string }>(
      response,
    );
    expect(body.user.username).toBe(user.username);
    expect(body.user.last_login).not.toBeNull();
    expect(Date.parse(body.access_expires_at)).toBeGreaterThan(Date.now());
  });

  it("logs in with the email address", async () => {
    const user = await activeUser();
    expect((await post(LOGIN, { login: user.email, password: user.password })).status).toBe(200);
  });

  it("matches username and email case-insensitively", async () => {
    const user = await activeUser();
    expect((await post(LOGIN, { login: user.username.toUpperCase(), password: user.password })).status).toBe(200);
    expect((await post(LOGIN, { login: ` ${user.email.toUpperCase()} `, password: user.password })).status).toBe(200);
  });

  it("accepts `username` and `email` in place of `login`", async () => {
    const user = await activeUser();
    expect((await post(LOGIN, { username: user.username, password: user.password })).status).toBe(200);
    expect((await post(LOGIN, { email: user.email, password: user.password })).status).toBe(200);
  });

  it("answers a wrong password and an unknown user identically", async () => {
    const user = await activeUser();
    const wrong = await post(LOGIN, { login: user.username, password: `${user.password}-wrong` });
    const unknown = await post(LOGIN, { login: "nobody_here", password: user.password });

    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(wrong.status);
    expect(await json(wrong)).toEqual({ detail: expect.any(String), code: "invalid_credentials" });
    expect(await unknown.text()).toBe(await wrong.text());
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it("answers an unverified account's right password exactly like a wrong one, and mails a fresh verification link", async () => {
    const user = await registerUser();
    const linksBefore = (await mailTo(user.email)).filter((m) => m.text.includes("/verify-email?")).length;
    const right = await post(LOGIN, { login: user.username, password: user.password });
    const wrong = await post(LOGIN, { login: user.username, password: "Not-the-password-1" });
    expect(right.status).toBe(401);
    expect(await right.clone().text()).toBe(await wrong.text());
    expect(await json(right)).toMatchObject({
      code: "invalid_credentials",
      detail: expect.stringMatching(/Confirm your email first/),
    });
    expect(right.headers.getSetCookie()).toEqual([]);
    // The right password (only) brings a fresh link, so the person can still get in.
    const links = (await mailTo(user.email)).filter((m) => m.text.includes("/verify-email?"));
    expect(links).toHaveLength(linksBefore + 1);
    await verifyUser(user);
    expect((await post(LOGIN, { login: user.username, password: user.password })).status).toBe(200);
  });

  it("refuses a deactivated user", async () => {
    const user = await activeUser();
    const db = await getDb();
    await db.update(tables.users).set({ isActive: false }).where(eq(tables.users.email, user.email));
    const response = await post(LOGIN, { login: user.username, password: user.password });
    expect(response.status).toBe(403);
    expect(await json(response)).toMatchObject({ code: "account_disabled" });
  });

  it("sets httpOnly, SameSite=Lax auth cookies and keeps the tokens out of the body", async () => {
    const user = await activeUser();
    const response = await post(LOGIN, { login: user.username, password: user.password });
    expect(response.status).toBe(200);

    const cookies = setCookiesOf(response);
    expect([...cookies.keys()]).toEqual(expect.arrayContaining(["aw_access", "aw_refresh"]));
    for (const cookie of cookies.values()) expect(cookie.attributes.httponly, cookie.name).toBe(true);
    for (const cookie of [cookies.get("aw_access")!, cookies.get("aw_refresh")!]) {
      expect(cookie.value).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(cookie.attributes.httponly).toBe(true);
      expect(String(cookie.attributes.samesite).toLowerCase()).toBe("lax");
      expect(cookie.attributes.path).toBe("/");
      // AUTH_URL is http://localhost in tests; Secure and __Host- apply to https deployments.
      expect(cookie.attributes.secure).toBeUndefined();
      expect(Number(cookie.attributes["max-age"])).toBeGreaterThan(0);
    }
    expect(Number(cookies.get("aw_access")!.attributes["max-age"])).toBeLessThanOrEqual(15 * 60);
    expect(Number(cookies.get("aw_refresh")!.attributes["max-age"])).toBeGreaterThan(15 * 60);

    const body = await json(response);
    expect(body).not.toHaveProperty("access");
    expect(body).not.toHaveProperty("refresh");
    expect(JSON.stringify(body)).not.toContain(cookies.get("aw_access")!.value);
  });

  it("returns {access, refresh, token_type, expires_in} and no cookies to a token client", async () => {
    const user = await activeUser();
    const response = await post(LOGIN, { login: user.username, password: user.password }, { tokenTransport: true });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([]);

    const body = await json<{
      access: string;
      refresh: string;
      token_type: string;
      expires_in: number;
      user: { id: string };
    }>(response);
    expect(body).toMatchObject({ token_type: "Bearer", user: { username: user.username } });
    expect(body.expires_in).toBeGreaterThan(15 * 60 - 5);
    expect(body.expires_in).toBeLessThanOrEqual(15 * 60);
    expect(claimsOf(body.access)).toMatchObject({ sub: body.user.id });
    expect(claimsOf(body.refresh).sid).toBe(claimsOf(body.access).sid);
  });

  it("starts a new session on every login", async () => {
    const user = await activeUser();
    const first = await json<{ access: string }>(
      await post(LOGIN, { login: user.username, password: user.password }, { tokenTransport: true }),
    );
    const second = await json<{ access: string }>(
      await post(LOGIN, { login: user.username, password: user.password }, { tokenTransport: true }),
    );
    expect(claimsOf(first.access).sid).not.toBe(claimsOf(second.access).sid);
  });

  it("upgrades a hash made with older argon2 parameters on the next successful login", async () => {
    const user = await activeUser();
    const db = await getDb();
    const old = await hash(user.password, { algorithm: 2, memoryCost: 2048, timeCost: 2, parallelism: 1 });
    await db.update(tables.users).set({ passwordHash: old }).where(eq(tables.users.email, user.email));

    expect((await post(LOGIN, { login: user.username, password: user.password })).status).toBe(200);
    const upgraded = (await userRow(user)).passwordHash;
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(await verifyPassword(upgraded, user.password)).toBe(true);
  });

  it("records successes and failures in the audit log", async () => {
    const user = await activeUser();
    await post(LOGIN, { login: user.username, password: "Wrong-password-42" });
    await post(LOGIN, { login: user.username, password: user.password });
    const db = await getDb();
    const events = await db
      .select()
      .from(tables.auditEvents)
      .where(eq(tables.auditEvents.userId, (await userRow(user)).id));
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(["login_failure", "login_success"]));
    expect(events.find((e) => e.event === "login_success")).toMatchObject({ ip: "203.0.113.7", userAgent: "vitest" });
  });

  it("answers a body without credentials with field errors", async () => {
    const response = await post(LOGIN, { login: "", password: 5 });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({
      code: "validation_error",
      fields: { login: expect.any(Array), password: expect.any(Array) },
    });
  });
});
