// The account throttle as an attacker tries it: parallel bursts that race the count, a right
// password hidden in the burst, a stolen or stale known-device cookie, the owner locked out of
// every channel, and the audit trail of guesses.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb, tables } from "@/db";
import * as password from "@/lib/auth/password";
import {
  api,
  auditEventsOf,
  confirmReset,
  expectError,
  PATHS,
  requestResetLink,
  strongPassword,
  userRow,
} from "../helpers/account";
import { storeCookies, type CookieJar } from "../helpers/cookies";
import { json, post } from "../helpers/http";
import { activeUser, loginForTokens, loginWithCookies, mailTo, newUser, type TestUser } from "../helpers/users";
import { attempt, expectTooMany, fail } from "./support";

vi.hoisted(() => {
  // The per-IP limits would otherwise answer 429 rate_limited first.
  process.env.RATE_LIMIT_LOGIN = "1000/60";
  process.env.RATE_LIMIT_LOGIN_IP = "1000/60";
});

const LIMIT = 10;
const THROTTLE_SECONDS = 15 * 60;

/** Counts real password checks (argon2 verifications) made while `run` runs. */
async function countChecks(run: () => Promise<unknown>): Promise<number> {
  const real = vi.spyOn(password, "verifyPassword");
  const dummy = vi.spyOn(password, "verifyDummyPassword");
  try {
    await run();
    return real.mock.calls.length + dummy.mock.calls.length;
  } finally {
    real.mockRestore();
    dummy.mockRestore();
  }
}

/** The browser's known-device cookie alone, as it stays after logging out. */
async function knownBrowser(user: TestUser): Promise<CookieJar> {
  const jar = await loginWithCookies(user);
  await post(PATHS.logout, undefined, { jar }).then((r) => storeCookies(jar, r));
  expect([...jar.keys()]).toEqual(["aw_device"]);
  return jar;
}

async function unlockLinkIn(user: TestUser): Promise<{ uid: string; token: string } | null> {
  const mail = (await mailTo(user.email)).find((m) => /paused/i.test(m.subject));
  const href = mail ? /https?:\/\/\S+\/unlock\?[^\s)\]"'<>]+/.exec(mail.text)?.[0] : undefined;
  if (!href) return null;
  const url = new URL(href.replaceAll("&amp;", "&"));
  return { uid: url.searchParams.get("uid")!, token: url.searchParams.get("token")! };
}

describe("a parallel burst against one account", () => {
  it("gets at most 10 password checks; the rest, the right password last among them, get 429 with Retry-After", async () => {
    const user = await activeUser();
    let answers: Response[] = [];
    const checks = await countChecks(async () => {
      answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => attempt(user.username, i === 29 ? user.password : `Wrong-burst-${i}-xyz`)),
      );
    });
    expect(checks).toBeLessThanOrEqual(LIMIT);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LIMIT);
    expect(statuses.filter((s) => s === 200)).toEqual([]);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(30 - LIMIT);
    for (const answer of refused) await expectTooMany(answer, "login_throttled", THROTTLE_SECONDS);
    await expectTooMany(answers[29]!, "login_throttled", THROTTLE_SECONDS);
    // And after the burst, the right password is still held back.
    await expectTooMany(await attempt(user.username, user.password), "login_throttled", THROTTLE_SECONDS);
  });

  it("does not let a right password inside the burst clear the throttle the burst earned", async () => {
    const user = await activeUser();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        attempt(user.username, i % 8 === 3 ? user.password : `Wrong-burst-${i}-xyz`),
      ),
    );
    // Whatever the burst's own right guesses got, the account ends up throttled for everyone.
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(40 - LIMIT);
    await expectTooMany(await attempt(user.username, user.password), "login_throttled", THROTTLE_SECONDS);
  });

  it("treats a burst against an unknown login name exactly the same (no enumeration by count)", async () => {
    const ghost = newUser().username;
    let answers: Response[] = [];
    const checks = await countChecks(async () => {
      answers = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(ghost, `Wrong-burst-${i}-xyz`)));
    });
    expect(checks).toBeLessThanOrEqual(LIMIT);
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(LIMIT);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(30 - LIMIT);
  });

  it("keeps counting attempts while throttled", async () => {
    const user = await activeUser();
    await fail(user.username, LIMIT);
    await fail(user.username, 5);
    const db = await getDb();
    const [row] = await db
      .select()
      .from(tables.loginThrottles)
      .where(eq(tables.loginThrottles.key, `user:${(await userRow(user.email)).id}`));
    expect(row!.failures).toBe(LIMIT + 5);
    expect(row!.throttledUntil!.getTime()).toBeGreaterThan(Date.now());
  });
});

