// Account throttling (docs/design.md#web-security): ten consecutive failures pause an account
// (or an unknown login name, answered identically) for 15 minutes; the owner is mailed once; a
// reset lifts it; a browser that signed in before (known-device cookie) can still get in.
import { describe, expect, it, vi } from "vitest";
import {
  auditEventsOf,
  confirmReset,
  expectError,
  requestResetLink,
  strongPassword,
  userRow,
} from "../helpers/account";
import { setCookiesOf, storeCookies, type CookieJar } from "../helpers/cookies";
import { json, post } from "../helpers/http";
import { activeUser, loginWithCookies, mailTo, newUser, type TestUser } from "../helpers/users";
import { attempt, expectTooMany, fail } from "./support";

vi.hoisted(() => {
  // The per-IP limits would otherwise answer 429 rate_limited first.
  process.env.RATE_LIMIT_LOGIN = "1000/60";
  process.env.RATE_LIMIT_LOGIN_IP = "1000/60";
});

const THROTTLE_SECONDS = 15 * 60;

async function pausedMails(user: TestUser) {
  return (await mailTo(user.email)).filter((m) => /paused/i.test(m.subject));
}

describe("account throttling", () => {
  it("pauses an account after 10 consecutive failures: the 11th attempt, right password included, gets 429 login_throttled", async () => {
    const user = await activeUser();
    for (const answer of await fail(user.username, 10)) await expectError(answer, 401, "invalid_credentials");

    const right = await attempt(user.username, user.password);
    const seconds = await expectTooMany(right, "login_throttled", THROTTLE_SECONDS);
    expect(seconds).toBeGreaterThan(THROTTLE_SECONDS - 120);
    expect(right.headers.getSetCookie()).toEqual([]);
    // A wrong password is answered the same, so a throttled account reveals no password.
    const wrong = await attempt(user.username, "Wrong-guess-again-1");
    await expectTooMany(wrong, "login_throttled", THROTTLE_SECONDS);
    expect(await json(wrong)).toEqual(await json(right));
    // The email address names the same account.
    await expectTooMany(await attempt(user.email.toUpperCase(), user.password), "login_throttled", THROTTLE_SECONDS);
  });

  it("counts failures by account, whether the login names the username or the email", async () => {
    const user = await activeUser();
    await fail(user.username, 5);
    await fail(` ${user.email.toUpperCase()} `, 5);
    await expectTooMany(await attempt(user.username, user.password), "login_throttled", THROTTLE_SECONDS);
  });

  it("answers an unknown login name exactly like a real account, before and after the pause", async () => {
    const user = await activeUser();
    const ghost = newUser().username;
    const real = await fail(user.username, 11);
    const unknown = await fail(ghost, 11);
    for (let i = 0; i < 11; i++) {
      expect(unknown[i]!.status, `attempt ${i + 1}`).toBe(real[i]!.status);
      expect(await json(unknown[i]!)).toEqual(await json(real[i]!));
      expect(unknown[i]!.headers.has("retry-after")).toBe(real[i]!.headers.has("retry-after"));
    }
    await expectTooMany(unknown[10]!, "login_throttled", THROTTLE_SECONDS);
    await expectTooMany(real[10]!, "login_throttled", THROTTLE_SECONDS);
  });

  it("mails the owner once, however many attempts follow", async () => {
    const user = await activeUser();
    await fail(user.username, 9);
    expect(await pausedMails(user)).toHaveLength(0);
    await fail(user.username, 1);
    await fail(user.username, 5);
    await attempt(user.username, user.password);
    const mails = await pausedMails(user);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toMatch(/15\s+minutes/);
    expect(mails[0]!.text).toContain("/forgot-password");
  });

  it("mails the owner once and records one lockout when the failures arrive in a parallel burst", async () => {
    const user = await activeUser();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attempt(user.username, `Wrong-burst-${i}-xyz`)),
    );
    for (const answer of answers) expect([401, 429]).toContain(answer.status);
    await expectTooMany(await attempt(user.username, user.password), "login_throttled", THROTTLE_SECONDS);
    expect(await pausedMails(user)).toHaveLength(1);
    const { id } = await userRow(user.email);
    expect((await auditEventsOf(id)).filter((e) => e.event === "lockout")).toHaveLength(1);
  });

  it("records one lockout audit event next to the ten failures", async () => {
    const user = await activeUser();
    await fail(user.username, 12);
    const { id } = await userRow(user.email);
    const events = await auditEventsOf(id);
    expect(events.filter((e) => e.event === "login_failure")).toHaveLength(10);
    const lockouts = events.filter((e) => e.event === "lockout");
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]).toMatchObject({
      userId: id,
      ip: "203.0.113.7",
      userAgent: "vitest",
      metadata: { seconds: THROTTLE_SECONDS },
    });
  });

  it("is lifted by a completed password reset, not by merely asking for one", async () => {
    const user = await activeUser();
    await fail(user.username, 10);
    const link = await requestResetLink(user.email);
    await expectTooMany(await attempt(user.username, user.password), "login_throttled", THROTTLE_SECONDS);

    const newPassword = strongPassword();
    expect((await confirmReset(link, newPassword)).status).toBe(200);
    expect((await attempt(user.username, newPassword)).status).toBe(200);
  });

  it("lets a browser that signed in before (known-device cookie) in while the account is paused", async () => {
    const user = await activeUser();
    const browser = await loginWithCookies(user);
    expect(browser.has("aw_device")).toBe(true);
    await post("/api/auth/logout", undefined, { jar: browser }).then((r) => storeCookies(browser, r));
    expect([...browser.keys()]).toEqual(["aw_device"]);

    await fail(user.username, 10);
    await expectTooMany(await attempt(user.username, user.password), "login_throttled", THROTTLE_SECONDS);

    const answer = await attempt(user.username, user.password, browser);
    expect(answer.status, await answer.clone().text()).toBe(200);
    expect(setCookiesOf(answer).has("aw_access")).toBe(true);

    // The owner getting in does not lift the pause for everyone else (no fresh guesses for an attacker).
    await expectTooMany(await attempt(user.username, user.password), "login_throttled", THROTTLE_SECONDS);
  });

  it("does not let another account's device cookie, or a forged one, past the pause", async () => {
    const user = await activeUser();
    const other = await activeUser();
    const otherBrowser = await loginWithCookies(other);
    await fail(user.username, 10);

    const foreign: CookieJar = new Map([["aw_device", otherBrowser.get("aw_device")!]]);
    await expectTooMany(await attempt(user.username, user.password, foreign), "login_throttled", THROTTLE_SECONDS);
    const forged: CookieJar = new Map([["aw_device", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."]]);
    await expectTooMany(await attempt(user.username, user.password, forged), "login_throttled", THROTTLE_SECONDS);
  });

  it("starts counting afresh after a successful login (9 failures, success, 9 failures: not paused)", async () => {
    const user = await activeUser();
    await fail(user.username, 9);
    expect((await attempt(user.username, user.password)).status).toBe(200);
    for (const answer of await fail(user.username, 9)) await expectError(answer, 401, "invalid_credentials");
    expect((await attempt(user.username, user.password)).status).toBe(200);
    expect(await pausedMails(user)).toHaveLength(0);
  });
});
