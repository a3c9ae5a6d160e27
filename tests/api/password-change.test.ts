import { describe, expect, it } from "vitest";
import {
  api,
  auditEventsOf,
  expectError,
  loginAttempt,
  PATHS,
  sessionRow,
  signIn,
  strongPassword,
  userRow,
  type Credentials,
  type Transport,
} from "../helpers/account";
import { setCookiesOf } from "../helpers/cookies";
import { json, post } from "../helpers/http";
import { claimsOf } from "../helpers/tokens";
import { activeUser, loginForTokens, loginWithCookies, mailTo, type TestUser } from "../helpers/users";

function changePassword(credentials: Credentials, body: Record<string, unknown>): Promise<Response> {
  return api("POST", PATHS.passwordChange, { ...credentials, json: body });
}

function changeBody(user: TestUser, newPassword: string, confirmation = newPassword) {
  return { current_password: user.password, new_password: newPassword, new_password2: confirmation };
}

function passwordChangedMails(email: string) {
  return mailTo(email).then((mails) => mails.filter((m) => /password was changed/i.test(m.subject)));
}

/** Asserts a rejected change left everything as it was: password, sessions, mail, audit. */
async function expectNothingChanged(user: TestUser, hashBefore: string) {
  const row = await userRow(user.email);
  expect(row.passwordHash).toBe(hashBefore);
  expect(await passwordChangedMails(user.email)).toHaveLength(0);
  expect((await auditEventsOf(row.id)).map((e) => e.event)).not.toContain("password_change");
}

describe.each(["bearer", "cookie"] as Transport[])("POST /api/auth/password-change over %s transport", (transport) => {
  it("keeps the calling session, revokes the others, and mails a notice", async () => {
    const user = await activeUser();
    const caller = await signIn(user, transport);
    const otherBearer = await loginForTokens(user);
    const otherJar = await loginWithCookies(user);
    const newPassword = strongPassword();

    const response = await changePassword(caller, changeBody(user, newPassword));
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await json(response)).toEqual({ detail: expect.any(String) });
    expect(response.headers.getSetCookie()).toEqual([]);

    // The calling session still works, for API calls and for refresh.
    expect((await api("GET", PATHS.user, caller)).status).toBe(200);
    if ("jar" in caller) expect((await post(PATHS.refresh, undefined, { jar: caller.jar })).status).toBe(200);

    // Every other session is gone.
    await expectError(await api("GET", PATHS.user, { bearer: otherBearer.access }), 401, "not_authenticated");
    await expectError(await api("GET", PATHS.user, { jar: otherJar }), 401, "not_authenticated");
    await expectError(
      await post(PATHS.refresh, { refresh: otherBearer.refresh }, { tokenTransport: true }),
      401,
      "session_revoked",
    );
    await expectError(await post(PATHS.refresh, undefined, { jar: otherJar }), 401, "session_revoked");
    expect((await sessionRow(claimsOf(otherBearer.access).sid))?.revokedAt).toBeInstanceOf(Date);

    // New password in, old one out.
    await expectError(await loginAttempt(user.username, user.password), 401, "invalid_credentials");
    expect((await loginAttempt(user.username, newPassword)).status).toBe(200);

    const [notice, ...more] = await passwordChangedMails(user.email);
    expect(more).toHaveLength(0);
    expect(notice?.text).toMatch(/other devices were signed out/i);
    expect(notice?.text).not.toContain(newPassword);

    const row = await userRow(user.email);
    const [event, ...others] = (await auditEventsOf(row.id)).filter((e) => e.event === "password_change");
    expect(others).toHaveLength(0);
    expect(event).toMatchObject({ ip: "203.0.113.7", userAgent: "vitest" });
    expect(Date.now() - event!.createdAt.getTime()).toBeLessThan(60_000);
  });
});

