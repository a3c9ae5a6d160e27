import { describe, expect, it } from "vitest";
import { flashCookieName, readFlash, type Flash } from "@/lib/http/flash";
import { MAX_BODY_BYTES } from "@/lib/http/body";
import { PATHS, api } from "../helpers/account";
import { setCookiesOf, type SetCookie } from "../helpers/cookies";
import { BASE_URL, call } from "../helpers/http";
import { activeUser, latestVerificationLink, newUser, registerUser } from "../helpers/users";

// A browser's form post without JavaScript: URL-encoded, wants HTML, navigates.
const BROWSER = {
  "content-type": "application/x-www-form-urlencoded",
  accept: "text/html,application/xhtml+xml,*/*;q=0.8",
  "sec-fetch-mode": "navigate",
  "sec-fetch-site": "same-origin",
  origin: BASE_URL,
};

function formPost(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return api("POST", path, { body: new URLSearchParams(fields).toString(), headers: { ...BROWSER, ...headers } });
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