describe("the known-device cookie", () => {
  it("has its own cap of 10 checks while the account is throttled, and its failures count for the account too", async () => {
    const user = await activeUser();
    const browser = await knownBrowser(user);
    await fail(user.username, LIMIT);
    await expectTooMany(await attempt(user.username, user.password), "login_throttled", THROTTLE_SECONDS);

    const fromDevice = await Promise.all(
      Array.from({ length: 25 }, (_, i) => attempt(user.username, `Device-guess-${i}-xyz`, browser)),
    );
    expect(fromDevice.filter((a) => a.status === 401).length).toBeLessThanOrEqual(LIMIT);
    expect(fromDevice.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(25 - LIMIT);
    // The stolen cookie is spent: even the right password waits now.
    await expectTooMany(await attempt(user.username, user.password, browser), "login_throttled", THROTTLE_SECONDS);

    const db = await getDb();
    const [row] = await db
      .select()
      .from(tables.loginThrottles)
      .where(eq(tables.loginThrottles.key, `user:${(await userRow(user.email)).id}`));
    // The first ten failures, the right password refused, the device's burst, its last try.
    expect(row!.failures).toBe(LIMIT + 1 + 25 + 1);
  });

  it("is revoked by a password change", async () => {
    const user = await activeUser();
    const browser = await knownBrowser(user);
    const other = await loginWithCookies(user);
    const newPassword = strongPassword();
    const changed = await api("POST", PATHS.passwordChange, {
      jar: other,
      json: { current_password: user.password, new_password: newPassword, new_password2: newPassword },
    });
    expect(changed.status, await changed.clone().text()).toBe(200);
    await fail(user.username, LIMIT);
    await expectTooMany(await attempt(user.username, newPassword, browser), "login_throttled", THROTTLE_SECONDS);
  });

  it("is revoked by a password reset", async () => {
    const user = await activeUser();
    const browser = await knownBrowser(user);
    const newPassword = strongPassword();
    expect((await confirmReset(await requestResetLink(user.email), newPassword)).status).toBe(200);
    await fail(user.username, LIMIT);
    await expectTooMany(await attempt(user.username, newPassword, browser), "login_throttled", THROTTLE_SECONDS);
  });

  it("is revoked by signing out everywhere", async () => {
    const user = await activeUser();
    const browser = await knownBrowser(user);
    const { access } = await loginForTokens(user);
    expect((await api("POST", PATHS.logoutAll, { bearer: access })).status).toBe(200);
    await fail(user.username, LIMIT);
    await expectTooMany(await attempt(user.username, user.password, browser), "login_throttled", THROTTLE_SECONDS);
  });

  it("is stored only as a hash, is reused on the next login, and is never given to token clients", async () => {
    const user = await activeUser();
    const browser = await knownBrowser(user);
    const token = browser.get("aw_device")!;
    const again = await attempt(user.username, user.password, browser);
    expect(again.status).toBe(200);
    expect(storeCookies(new Map(), again).get("aw_device")).toBe(token);

    const db = await getDb();
    const rows = await db
      .select()
      .from(tables.knownDevices)
      .where(eq(tables.knownDevices.userId, (await userRow(user.email)).id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toBe(token);
    expect(JSON.stringify(rows)).not.toContain(token);

    const bodyClient = await attempt(user.username, user.password);
    expect(bodyClient.status).toBe(200);
    expect(bodyClient.headers.getSetCookie()).toEqual([]);
  });
});

describe("a lock-out weapon", () => {
  it("mails the owner an unlock link that lets a token client (no device cookie) back in, once", async () => {
    const user = await activeUser();
    await fail(user.username, LIMIT);
    await expectTooMany(await attempt(user.username, user.password), "login_throttled", THROTTLE_SECONDS);

    const link = await unlockLinkIn(user);
    expect(link).not.toBeNull();
    const unlocked = await post("/api/auth/login/unlock", link);
    expect(unlocked.status, await unlocked.clone().text()).toBe(200);
    // A browser that opens the link becomes a known device of the account.
    expect(storeCookies(new Map(), unlocked).has("aw_device")).toBe(true);
    expect((await attempt(user.username, user.password)).status).toBe(200);
    expect((await auditEventsOf((await userRow(user.email)).id)).map((e) => e.event)).toContain("unlock");

    // Replayed: refused, and the link is no key to another account.
    await expectError(await post("/api/auth/login/unlock", link), 400, "token_used");
  });

  it("sends one unlock mail while its link is live, however often the attacker re-throttles", async () => {
    const user = await activeUser();
    const { id } = await userRow(user.email);
    const db = await getDb();
    for (let round = 0; round < 3; round++) {
      await fail(user.username, LIMIT);
      // Let the throttle end at once, as time passing would.
      await db
        .update(tables.loginThrottles)
        .set({ throttledUntil: sql`now() - interval '1 second'` })
        .where(eq(tables.loginThrottles.key, `user:${id}`));
    }
    expect((await mailTo(user.email)).filter((m) => /paused/i.test(m.subject))).toHaveLength(1);
    expect((await auditEventsOf(id)).filter((e) => e.event === "lockout")).toHaveLength(3);
  });

  it("refuses bogus, foreign-purpose and malformed unlock links with 400s", async () => {
    const user = await activeUser();
    await fail(user.username, LIMIT);
    const link = (await unlockLinkIn(user))!;
    await expectError(
      await post("/api/auth/login/unlock", { ...link, token: `${link.token.slice(0, -2)}xx` }),
      400,
      "invalid_token",
    );
    // A password-reset link for the same account is not an unlock link.
    await expectError(await post("/api/auth/login/unlock", await requestResetLink(user.email)), 400, "invalid_token");
    expect((await post("/api/auth/login/unlock", { uid: 42 })).status).toBe(400);
    await expectTooMany(await attempt(user.username, user.password), "login_throttled", THROTTLE_SECONDS);
  });

  it("answers the 10th failure of a real account and of an unknown name alike, mailing only after the response", async () => {
    const user = await activeUser();
    const ghost = newUser().username;
    const afterResponse = await import("@/lib/http/after-response");
    const deferred: (() => Promise<void>)[] = [];
    const spy = vi.spyOn(afterResponse, "afterResponse").mockImplementation(async (_label, task) => {
      deferred.push(task);
    });
    try {
      const real = await fail(user.username, LIMIT);
      const unknown = await fail(ghost, LIMIT);
      expect(real[LIMIT - 1]!.status).toBe(401);
      expect(await json(unknown[LIMIT - 1]!)).toEqual(await json(real[LIMIT - 1]!));
      // The response went out before any mail: the throttle mail is deferred work.
      expect((await mailTo(user.email)).filter((m) => /paused/i.test(m.subject))).toHaveLength(0);
      expect(deferred).toHaveLength(1);
      await deferred[0]!();
      expect((await mailTo(user.email)).filter((m) => /paused/i.test(m.subject))).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("the audit trail of guesses", () => {
  it("does not store the typed login of a failure that names no account (it may be a password)", async () => {
    const typed = `Secret-Passw0rd-typed-as-login-${Date.now()}`;
    await attempt(typed, "whatever-else-1");
    const db = await getDb();
    const rows = await db.select().from(tables.auditEvents).where(eq(tables.auditEvents.event, "login_failure"));
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(typed);
    expect(JSON.stringify(rows).toLowerCase()).not.toContain(typed.toLowerCase());
  });

  it("lifts the throttle for everyone after a completed reset (the owner's way back in)", async () => {
    const user = await activeUser();
    await fail(user.username, LIMIT);
    const newPassword = strongPassword();
    expect((await confirmReset(await requestResetLink(user.email), newPassword)).status).toBe(200);
    expect((await attempt(user.username, newPassword)).status).toBe(200);
  });
});
