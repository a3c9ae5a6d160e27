import { describe, expect, it } from "vitest";
import {
  api,
  expectError,
  loginAttempt,
  PATHS,
  signIn,
  strongPassword,
  userRow,
  type Credentials,
} from "../helpers/account";
import { json } from "../helpers/http";
import { activeUser, loginForTokens, type TestUser } from "../helpers/users";

interface AuditView {
  id: number;
  event: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
}

interface AuditPage {
  results: AuditView[];
  next_before: number | null;
}

async function auditPage(credentials: Credentials, query = ""): Promise<AuditPage> {
  const response = await api("GET", `${PATHS.audit}${query}`, credentials);
  expect(response.status, await response.clone().text()).toBe(200);
  const body = await json<AuditPage>(response);
  expect(Object.keys(body).sort()).toEqual(["next_before", "results"]);
  return body;
}

/** register → verify → failed login → login → password change → profile update. */
async function userWithHistory(): Promise<{ user: TestUser; credentials: Credentials }> {
  const user = await activeUser();
  expect((await loginAttempt(user.username, `${user.password}-wrong`)).status).toBe(401);
  const credentials = await signIn(user, "bearer");
  const newPassword = strongPassword();
  const change = await api("POST", PATHS.passwordChange, {
    ...credentials,
    json: { current_password: user.password, new_password: newPassword, new_password2: newPassword },
  });
  expect(change.status).toBe(200);
  expect((await api("PATCH", PATHS.user, { ...credentials, json: { bio: "hello" } })).status).toBe(200);
  return { user: { ...user, password: newPassword }, credentials };
}

const HISTORY = ["profile_update", "password_change", "login_success", "login_failure", "email_verified", "register"];