describe("POST /api/auth/password-change", () => {
  it("keeps a bearer caller's refresh token working after the change", async () => {
    const user = await activeUser();
    const pair = await loginForTokens(user);
    expect((await changePassword({ bearer: pair.access }, changeBody(user, strongPassword()))).status).toBe(200);
    const refreshed = await post(PATHS.refresh, { refresh: pair.refresh }, { tokenTransport: true });
    expect(refreshed.status, await refreshed.clone().text()).toBe(200);
    const next = await json<{ access: string }>(refreshed);
    expect((await api("GET", PATHS.user, { bearer: next.access })).status).toBe(200);
  });

  it("rejects a wrong current password in fields.current_password and changes nothing", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "bearer");
    const other = await loginForTokens(user);
    const hash = (await userRow(user.email)).passwordHash;

    const body = await expectError(
      await changePassword(credentials, {
        ...changeBody(user, strongPassword()),
        current_password: `${user.password}x`,
      }),
      400,
      "validation_error",
      ["current_password"],
    );
    expect(Object.keys(body.fields!)).toEqual(["current_password"]);
    await expectNothingChanged(user, hash);
    expect((await api("GET", PATHS.user, { bearer: other.access })).status).toBe(200);
    expect((await loginAttempt(user.username, user.password)).status).toBe(200);
  });

  it("rejects a common new password", async () => {
    const user = await activeUser();
    const hash = (await userRow(user.email)).passwordHash;
    const body = await expectError(
      await changePassword(await signIn(user, "cookie"), changeBody(user, "password123")),
      400,
      "validation_error",
      ["new_password"],
    );
    expect(body.fields!.new_password!.join(" ")).toMatch(/too common/);
    await expectNothingChanged(user, hash);
  });

  it("rejects mismatched new passwords in fields.new_password2", async () => {
    const user = await activeUser();
    const hash = (await userRow(user.email)).passwordHash;
    const password = strongPassword();
    await expectError(
      await changePassword(await signIn(user, "bearer"), changeBody(user, password, `${password}?`)),
      400,
      "validation_error",
      ["new_password2"],
    );
    await expectNothingChanged(user, hash);
  });

  it("rejects a new password too similar to the username, email or names", async () => {
    const user = await activeUser({
      username: `skyrider_${Math.random().toString(36).slice(2, 7)}`,
      first_name: "Kristopher",
      last_name: "Zebulonsky",
    });
    const hash = (await userRow(user.email)).passwordHash;
    const credentials = await signIn(user, "bearer");
    const cases: [string, RegExp][] = [
      [`${user.username}#1`, /username/],
      [user.email, /email/],
      ["kristopher!!", /first name/],
      ["Zebulonsky2024", /last name/],
    ];
    for (const [password, label] of cases) {
      const body = await expectError(
        await changePassword(credentials, changeBody(user, password)),
        400,
        "validation_error",
        ["new_password"],
      );
      expect(body.fields!.new_password!.join(" ")).toMatch(label);
    }
    await expectNothingChanged(user, hash);
  });

  it("rejects passwords that are too short or too long, and missing fields", async () => {
    const user = await activeUser();
    const hash = (await userRow(user.email)).passwordHash;
    const credentials = await signIn(user, "bearer");
    await expectError(await changePassword(credentials, changeBody(user, "Sh0rt!")), 400, "validation_error", [
      "new_password",
    ]);
    await expectError(
      await changePassword(credentials, changeBody(user, `Aa1!${"x".repeat(125)}`)),
      400,
      "validation_error",
      ["new_password"],
    );
    await expectError(await changePassword(credentials, {}), 400, "validation_error", [
      "current_password",
      "new_password",
      "new_password2",
    ]);
    await expectNothingChanged(user, hash);
  });

  it("accepts a new password equal to the old one after NFKC normalisation for login", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "bearer");
    // "ﬁ" (U+FB01) normalises to "fi" under NFKC; both spellings must open the account.
    const newPassword = "Galaxy-\uFB01re-Comet-77";
    expect((await changePassword(credentials, changeBody(user, newPassword))).status).toBe(200);
    expect((await loginAttempt(user.username, "Galaxy-fire-Comet-77")).status).toBe(200);
  });

  it("answers 401 without a valid session", async () => {
    const user = await activeUser();
    const hash = (await userRow(user.email)).passwordHash;
    await expectError(
      await api("POST", PATHS.passwordChange, { json: changeBody(user, strongPassword()) }),
      401,
      "not_authenticated",
    );
    const bearer = await api("POST", PATHS.passwordChange, {
      json: changeBody(user, strongPassword()),
      bearer: "nope",
    });
    await expectError(bearer, 401, "not_authenticated");
    expect(bearer.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
    await expectNothingChanged(user, hash);
  });

  it("does not clear the caller's cookies", async () => {
    const user = await activeUser();
    const jar = await loginWithCookies(user);
    const response = await changePassword({ jar }, changeBody(user, strongPassword()));
    expect(response.status).toBe(200);
    expect(setCookiesOf(response).size).toBe(0);
    expect((await api("GET", PATHS.user, { jar })).status).toBe(200);
  });
});
