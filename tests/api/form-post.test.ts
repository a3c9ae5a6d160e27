import { describe, expect, it } from "vitest";
import { flashCookieName, readFlash, type Flash } from "@/lib/http/flash";
import { MAX_BODY_BYTES } from "@/lib/http/body";
import { PATHS, api } from "../helpers/account";
import { setCookiesOf, type CookieJar, type SetCookie } from "../helpers/cookies";
import { BASE_URL, call } from "../helpers/http";
import { activeUser, latestVerificationLink, loginWithCookies, newUser, registerUser } from "../helpers/users";

// A browser's form post without JavaScript: URL-encoded, wants HTML, navigates.
const BROWSER = {
  "content-type": "application/x-www-form-urlencoded",
  accept: "text/html,application/xhtml+xml,*/*;q=0.8",
  "sec-fetch-mode": "navigate",
  "sec-fetch-site": "same-origin",
  origin: BASE_URL,
};

function formPost(path: string, fields: Record<string, string>, headers: Record<string, string> = {}, jar?: CookieJar) {
  return api("POST", path, { body: new URLSearchParams(fields).toString(), headers: { ...BROWSER, ...headers }, jar });
}

function flashOf(response: Response): { cookie: SetCookie; flash: Flash } {
  const cookie = setCookiesOf(response).get(flashCookieName());
  expect(cookie, "a flash cookie").toBeDefined();
  const page = new URL(response.headers.get("location")!, BASE_URL).pathname;
  const flash = readFlash(cookie!.value, page);
  expect(flash, `a flash for ${page}`).not.toBeNull();
  return { cookie: cookie!, flash: flash! };
}

/** Everything the browser sees of the answer: where it goes and every cookie it keeps. */
function visible(response: Response): string {
  const cookies = response.headers.getSetCookie().map((line) => {
    const [pair = ""] = line.split(";");
    const value = pair.slice(pair.indexOf("=") + 1);
    return readFlash(value, new URL(response.headers.get("location") ?? "/", BASE_URL).pathname) ?? pair;
  });
  return `${response.headers.get("location")} ${JSON.stringify(cookies)}`;
}

