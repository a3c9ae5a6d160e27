import { describe, expect, it } from "vitest";
import { api, auditEventsOf, expectError, PATHS, sessionRow, userRow, type Credentials } from "../helpers/account";
import { isDeletion, setCookiesOf, storeCookies } from "../helpers/cookies";
import { json, post } from "../helpers/http";
import type { SessionView } from "@/lib/auth/session";
import { claimsOf } from "../helpers/tokens";
import { activeUser, loginForTokens, loginWithCookies, type TestUser, type TokenPair } from "../helpers/users";

const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const SAFARI_IOS =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

async function loginFrom(user: TestUser, userAgent: string, forwardedFor: string): Promise<TokenPair> {
  const response = await post(
    PATHS.login,
    { login: user.username, password: user.password },
    { tokenTransport: true, headers: { "user-agent": userAgent, "x-forwarded-for": forwardedFor } },
  );
  expect(response.status).toBe(200);
  return json<TokenPair>(response);
}

async function listSessions(credentials: Credentials): Promise<SessionView[]> {
  const response = await api("GET", PATHS.sessions, credentials);
  expect(response.status, await response.clone().text()).toBe(200);
  const body = await json<{ sessions: SessionView[] }>(response);
  expect(Object.keys(body)).toEqual(["sessions"]);
  return body.sessions;
}

function deleteSession(credentials: Credentials, id: string): Promise<Response> {
  return api("DELETE", `${PATHS.sessions}/${encodeURIComponent(id)}`, credentials);
}

