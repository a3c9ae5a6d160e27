import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, tables } from "@/db";
import { auditEventsOf, expectError, latestResetLink, userRow } from "../helpers/account";
import { storeCookies, type CookieJar } from "../helpers/cookies";
import {
  EMAIL_PATHS,
  latestSecureLink,
  newDeviceMails,
  requestSignInMail,
  verifySignIn,
} from "../helpers/email-sign-in";
import { get, json, post } from "../helpers/http";
import { activeUser, loginForTokens, loginWithCookies, mailTo, type TestUser } from "../helpers/users";

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

function loginFrom(user: TestUser, headers: Record<string, string>, jar?: CookieJar) {
  return post("/api/auth/login", { login: user.username, password: user.password }, { headers, jar });
}

describe("new-device sign-in alert", () => {
  it("is not sent for the first sign-in after sign-up", async () => {
    const user = await activeUser();
    await loginWithCookies(user);
    expect(await newDeviceMails(user.email)).toHaveLength(0);
  });

  it("is not sent again for a browser that signed in before (its known-device cookie)", async () => {
    const user = await activeUser();
    const jar = await loginWithCookies(user);
    for (let i = 0; i < 2; i += 1) storeCookies(jar, await loginFrom(user, {}, jar));
    expect(await newDeviceMails(user.email)).toHaveLength(0);
  });

  it("is sent once for a new browser: what, when, where, with the sessions and secure-my-account links", async () => {
    const user = await activeUser();
    await loginWithCookies(user);
    const jar: CookieJar = new Map();
    const response = await loginFrom(user, { "user-agent": FIREFOX, "x-forwarded-for": "198.51.100.23" });
    expect(response.status).toBe(200);
    storeCookies(jar, response);
    const [mail, ...others] = await newDeviceMails(user.email);
    expect(others).toHaveLength(0);
    expect(mail!.text).toContain("Firefox on Linux");
    expect(mail!.text).toContain("198.51.100.23");
    expect(mail!.text).toMatch(/Password/);
    expect(mail!.text).toContain("http://localhost:3000/account#sessions-title");
    expect(mail!.text).toMatch(/http:\/\/localhost:3000\/secure-account\?uid=[\w-]+&token=[\w-]{43}/);
    const events = await auditEventsOf((await userRow(user.email)).id);
    expect(events.filter((e) => e.event === "new_device_alert")).toHaveLength(1);
    // The same browser again: known now.
    expect((await loginFrom(user, { "user-agent": FIREFOX }, jar)).status).toBe(200);
    expect(await newDeviceMails(user.email)).toHaveLength(1);
  });

  it("is sent for an emailed sign-in from a new browser, naming the method", async () => {
    const user = await activeUser();
    await loginWithCookies(user);
    const { token } = await requestSignInMail(user.email);
    expect((await verifySignIn({ token })).status).toBe(200);
    const [mail] = await newDeviceMails(user.email);
    expect(mail!.text).toContain("Emailed sign-in link");
  });

  it("token clients: sent for a user agent and IP the account has no session from, not for one it has", async () => {
    const user = await activeUser();
    await loginForTokens(user);
    expect(await newDeviceMails(user.email)).toHaveLength(0);
    await loginForTokens(user);
    expect(await newDeviceMails(user.email)).toHaveLength(0);
    const elsewhere = await post(
      "/api/auth/login",
      { login: user.username, password: user.password },
      { tokenTransport: true, headers: { "x-forwarded-for": "192.0.2.44" } },
    );
    expect(elsewhere.status).toBe(200);
    expect(await newDeviceMails(user.email)).toHaveLength(1);
  });

  it("secure my account: one POST signs out everywhere, voids the password and mails a reset link; the link works once", async () => {
    const user = await activeUser();
    const { access } = await loginForTokens(user);
    await loginFrom(user, { "user-agent": FIREFOX });
    const link = await latestSecureLink(user.email);
    // Opening the page (a GET) spends nothing: the API takes POST only.
    await expectError(
      await get(`${EMAIL_PATHS.secure}?uid=${link.uid}&token=${link.token}`),
      405,
      "method_not_allowed",
    );

    const responses = await Promise.all(Array.from({ length: 5 }, () => post(EMAIL_PATHS.secure, link)));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of responses.filter((r) => r.status !== 200)) await expectError(r, 400, "token_used");
    const ok = responses.find((r) => r.status === 200)!;
    expect(await json(ok)).toEqual({ detail: expect.stringMatching(/secured/) });

    expect((await get("/api/auth/user", { bearer: access })).status).toBe(401);
    await expectError(
      await post("/api/auth/login", { login: user.username, password: user.password }),
      401,
      "invalid_credentials",
    );
    const reset = await latestResetLink(user.email);
    expect(reset.token).toMatch(/^[\w-]{43}$/);
    const db = await getDb();
    const row = await userRow(user.email);
    const devices = await db.select().from(tables.knownDevices).where(eq(tables.knownDevices.userId, row.id));
    expect(devices).toHaveLength(0);
    expect((await auditEventsOf(row.id)).map((e) => e.event)).toContain("account_secured");
    await expectError(await post(EMAIL_PATHS.secure, link), 400, "token_used");
  });

  it("a second alert does not disarm the first one's link", async () => {
    const user = await activeUser();
    await loginForTokens(user);
    await loginFrom(user, { "user-agent": FIREFOX });
    const first = await latestSecureLink(user.email);
    await loginFrom(user, { "user-agent": "curl/8.5.0" });
    expect(await newDeviceMails(user.email)).toHaveLength(2);
    expect((await post(EMAIL_PATHS.secure, first)).status).toBe(200);
  });

  it("a forged or unknown secure link is invalid_token and changes nothing", async () => {
    const user = await activeUser();
    await loginForTokens(user);
    const uid = Buffer.from((await userRow(user.email)).id).toString("base64url");
    await expectError(await post(EMAIL_PATHS.secure, { uid, token: "A".repeat(43) }), 400, "invalid_token");
    expect((await loginForTokens(user)).access).toBeTruthy();
    expect((await mailTo(user.email)).some((m) => m.text.includes("/reset-password?"))).toBe(false);
  });
});