describe("forms posted without JavaScript", () => {
  it("a wrong password goes back to /login (next kept) with the error and the login, never the password", async () => {
    const user = await activeUser();
    const response = await formPost(PATHS.login, {
      login: user.username,
      password: "Wrong-Horse-Battery-9",
      next: "/dashboard",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/login?next=%2Fdashboard");
    const { cookie, flash } = flashOf(response);
    expect(cookie.attributes).toMatchObject({ httponly: true, samesite: "Lax", "max-age": "60", path: "/" });
    expect(flash).toMatchObject({ ok: false, code: "invalid_credentials", values: { login: user.username } });
    expect(flash.values).not.toHaveProperty("password");
    expect(visible(response)).not.toContain("Wrong-Horse-Battery-9");
    expect(setCookiesOf(response).has("aw_access")).toBe(false);
  });

  it("a right password sets the auth cookies and lands on a safe next; hostile next values land on /account", async () => {
    const user = await activeUser();
    const targets = ["/dashboard?tab=1", "//evil.example", "https://evil.example/x", "/\\evil.example", "/%2F%2Fevil"];
    const answers = [];
    for (const next of targets)
      answers.push(await formPost(PATHS.login, { login: user.email, password: user.password, next }));
    expect(answers.map((r) => r.status)).toEqual(targets.map(() => 303));
    expect(answers.map((r) => r.headers.get("location"))).toEqual([
      "/dashboard?tab=1",
      "/account",
      "/account",
      "/account",
      "/account",
    ]);
    for (const response of answers) {
      const cookies = setCookiesOf(response);
      expect(cookies.get("aw_access")?.attributes).toMatchObject({
        httponly: true,
        samesite: expect.stringMatching(/^lax$/i),
      });
      expect(cookies.get("aw_refresh")?.value).toBeTruthy();
      expect(visible(response)).not.toContain(user.password);
    }
  });

  it("a cross-site form post (login CSRF) signs nobody in", async () => {
    const user = await activeUser();
    const responses = await Promise.all(
      ["https://evil.example", "null"].map((origin) =>
        formPost(
          PATHS.login,
          { login: user.username, password: user.password },
          { origin, "sec-fetch-site": "cross-site" },
        ),
      ),
    );
    for (const response of responses) {
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/login");
      expect(setCookiesOf(response).has("aw_access")).toBe(false);
      expect(flashOf(response).flash.code).toBe("csrf_failed");
    }
  });

  it("a burst of 40 wrong passwords: every answer a 303 without the password, throttled ones included", async () => {
    const user = await activeUser();
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        formPost(PATHS.login, { login: user.username, password: `Burst-Secret-${i}-xyz` }),
      ),
    );
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([303]));
    const codes = new Set(responses.map((r) => flashOf(r).flash.code));
    expect([...codes].every((c) => ["invalid_credentials", "login_throttled", "rate_limited"].includes(c!))).toBe(true);
    for (const response of responses) expect(visible(response)).not.toMatch(/Burst-Secret/);
  });

  it("registration: field errors and the typed values come back, passwords do not; success lands on the inbox page", async () => {
    const user = newUser();
    const bad = await formPost("/api/auth/register", {
      username: user.username,
      email: user.email,
      first_name: "Ada",
      password: user.password,
      password2: `${user.password}-different`,
    });
    expect(bad.headers.get("location")).toBe("/register");
    const { flash } = flashOf(bad);
    expect(flash.fields).toHaveProperty("password2");
    expect(flash.values).toEqual({ username: user.username, email: user.email, first_name: "Ada" });
    expect(visible(bad)).not.toContain(user.password);

    const good = await formPost("/api/auth/register", { ...user, password2: user.password });
    expect(good.status).toBe(303);
    expect(good.headers.get("location")).toBe("/verify-email/sent");
    expect(flashOf(good).flash).toMatchObject({ ok: true, values: { email: user.email } });
  });

  it("verification and reset confirm by form post; a failed reset returns to its link without the new password", async () => {
    const user = await registerUser();
    const link = await latestVerificationLink(user.email);
    const verified = await formPost("/api/auth/email-verify", { ...link });
    expect(verified.headers.get("location")).toBe("/verify-email");
    expect(flashOf(verified).flash.ok).toBe(true);
    const again = await formPost("/api/auth/email-verify", { ...link });
    expect(flashOf(again).flash).toMatchObject({ ok: false, code: "token_used" });
    expect(visible(again)).not.toContain(link.token);

    const reset = await formPost(PATHS.passwordResetConfirm, {
      uid: link.uid,
      token: "not-a-real-token",
      new_password: "Fresh-Comet-Trail-77",
      new_password2: "Fresh-Comet-Trail-77",
    });
    expect(reset.status).toBe(303);
    const location = new URL(reset.headers.get("location")!, BASE_URL);
    expect(location.pathname).toBe("/reset-password");
    expect(location.searchParams.get("uid")).toBe(link.uid);
    expect(visible(reset)).not.toContain("Fresh-Comet-Trail-77");
    expect(flashOf(reset).flash.values).toEqual({});
  });

  it("a forgotten-password form gets the same 303 whether or not the address exists", async () => {
    const user = await activeUser();
    const [known, unknown] = (await Promise.all(
      [user.email, newUser().email].map((email) => formPost(PATHS.passwordReset, { email })),
    )) as [Response, Response];
    expect(known.headers.get("location")).toBe("/forgot-password");
    expect(unknown.headers.get("location")).toBe("/forgot-password");
    expect(flashOf(known).flash.detail).toBe(flashOf(unknown).flash.detail);
  });

  it("an oversized form is refused (413) and comes back as a flash, not a 500", async () => {
    const response = await formPost(PATHS.login, { login: "x", password: "y".repeat(MAX_BODY_BYTES) });
    expect(response.status).toBe(303);
    expect(flashOf(response).flash.code).toBe("payload_too_large");
  });

  it("a non-form, non-JSON type is still 415, even from a browser", async () => {
    const response = await call("POST", PATHS.login, {
      body: "login=a&password=b",
      headers: { ...BROWSER, "content-type": "text/plain" },
    });
    expect(response.status).toBe(415);
  });
});