const isoDate = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe("GET /api/auth/sessions", () => {
  it("lists each live session with device, ip, times and exactly one current", async () => {
    const user = await activeUser();
    const firefox = await loginFrom(user, FIREFOX_LINUX, "198.51.100.23");
    const iphone = await loginFrom(user, SAFARI_IOS, "10.0.0.1, 192.0.2.44");
    const jar = await loginWithCookies(user);

    const sessions = await listSessions({ jar });
    expect(sessions).toHaveLength(3);
    for (const session of sessions) {
      expect(Object.keys(session).sort()).toEqual([
        "created_at",
        "current",
        "device",
        "expires_at",
        "id",
        "ip",
        "last_used_at",
        "user_agent",
      ]);
      expect(session.created_at).toMatch(isoDate);
      expect(session.last_used_at).toMatch(isoDate);
      expect(Date.parse(session.last_used_at)).toBeGreaterThanOrEqual(Date.parse(session.created_at));
      expect(Date.parse(session.expires_at)).toBeGreaterThan(Date.now());
    }
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions.find((s) => s.current)?.id).toBe(claimsOf(jar.get("aw_access")!).sid);

    const byId = new Map(sessions.map((s) => [s.id, s]));
    expect(byId.get(claimsOf(firefox.access).sid)).toMatchObject({
      device: "Firefox on Linux",
      user_agent: FIREFOX_LINUX,
      ip: "198.51.100.23",
      current: false,
    });
    // The last X-Forwarded-For hop is the one our own proxy added (docs/api.md).
    expect(byId.get(claimsOf(iphone.access).sid)).toMatchObject({
      device: "Safari on iOS",
      ip: "192.0.2.44",
      current: false,
    });

    // Newest use first.
    const times = sessions.map((s) => Date.parse(s.last_used_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // Asked from another session, that one is current instead.
    const fromIphone = await listSessions({ bearer: iphone.access });
    expect(fromIphone.filter((s) => s.current).map((s) => s.id)).toEqual([claimsOf(iphone.access).sid]);
  });

  it("leaves out revoked sessions and other users' sessions", async () => {
    const user = await activeUser();
    const stranger = await activeUser();
    await loginForTokens(stranger);
    const gone = await loginForTokens(user);
    expect((await post("/api/auth/logout", undefined, { bearer: gone.access })).status).toBe(200);
    const live = await loginForTokens(user);

    const sessions = await listSessions({ bearer: live.access });
    expect(sessions.map((s) => s.id)).toEqual([claimsOf(live.access).sid]);
  });

  it("answers 401 without a valid session", async () => {
    await expectError(await api("GET", PATHS.sessions), 401, "not_authenticated");
    const response = await api("GET", PATHS.sessions, { bearer: "x.y.z" });
    await expectError(response, 401, "not_authenticated");
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
  });
});

describe("DELETE /api/auth/sessions/{id}", () => {
  it("signs out another of the caller's own sessions", async () => {
    const user = await activeUser();
    const jar = await loginWithCookies(user);
    const other = await loginForTokens(user);
    const otherSid = claimsOf(other.access).sid;

    const response = await deleteSession({ jar }, otherSid);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ detail: expect.any(String) });
    // Not the caller's own session: its cookies stay.
    expect(response.headers.getSetCookie()).toEqual([]);

    expect((await sessionRow(otherSid))?.revokedAt).toBeInstanceOf(Date);
    await expectError(await api("GET", PATHS.user, { bearer: other.access }), 401, "not_authenticated");
    await expectError(
      await post(PATHS.refresh, { refresh: other.refresh }, { tokenTransport: true }),
      401,
      "session_revoked",
    );
    expect((await api("GET", PATHS.user, { jar })).status).toBe(200);
    expect((await listSessions({ jar })).map((s) => s.id)).not.toContain(otherSid);

    const events = (await auditEventsOf((await userRow(user.email)).id)).filter((e) => e.event === "session_revoked");
    expect(events.map((e) => e.metadata)).toEqual([{ session_id: otherSid }]);
  });

  it("answers 404 for another user's session and leaves it alive", async () => {
    const attacker = await activeUser();
    const victim = await activeUser();
    const attackerTokens = await loginForTokens(attacker);
    const victimTokens = await loginForTokens(victim);
    const victimSid = claimsOf(victimTokens.access).sid;

    const response = await deleteSession({ bearer: attackerTokens.access }, victimSid);
    const body = await expectError(response, 404, "not_found");
    expect(body.fields).toBeUndefined();

    expect((await sessionRow(victimSid))?.revokedAt).toBeNull();
    expect((await api("GET", PATHS.user, { bearer: victimTokens.access })).status).toBe(200);
    expect((await post(PATHS.refresh, { refresh: victimTokens.refresh }, { tokenTransport: true })).status).toBe(200);
    expect((await auditEventsOf((await userRow(victim.email)).id)).map((e) => e.event)).not.toContain(
      "session_revoked",
    );
  });

  it("answers 404 for ids that are garbage, unknown or already revoked", async () => {
    const user = await activeUser();
    const caller = await loginForTokens(user);
    const revoked = await loginForTokens(user);
    expect((await deleteSession({ bearer: caller.access }, claimsOf(revoked.access).sid)).status).toBe(200);

    const ids = [
      "garbage",
      "123",
      "00000000-0000-0000-0000-000000000000",
      crypto.randomUUID(),
      claimsOf(revoked.access).sid,
      "' OR 1=1 --",
      "../user",
      "x".repeat(5000),
      `${claimsOf(caller.access).sid}x`,
    ];
    for (const id of ids) await expectError(await deleteSession({ bearer: caller.access }, id), 404, "not_found");
    expect((await api("GET", PATHS.user, { bearer: caller.access })).status).toBe(200);
  });

  it("signing out the current browser session also clears its cookies", async () => {
    const user = await activeUser();
    const jar = await loginWithCookies(user);
    const sid = claimsOf(jar.get("aw_access")!).sid;
    const stale = new Map(jar);

    const response = await deleteSession({ jar }, sid);
    expect(response.status).toBe(200);
    const cookies = setCookiesOf(response);
    for (const name of ["aw_access", "aw_refresh"]) {
      expect(cookies.get(name), name).toBeDefined();
      expect(isDeletion(cookies.get(name)!)).toBe(true);
    }
    storeCookies(jar, response);
    expect(jar.has("aw_access")).toBe(false);
    expect(jar.has("aw_refresh")).toBe(false);
    await expectError(await api("GET", PATHS.user, { jar: stale }), 401, "not_authenticated");
    await expectError(await post(PATHS.refresh, undefined, { jar: stale }), 401, "session_revoked");
  });

  it("recognises the current session however its id is spelled, and still clears the cookies", async () => {
    const user = await activeUser();
    const jar = await loginWithCookies(user);
    const sid = claimsOf(jar.get("aw_access")!).sid;

    const response = await deleteSession({ jar }, sid.toUpperCase());
    expect(response.status).toBe(200);
    expect((await sessionRow(sid))?.revokedAt).toBeInstanceOf(Date);
    const cookies = setCookiesOf(response);
    for (const name of ["aw_access", "aw_refresh"])
      expect(cookies.get(name) && isDeletion(cookies.get(name)!), name).toBe(true);
  });

  it("a bearer client can sign out its own current session", async () => {
    const user = await activeUser();
    const pair = await loginForTokens(user);
    expect((await deleteSession({ bearer: pair.access }, claimsOf(pair.access).sid)).status).toBe(200);
    await expectError(await api("GET", PATHS.user, { bearer: pair.access }), 401, "not_authenticated");
  });

  it("answers 401 without a valid session and revokes nothing", async () => {
    const user = await activeUser();
    const pair = await loginForTokens(user);
    const sid = claimsOf(pair.access).sid;
    await expectError(await deleteSession({ jar: new Map() }, sid), 401, "not_authenticated");
    await expectError(await deleteSession({ bearer: "bogus" }, sid), 401, "not_authenticated");
    expect((await sessionRow(sid))?.revokedAt).toBeNull();
  });
});