describe("GET /api/auth/audit", () => {
  it("returns the caller's own events, newest first", async () => {
    const { credentials } = await userWithHistory();
    // Noise from someone else and from an unknown login name.
    const stranger = await activeUser();
    await loginForTokens(stranger);
    await loginAttempt(stranger.username, "wrong-password-123");
    await loginAttempt("nobody-at-all", "wrong-password-123");

    const { results, next_before } = await auditPage(credentials);
    expect(results.map((e) => e.event)).toEqual(HISTORY);
    expect(next_before).toBeNull();
    const ids = results.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    for (const event of results) {
      expect(Object.keys(event).sort()).toEqual(["created_at", "event", "id", "ip", "user_agent"]);
      expect(event).toMatchObject({ ip: "203.0.113.7", user_agent: "vitest" });
      expect(event.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    const times = results.map((e) => Date.parse(e.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const strangerEvents = (await auditPage(await signIn(stranger, "cookie"))).results;
    expect(strangerEvents.map((e) => e.id).filter((id) => ids.includes(id))).toEqual([]);
  });

  it("pages with limit and the next_before cursor", async () => {
    const { credentials } = await userWithHistory();
    const everything = (await auditPage(credentials)).results;

    const seen: AuditView[] = [];
    let query = "?limit=4";
    const cursors: (number | null)[] = [];
    for (let guard = 0; guard < 10; guard++) {
      const page = await auditPage(credentials, query);
      seen.push(...page.results);
      cursors.push(page.next_before);
      if (page.next_before === null) break;
      expect(page.results).toHaveLength(4);
      expect(page.next_before).toBe(page.results.at(-1)!.id);
      query = `?limit=4&before=${page.next_before}`;
    }
    expect(seen).toEqual(everything);
    expect(cursors).toHaveLength(2);

    // Exactly one page's worth has no next page.
    expect((await auditPage(credentials, `?limit=${everything.length}`)).next_before).toBeNull();
    // A cursor below every id gives an empty page.
    expect(await auditPage(credentials, `?before=${everything.at(-1)!.id}`)).toEqual({
      results: [],
      next_before: null,
    });
    // A cursor above every id gives the first page.
    expect((await auditPage(credentials, `?limit=2&before=${everything[0]!.id + 1000}`)).results).toEqual(
      everything.slice(0, 2),
    );
  });

  it("defaults to 20 and allows up to 100 events per page", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "bearer");
    for (let i = 0; i < 22; i++) {
      expect((await api("PATCH", PATHS.user, { ...credentials, json: { bio: `bio ${i}` } })).status).toBe(200);
    }
    const first = await auditPage(credentials);
    expect(first.results).toHaveLength(20);
    expect(first.next_before).toBe(first.results[19]!.id);
    expect((await auditPage(credentials, "?limit=100")).results).toHaveLength(25);
  });

  it.each(["0", "-1", "101", "abc", "1.5", "", "1e9", "NaN"])("rejects limit=%s with a field error", async (limit) => {
    const credentials = await signIn(await activeUser(), "bearer");
    await expectError(
      await api("GET", `${PATHS.audit}?limit=${encodeURIComponent(limit)}`, credentials),
      400,
      "validation_error",
      ["limit"],
    );
  });

  it.each(["0", "-5", "abc", "1.5", "Infinity"])("rejects before=%s with a field error", async (before) => {
    const credentials = await signIn(await activeUser(), "cookie");
    await expectError(
      await api("GET", `${PATHS.audit}?before=${encodeURIComponent(before)}`, credentials),
      400,
      "validation_error",
      ["before"],
    );
  });

  it.each(["9223372036854775807", "9223372036854775808", "99999999999999999999", "1e300"])(
    "answers a before=%s beyond the safe integer range with a field error, not a database 500",
    async (before) => {
      const credentials = await signIn(await activeUser(), "bearer");
      await expectError(await api("GET", `${PATHS.audit}?before=${before}`, credentials), 400, "validation_error", [
        "before",
      ]);
    },
  );

  it("answers 401 without a valid session", async () => {
    await expectError(await api("GET", PATHS.audit), 401, "not_authenticated");
    const response = await api("GET", PATHS.audit, { bearer: "bogus" });
    await expectError(response, 401, "not_authenticated");
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
  });
});

describe("audit events are written with the change they record", () => {
  it("a failed password change writes no password_change event; a successful one writes exactly one", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "bearer");
    const password = strongPassword();
    const attempts = [
      { current_password: "wrong-password-1", new_password: password, new_password2: password },
      { current_password: user.password, new_password: "password123", new_password2: "password123" },
      { current_password: user.password, new_password: password, new_password2: `${password}!` },
    ];
    for (const body of attempts)
      expect((await api("POST", PATHS.passwordChange, { ...credentials, json: body })).status).toBe(400);
    const events = async () => (await auditPage(credentials)).results.map((e) => e.event);
    expect(await events()).not.toContain("password_change");

    const ok = await api("POST", PATHS.passwordChange, {
      ...credentials,
      json: { current_password: user.password, new_password: password, new_password2: password },
    });
    expect(ok.status).toBe(200);
    expect((await events()).filter((e) => e === "password_change")).toHaveLength(1);
    expect((await events())[0]).toBe("password_change");
  });

  it("a refused profile update writes no profile_update event", async () => {
    const other = await activeUser();
    const user = await activeUser();
    const credentials = await signIn(user, "cookie");
    expect(
      (await api("PATCH", PATHS.user, { ...credentials, json: { username: other.username.toUpperCase() } })).status,
    ).toBe(400);
    expect(
      (await api("PATCH", PATHS.user, { ...credentials, json: { profile_picture: "javascript:alert(1)" } })).status,
    ).toBe(400);
    expect((await auditPage(credentials)).results.map((e) => e.event)).not.toContain("profile_update");
    expect((await userRow(user.email)).username).toBe(user.username);
  });

  it("records logout-all and session revocation for the account page", async () => {
    const user = await activeUser();
    const keep = await loginForTokens(user);
    const drop = await loginForTokens(user);
    const { sid } = JSON.parse(Buffer.from(drop.access.split(".")[1]!, "base64url").toString()) as { sid: string };
    expect((await api("DELETE", `${PATHS.sessions}/${sid}`, { bearer: keep.access })).status).toBe(200);
    const events = (await auditPage({ bearer: keep.access })).results.map((e) => e.event);
    expect(events[0]).toBe("session_revoked");
    expect((await api("POST", PATHS.logoutAll, { bearer: keep.access })).status).toBe(200);
    const again = await loginForTokens(user);
    expect((await auditPage({ bearer: again.access })).results.slice(0, 2).map((e) => e.event)).toEqual([
      "login_success",
      "logout_all",
    ]);
  });
});