describe("the account page's forms posted without JavaScript", () => {
  it("profile: a refused username goes back with the typed values; a good one saves; both name the form", async () => {
    const user = await activeUser();
    const jar = await loginWithCookies(user);
    const fields = { username: "a", first_name: "Ada", last_name: "", bio: "No script here.", profile_picture: "" };
    const bad = await formPost(PATHS.user, fields, {}, jar);
    expect(bad.status).toBe(303);
    expect(bad.headers.get("location")).toBe("/account");
    expect(flashOf(bad).flash).toMatchObject({ ok: false, form: "profile", code: "validation_error", values: fields });
    expect(flashOf(bad).flash.fields).toHaveProperty("username");

    const good = await formPost(PATHS.user, { ...fields, username: `${user.username}_2` }, {}, jar);
    expect(good.headers.get("location")).toBe("/account");
    expect(flashOf(good).flash).toMatchObject({ ok: true, form: "profile" });
    const stored = await (await api("GET", PATHS.user, { jar })).json();
    expect(stored).toMatchObject({ username: `${user.username}_2`, bio: "No script here." });
  });

  it("a cross-site profile post changes nothing", async () => {
    const user = await activeUser();
    const jar = await loginWithCookies(user);
    const response = await formPost(
      PATHS.user,
      { username: "hijacked_name", bio: "pwned" },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      jar,
    );
    expect(flashOf(response).flash).toMatchObject({ ok: false, code: "csrf_failed" });
    expect(await (await api("GET", PATHS.user, { jar })).json()).toMatchObject({ username: user.username });
  });

  it("password change: errors and success come back to /account, never a password", async () => {
    const user = await activeUser();
    const jar = await loginWithCookies(user);
    const next = "Orbit-Lantern-Quartz-31";
    const wrong = await formPost(
      PATHS.passwordChange,
      { current_password: "Not-The-Password-9", new_password: next, new_password2: next },
      {},
      jar,
    );
    expect(wrong.headers.get("location")).toBe("/account");
    expect(flashOf(wrong).flash).toMatchObject({ ok: false, form: "password", values: {} });
    expect(flashOf(wrong).flash.fields).toHaveProperty("current_password");
    expect(visible(wrong)).not.toMatch(/Not-The-Password-9|Orbit-Lantern/);

    const changed = await formPost(
      PATHS.passwordChange,
      { current_password: user.password, new_password: next, new_password2: next },
      {},
      jar,
    );
    expect(flashOf(changed).flash).toMatchObject({ ok: true, form: "password", values: {} });
    expect(visible(changed)).not.toContain(next);
    expect(visible(changed)).not.toContain(user.password);
  });

  it("one session, every session and this one: each lands where the page says, the sessions ended", async () => {
    const user = await activeUser();
    const jar = await loginWithCookies(user);
    const laptop = await loginWithCookies(user);
    const listed = (await (await api("GET", PATHS.sessions, { jar })).json()) as {
      sessions: { id: string; current: boolean }[];
    };
    const other = listed.sessions.find((s) => !s.current)!;
    const ended = await formPost(`${PATHS.sessions}/${other.id}`, { device: "The laptop" }, {}, jar);
    expect(ended.headers.get("location")).toBe("/account");
    expect(flashOf(ended).flash).toMatchObject({ ok: true, form: "sessions", values: { device: "The laptop" } });
    expect((await api("GET", PATHS.user, { jar: laptop })).status).toBe(401);
    // Another account's session (or a made-up one) answers like a missing one.
    const missing = await formPost(`${PATHS.sessions}/${crypto.randomUUID()}`, {}, {}, jar);
    expect(flashOf(missing).flash).toMatchObject({ ok: false, form: "sessions", code: "not_found" });

    await loginWithCookies(user, laptop);
    const everywhere = await formPost(PATHS.logoutAll, {}, {}, jar);
    expect(everywhere.headers.get("location")).toBe("/login?signed_out=everywhere");
    expect(setCookiesOf(everywhere).get("aw_access")?.value).toBe("");
    expect((await api("GET", PATHS.user, { jar: laptop })).status).toBe(401);

    const again = await loginWithCookies(user);
    const out = await formPost(PATHS.logout, {}, {}, again);
    expect(out.headers.get("location")).toBe("/login?signed_out=here");
    expect((await api("GET", PATHS.user, { jar: again })).status).toBe(401);
  });
});

describe("the flash cookie as a page reads it", () => {
  it("ignores a flash for another page, malformed values and forged shapes; never hands back secret fields", () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    expect(readFlash(encode({ page: "/register", ok: false }), "/login")).toBeNull();
    expect(readFlash("%%%not-base64", "/login")).toBeNull();
    expect(readFlash(encode({ page: "/login", ok: "yes" }), "/login")).toBeNull();
    const forged = readFlash(
      encode({ page: "/login", ok: false, fields: { login: "x" }, values: { password: "p", login: "l", n: 1 } }),
      "/login",
    );
    expect(forged).toEqual({
      page: "/login",
      ok: false,
      code: undefined,
      detail: undefined,
      fields: undefined,
      values: { login: "l" },
    });
  });
});