describe("POST /api/auth/logout-all", () => {
  it("revokes every session of the user and clears the browser's cookies", async () => {
    const user = await activeUser();
    const stranger = await activeUser();
    const strangerTokens = await loginForTokens(stranger);
    const jar = await loginWithCookies(user);
    const stale = new Map(jar);
    const bearerA = await loginForTokens(user);
    const bearerB = await loginForTokens(user);

    const response = await api("POST", PATHS.logoutAll, { jar });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ detail: expect.any(String), sessions_revoked: 3 });
    const cookies = setCookiesOf(response);
    for (const name of ["aw_access", "aw_refresh"]) expect(isDeletion(cookies.get(name)!), name).toBe(true);

    for (const pair of [bearerA, bearerB]) {
      await expectError(await api("GET", PATHS.user, { bearer: pair.access }), 401, "not_authenticated");
      await expectError(
        await post(PATHS.refresh, { refresh: pair.refresh }, { tokenTransport: true }),
        401,
        "session_revoked",
      );
    }
    await expectError(await api("GET", PATHS.sessions, { jar: stale }), 401, "not_authenticated");
    await expectError(await post(PATHS.refresh, undefined, { jar: stale }), 401, "session_revoked");

    // Someone else's sessions are untouched.
    expect((await api("GET", PATHS.user, { bearer: strangerTokens.access })).status).toBe(200);

    const [event] = (await auditEventsOf((await userRow(user.email)).id)).filter((e) => e.event === "logout_all");
    expect(event?.metadata).toEqual({ sessions: 3 });

    // Logging in again starts a fresh session.
    const again = await loginForTokens(user);
    expect((await listSessions({ bearer: again.access })).map((s) => s.id)).toEqual([claimsOf(again.access).sid]);
  });

  it("works for a bearer client too", async () => {
    const user = await activeUser();
    const pair = await loginForTokens(user);
    const jar = await loginWithCookies(user);
    const response = await api("POST", PATHS.logoutAll, { bearer: pair.access });
    expect(response.status).toBe(200);
    expect((await json(response)).sessions_revoked).toBe(2);
    await expectError(await api("GET", PATHS.user, { bearer: pair.access }), 401, "not_authenticated");
    await expectError(await api("GET", PATHS.user, { jar }), 401, "not_authenticated");
  });

  it("answers 401 without a valid session", async () => {
    await expectError(await api("POST", PATHS.logoutAll), 401, "not_authenticated");
    const response = await api("POST", PATHS.logoutAll, { bearer: "bogus" });
    await expectError(response, 401, "not_authenticated");
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
  });
});
