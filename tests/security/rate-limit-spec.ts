// Endpoint rate limits (docs/design.md#web-security), run once per limiter backend by
// rate-limits-postgres.test.ts and rate-limits-upstash.test.ts with RATE_LIMIT_ENV.
import { describe, expect, it } from "vitest";
import { getDb, tables } from "@/db";
import { rateLimiter } from "@/lib/ratelimit";
import { api, expectError, PATHS, userCount } from "../helpers/account";
import { json, post } from "../helpers/http";
import { activeUser, mailTo, newUser, registerUser, registrationBody, type TokenPair } from "../helpers/users";
import { RATE_LIMITS, WINDOW_SECONDS } from "./rate-limit-settings";
import { expectTooMany, newIp } from "./support";

function from(ip: string) {
  return { headers: { "x-forwarded-for": ip } };
}

function login(ip: string, name: string, password: string): Promise<Response> {
  return post(PATHS.login, { login: name, password }, { tokenTransport: true, ...from(ip) });
}

async function rateLimitRows(): Promise<number> {
  return (await getDb()).$count(tables.rateLimits);
}

export function endpointRateLimits(backend: "postgres" | "upstash"): void {
  it(`runs on the ${backend} limiter`, async () => {
    expect((await rateLimiter()).backend).toBe(backend);
    const before = await rateLimitRows();
    await login(newIp(), "nobody_at_all", "Wrong-Password-1");
    // The Postgres limiter keeps its windows in rate_limits; Upstash keeps them in Redis.
    if (backend === "postgres") expect(await rateLimitRows()).toBeGreaterThan(before);
    else expect(await rateLimitRows()).toBe(0);
  });

  describe("POST /api/auth/login", () => {
    it("answers 429 rate_limited with Retry-After once one IP has used up its tries on one login name", async () => {
      const ip = newIp();
      const user = await activeUser();
      for (let i = 0; i < RATE_LIMITS.login; i++)
        await expectError(await login(ip, user.username, `Wrong-${i}-password`), 401, "invalid_credentials");

      // Even the right password is refused now, and the answer says when to come back.
      const limited = await login(ip, user.username, user.password);
      await expectTooMany(limited, "rate_limited", WINDOW_SECONDS);
      expect(limited.headers.getSetCookie()).toEqual([]);
      // The key is case-insensitive (and the login trimmed), so spelling cannot dodge it.
      await expectTooMany(
        await login(ip, ` ${user.username.toUpperCase()} `, user.password),
        "rate_limited",
        WINDOW_SECONDS,
      );

      // Another login name from the same address, and the same name from another address, go on.
      const other = await activeUser();
      expect((await login(ip, other.username, other.password)).status).toBe(200);
      expect((await login(newIp(), user.username, user.password)).status).toBe(200);
    });

    it("limits one IP across login names (login_ip)", async () => {
      const ip = newIp();
      for (let i = 0; i < RATE_LIMITS.loginIp; i++) {
        await expectError(
          await login(ip, `ghost_${i}_${ip.slice(-4)}`, "Wrong-password-1"),
          401,
          "invalid_credentials",
        );
      }
      await expectTooMany(await login(ip, "yet_another_ghost", "Wrong-password-1"), "rate_limited", WINDOW_SECONDS);
      const user = await activeUser();
      await expectTooMany(await login(ip, user.username, user.password), "rate_limited", WINDOW_SECONDS);
      expect((await login(newIp(), user.username, user.password)).status).toBe(200);
    });

    it("refuses a limited login before touching the account (no audit event, no session)", async () => {
      const ip = newIp();
      const user = await activeUser();
      for (let i = 0; i < RATE_LIMITS.login; i++) await login(ip, user.username, `Wrong-${i}-password`);
      const db = await getDb();
      const count = async () => ({
        audit: await db.$count(tables.auditEvents),
        sessions: await db.$count(tables.sessions),
      });
      const before = await count();
      await expectTooMany(await login(ip, user.username, user.password), "rate_limited", WINDOW_SECONDS);
      expect(await count()).toEqual(before);
    });
  });

  describe("POST /api/auth/register", () => {
    it("limits per IP + email, and the refused call creates nothing", async () => {
      const ip = newIp();
      const email = newUser().email;
      for (let i = 0; i < RATE_LIMITS.register; i++) {
        const response = await post("/api/auth/register", registrationBody(newUser({ email })), from(ip));
        expect(response.status, await response.clone().text()).toBe(201);
      }
      const users = await userCount();
      const mails = (await mailTo(email)).length;
      await expectTooMany(
        await post("/api/auth/register", registrationBody(newUser({ email })), from(ip)),
        "rate_limited",
        WINDOW_SECONDS,
      );
      await expectTooMany(
        await post("/api/auth/register", registrationBody(newUser({ email: email.toUpperCase() })), from(ip)),
        "rate_limited",
        WINDOW_SECONDS,
      );
      expect(await userCount()).toBe(users);
      expect((await mailTo(email)).length).toBe(mails);

      // Another address from this IP goes on; this address from another IP does not, since the
      // address itself is limited too (forged or rotating client IPs cannot flood one inbox).
      expect((await post("/api/auth/register", registrationBody(newUser()), from(ip))).status).toBe(201);
      await expectTooMany(
        await post("/api/auth/register", registrationBody(newUser({ email })), from(newIp())),
        "rate_limited",
        WINDOW_SECONDS,
      );
      expect(await userCount()).toBe(users + 1);
    });

    it("limits one address across client IPs", async () => {
      const email = newUser().email;
      for (let i = 0; i < RATE_LIMITS.register; i++)
        expect((await post("/api/auth/register", registrationBody(newUser({ email })), from(newIp()))).status).toBe(
          201,
        );
      await expectTooMany(
        await post("/api/auth/register", registrationBody(newUser({ email })), from(newIp())),
        "rate_limited",
        WINDOW_SECONDS,
      );
    });
  });

  describe.each([
    ["POST /api/auth/password-reset", PATHS.passwordReset, RATE_LIMITS.passwordReset, "/reset-password?"],
    ["POST /api/auth/email-verify/resend", PATHS.resend, RATE_LIMITS.verifyResend, "/verify-email?"],
  ])("%s", (_name, path, limit, linkPath) => {
    it("limits per IP + email, and the refused call mails nothing", async () => {
      const ip = newIp();
      const user = await registerUser();
      const links = async () => (await mailTo(user.email)).filter((m) => m.text.includes(linkPath)).length;
      for (let i = 0; i < limit; i++) {
        const response = await api("POST", path, { json: { email: user.email }, ...from(ip) });
        expect(response.status, await response.clone().text()).toBe(200);
      }
      const mailed = await links();
      await expectTooMany(
        await api("POST", path, { json: { email: user.email }, ...from(ip) }),
        "rate_limited",
        WINDOW_SECONDS,
      );
      await expectTooMany(
        await api("POST", path, { json: { email: user.email.toUpperCase() }, ...from(ip) }),
        "rate_limited",
        WINDOW_SECONDS,
      );
      expect(await links()).toBe(mailed);

      // Another address from this IP is answered as usual; this address is spent from any IP.
      expect((await api("POST", path, { json: { email: newUser().email }, ...from(ip) })).status).toBe(200);
      await expectTooMany(
        await api("POST", path, { json: { email: user.email }, ...from(newIp()) }),
        "rate_limited",
        WINDOW_SECONDS,
      );
      expect(await links()).toBe(mailed);
    });

    it("limits one address across client IPs, so forged IPs cannot flood an inbox", async () => {
      const user = await registerUser();
      const links = async () => (await mailTo(user.email)).filter((m) => m.text.includes(linkPath)).length;
      const before = await links();
      for (let i = 0; i < limit; i++)
        expect((await api("POST", path, { json: { email: user.email }, ...from(newIp()) })).status).toBe(200);
      await expectTooMany(
        await api("POST", path, { json: { email: user.email }, ...from(newIp()) }),
        "rate_limited",
        WINDOW_SECONDS,
      );
      expect(await links()).toBe(before + limit);
    });

    it("answers an unknown address the same way when limited (no enumeration)", async () => {
      const ip = newIp();
      const email = newUser().email;
      for (let i = 0; i < limit; i++)
        expect((await api("POST", path, { json: { email }, ...from(ip) })).status).toBe(200);
      await expectTooMany(await api("POST", path, { json: { email }, ...from(ip) }), "rate_limited", WINDOW_SECONDS);
    });
  });

  describe("POST /api/auth/token/refresh", () => {
    async function refresh(token: string, ip = newIp()): Promise<Response> {
      return post(PATHS.refresh, { refresh: token }, { tokenTransport: true, ...from(ip) });
    }

    it("limits per session, whatever address the calls come from", async () => {
      const user = await activeUser();
      const first = await json<TokenPair>(await login(newIp(), user.username, user.password));
      let token = first.refresh;
      for (let i = 0; i < RATE_LIMITS.refresh; i++) {
        const response = await refresh(token);
        expect(response.status, await response.clone().text()).toBe(200);
        token = (await json<TokenPair>(response)).refresh;
      }
      await expectTooMany(await refresh(token), "rate_limited", WINDOW_SECONDS);
      await expectTooMany(await refresh(token, newIp()), "rate_limited", WINDOW_SECONDS);

      // Another session of the same user has its own budget.
      const second = await json<TokenPair>(await login(newIp(), user.username, user.password));
      expect((await refresh(second.refresh)).status).toBe(200);
    });

    it("does not spend a session's budget on tokens that fail verification", async () => {
      const user = await activeUser();
      const pair = await json<TokenPair>(await login(newIp(), user.username, user.password));
      for (let i = 0; i < RATE_LIMITS.refresh + 2; i++)
        await expectError(await refresh(`${pair.refresh}x`), 401, "invalid_refresh_token");
      expect((await refresh(pair.refresh)).status).toBe(200);
    });
  });

  describe("POST /api/auth/password-change", () => {
    it("limits guesses of the current password per account, so a stolen token is no oracle", async () => {
      const user = await activeUser();
      const pair = await json<TokenPair>(await login(newIp(), user.username, user.password));
      const change = (current: string, bearer = pair.access) =>
        api("POST", PATHS.passwordChange, {
          bearer,
          json: { current_password: current, new_password: "Quasar-Drift-77!z", new_password2: "Quasar-Drift-77!z" },
          ...from(newIp()),
        });
      for (let i = 0; i < RATE_LIMITS.passwordChange; i++)
        await expectError(await change(`Wrong-${i}-guess`), 400, "validation_error", ["current_password"]);
      // The right password is refused too now, from any address and any session of the account.
      await expectTooMany(await change(user.password), "rate_limited", WINDOW_SECONDS);
      const second = await json<TokenPair>(await login(newIp(), user.username, user.password));
      await expectTooMany(await change(user.password, second.access), "rate_limited", WINDOW_SECONDS);

      const other = await activeUser();
      const otherPair = await json<TokenPair>(await login(newIp(), other.username, other.password));
      expect((await change(other.password, otherPair.access)).status).toBe(200);
    });
  });
}

/** The "count/seconds" window really ends: the short-window files run this with SHORT_WINDOW_ENV. */
export function limitWindowResets(backend: "postgres" | "upstash"): void {
  it(`lets a login through again once the window has passed (${backend})`, async () => {
    expect((await rateLimiter()).backend).toBe(backend);
    const ip = newIp();
    const name = `ghost_${ip.slice(-4)}`;
    // Two per second, sliding: keep trying until refused (a window boundary may grant one more).
    let refused: Response | undefined;
    for (let i = 0; i < 8 && !refused; i++) {
      const response = await login(ip, name, "Wrong-password-1");
      if (response.status === 429) refused = response;
      else await expectError(response, 401, "invalid_credentials");
    }
    expect(refused, "no 429 within eight quick attempts").toBeDefined();
    expect(await expectTooMany(refused!, "rate_limited", 1)).toBe(1);
    // A sliding window forgets the previous window gradually: two windows forget it fully.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await expectError(await login(ip, name, "Wrong-password-1"), 401, "invalid_credentials");
  });
}
