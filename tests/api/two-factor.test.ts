// TOTP two-factor (docs/design.md#two-factor-authentication-totp): enrolment, the second step of
// a sign-in in both transports and without JavaScript, and the attacker's tries at the step.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, tables } from "@/db";
import { expectError, signIn } from "../helpers/account";
import { setCookiesOf, storeCookies, type CookieJar } from "../helpers/cookies";
import { get, json, post } from "../helpers/http";
import {
  as,
  codeFor,
  enrolledUser,
  forgetUsedStep,
  passwordStep,
  TWO_FACTOR_PATHS as PATHS,
} from "../helpers/two-factor";
import { activeUser, mailTo, type TestUser } from "../helpers/users";

/** Each test its own client address, so per-IP limits of one do not spill into another. */
const fromNewIp = () => ({ "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250) + 1}` });

async function userId(user: TestUser): Promise<string> {
  const db = await getDb();
  const [row] = await db.select().from(tables.users).where(eq(tables.users.username, user.username));
  return row!.id;
}

async function events(user: TestUser, event: string) {
  const db = await getDb();
  const id = await userId(user);
  return db
    .select()
    .from(tables.auditEvents)
    .where(and(eq(tables.auditEvents.userId, id), eq(tables.auditEvents.event, event)))
    .orderBy(tables.auditEvents.id);
}

describe("enrolment", () => {
  it("shows a QR code and the secret, turns on only with a right code, then answers ten recovery codes once", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "bearer");
    const headers = fromNewIp();
    const enrol = await post(PATHS.enrol, {}, { ...as(credentials), headers });
    expect(enrol.status).toBe(200);
    const body = await json<{ otpauth_uri: string; secret: string; qr_code: string }>(enrol);
    expect(body.otpauth_uri).toMatch(/^otpauth:\/\/totp\//);
    expect(body.secret).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4})+$/);
    expect(body.qr_code).toMatch(/^data:image\/svg\+xml;base64,/);

    // The stored secret is encrypted, not the base32 text.
    const db = await getDb();
    const [row] = await db
      .select()
      .from(tables.userTotp)
      .where(eq(tables.userTotp.userId, await userId(user)));
    expect(row!.secret).not.toContain(body.secret.replace(/ /g, ""));
    expect(row!.confirmedAt).toBeNull();
    expect(await json(await get(PATHS.status, as(credentials)))).toMatchObject({ enabled: false });

    await expectError(
      await post(PATHS.confirm, { code: "000000" }, { ...as(credentials), headers }),
      400,
      "validation_error",
      ["code"],
    );
    const { decodeBase32IgnorePadding } = await import("@oslojs/encoding");
    const key = decodeBase32IgnorePadding(body.secret.replace(/ /g, ""));
    const confirm = await post(PATHS.confirm, { code: codeFor(key) }, { ...as(credentials), headers });
    expect(confirm.status).toBe(200);
    const { recovery_codes } = await json<{ recovery_codes: string[] }>(confirm);
    expect(recovery_codes).toHaveLength(10);

    const status = await json(await get(PATHS.status, as(credentials)));
    expect(status).toMatchObject({ enabled: true, recovery_codes_left: 10 });
    // Confirmed once: a second enrolment or confirmation is refused, and the codes are stored hashed.
    await expectError(await post(PATHS.enrol, {}, { ...as(credentials), headers }), 409, "two_factor_enabled");
    const stored = await db
      .select()
      .from(tables.recoveryCodes)
      .where(eq(tables.recoveryCodes.userId, await userId(user)));
    expect(stored.map((c) => c.codeHash)).not.toContain(recovery_codes[0]);
    expect(await events(user, "two_factor_enabled")).toHaveLength(1);
    expect((await mailTo(user.email)).some((m) => m.subject.startsWith("Two-factor authentication is on"))).toBe(true);
  });

  it("needs a signed-in caller", async () => {
    await expectError(await post(PATHS.enrol, {}), 401, "not_authenticated");
    await expectError(await get(PATHS.status), 401, "not_authenticated");
  });
});

describe("sign-in with two-factor on", () => {
  it("token clients: the password answers mfa_required (no tokens), the code finishes the sign-in", async () => {
    const user = await activeUser();
    const { key } = await enrolledUser(user);
    const headers = fromNewIp();
    const { response, mfaToken } = await passwordStep(user, { tokenTransport: true, headers });
    const body = await json<Record<string, unknown>>(response);
    expect(body).not.toHaveProperty("access");
    expect(body.methods).toEqual(["totp", "recovery_code"]);
    expect(Date.parse(body.mfa_expires_at as string)).toBeGreaterThan(Date.now());
    expect(response.headers.getSetCookie()).toEqual([]);

    const done = await post(
      PATHS.loginTwoFactor,
      { mfa_token: mfaToken, code: codeFor(key, 1) },
      { tokenTransport: true, headers },
    );
    expect(done.status, await done.clone().text()).toBe(200);
    const tokens = await json<{ access: string; user: { username: string } }>(done);
    expect(tokens.user.username).toBe(user.username);
    expect((await get("/api/auth/user", { bearer: tokens.access })).status).toBe(200);

    const [success] = (await events(user, "login_success")).slice(-1);
    expect(success!.metadata).toMatchObject({ method: "totp", first_factor: "password" });
    // Single use.
    await forgetUsedStep(user);
    await expectError(
      await post(PATHS.loginTwoFactor, { mfa_token: mfaToken, code: codeFor(key) }, { tokenTransport: true, headers }),
      401,
      "mfa_token_invalid",
    );
  });

  it("browsers: the token also comes in an httpOnly cookie, and the cookie alone finishes the sign-in", async () => {
    const user = await activeUser();
    const { key } = await enrolledUser(user);
    const headers = fromNewIp();
    const { response, mfaToken } = await passwordStep(user, { headers });
    const cookies = setCookiesOf(response);
    const mfa = cookies.get("aw_mfa");
    expect(mfa?.value).toBe(mfaToken);
    expect(mfa?.attributes).toMatchObject({ httponly: true, samesite: "Lax", path: "/" });
    expect(Number(mfa?.attributes["max-age"])).toBeLessThanOrEqual(300);
    expect(cookies.has("aw_access")).toBe(false);

    const jar: CookieJar = storeCookies(new Map(), response);
    const done = await post(PATHS.loginTwoFactor, { code: codeFor(key, 1) }, { jar, headers });
    expect(done.status, await done.clone().text()).toBe(200);
    storeCookies(jar, done);
    expect(jar.has("aw_access")).toBe(true);
    expect(jar.has("aw_mfa")).toBe(false);
    expect((await get("/api/auth/user", { jar })).status).toBe(200);
  });

  it("without JavaScript: the login form lands on /login/2fa, and the code form on the page asked for", async () => {
    const user = await activeUser();
    const { key } = await enrolledUser(user);
    const form = { "content-type": "application/x-www-form-urlencoded", accept: "text/html", ...fromNewIp() };
    const login = await post("/api/auth/login", undefined, {
      headers: form,
      body: new URLSearchParams({ login: user.username, password: user.password, next: "/dashboard" }).toString(),
    });
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toBe("/login/2fa?next=%2Fdashboard");
    const jar = storeCookies(new Map(), login);
    expect(jar.has("aw_mfa")).toBe(true);
    expect(jar.has("aw_access")).toBe(false);

    const wrong = await post(PATHS.loginTwoFactor, undefined, {
      jar,
      headers: form,
      body: new URLSearchParams({ code: "000000", next: "/dashboard" }).toString(),
    });
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get("location")).toBe("/login/2fa?next=%2Fdashboard");
    const done = await post(PATHS.loginTwoFactor, undefined, {
      jar,
      headers: form,
      body: new URLSearchParams({ code: codeFor(key, 1), next: "/dashboard" }).toString(),
    });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/dashboard");
    expect(setCookiesOf(done).has("aw_access")).toBe(true);
    for (const answer of [login, wrong, done]) expect(answer.headers.get("location")).not.toContain(codeFor(key, 1));
  });

  it("a recovery code signs in once and is mailed about; a used one is refused", async () => {
    const user = await activeUser();
    const { recoveryCodes } = await enrolledUser(user);
    const headers = fromNewIp();
    const first = await passwordStep(user, { tokenTransport: true, headers });
    const code = recoveryCodes[3]!.toUpperCase();
    const done = await post(
      PATHS.loginTwoFactor,
      { mfa_token: first.mfaToken, recovery_code: code },
      { tokenTransport: true, headers },
    );
    expect(done.status, await done.clone().text()).toBe(200);
    const { access } = await json<{ access: string }>(done);
    expect(await json(await get(PATHS.status, { bearer: access }))).toMatchObject({ recovery_codes_left: 9 });
    expect((await mailTo(user.email)).some((m) => m.subject.startsWith("A recovery code was used"))).toBe(true);

    const second = await passwordStep(user, { tokenTransport: true, headers });
    await expectError(
      await post(
        PATHS.loginTwoFactor,
        { mfa_token: second.mfaToken, recovery_code: code },
        { tokenTransport: true, headers },
      ),
      400,
      "validation_error",
      ["recovery_code"],
    );
  });

  it("refuses an expired token, an unknown one and one without a code", async () => {
    const user = await activeUser();
    const { key } = await enrolledUser(user);
    const headers = fromNewIp();
    const { mfaToken } = await passwordStep(user, { tokenTransport: true, headers });
    const db = await getDb();
    await db
      .update(tables.mfaChallenges)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(tables.mfaChallenges.userId, await userId(user)));
    const code = codeFor(key, 1);
    await expectError(
      await post(PATHS.loginTwoFactor, { mfa_token: mfaToken, code }, { tokenTransport: true, headers }),
      401,
      "mfa_token_invalid",
    );
    await expectError(
      await post(PATHS.loginTwoFactor, { mfa_token: "A".repeat(43), code }, { tokenTransport: true, headers }),
      401,
      "mfa_token_invalid",
    );
    await expectError(
      await post(PATHS.loginTwoFactor, { code }, { tokenTransport: true, headers }),
      401,
      "mfa_token_invalid",
    );
    await expectError(
      await post(PATHS.loginTwoFactor, { mfa_token: mfaToken }, { tokenTransport: true, headers }),
      400,
      "validation_error",
      ["code"],
    );
  });

  it("one account's token with another account's code signs in nobody", async () => {
    const alice = await activeUser();
    const bob = await activeUser();
    await enrolledUser(alice);
    const bobs = await enrolledUser(bob);
    const headers = fromNewIp();
    const { mfaToken } = await passwordStep(alice, { tokenTransport: true, headers });
    await expectError(
      await post(
        PATHS.loginTwoFactor,
        { mfa_token: mfaToken, code: codeFor(bobs.key, 1) },
        { tokenTransport: true, headers },
      ),
      400,
      "validation_error",
    );
    await expectError(
      await post(
        PATHS.loginTwoFactor,
        { mfa_token: mfaToken, recovery_code: bobs.recoveryCodes[0] },
        { tokenTransport: true, headers },
      ),
      400,
      "validation_error",
    );
  });

  it("a burst of 30 wrong codes on one token gets at most MFA_MAX_ATTEMPTS checks, then the token is dead", async () => {
    const user = await activeUser();
    const { key } = await enrolledUser(user);
    const headers = fromNewIp();
    const { mfaToken } = await passwordStep(user, { tokenTransport: true, headers });
    const right = codeFor(key, 1);
    const wrong = right === "000000" ? "111111" : "000000";
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        post(PATHS.loginTwoFactor, { mfa_token: mfaToken, code: wrong }, { tokenTransport: true, headers }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toEqual([]);
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(5);
    for (const s of statuses) expect([400, 401, 429]).toContain(s);
    expect((await events(user, "mfa_failure")).length).toBeLessThanOrEqual(5);
    const db = await getDb();
    const [challenge] = await db
      .select()
      .from(tables.mfaChallenges)
      .where(eq(tables.mfaChallenges.userId, await userId(user)));
    expect(challenge!.attempts).toBeLessThanOrEqual(5);
    // The right code no longer helps this token (from another address, past the per-token limit too).
    const late = await post(
      PATHS.loginTwoFactor,
      { mfa_token: mfaToken, code: right },
      { tokenTransport: true, headers: fromNewIp() },
    );
    expect([401, 429]).toContain(late.status);
    expect(late.status).not.toBe(200);
  });

  it("the same code sent twice at once (two half-done sign-ins) signs in exactly once", async () => {
    const user = await activeUser();
    const { key } = await enrolledUser(user);
    const headers = fromNewIp();
    const first = await passwordStep(user, { tokenTransport: true, headers });
    const second = await passwordStep(user, { tokenTransport: true, headers });
    const code = codeFor(key, 1);
    const answers = await Promise.all(
      [first, second, first, second].map(({ mfaToken }) =>
        post(PATHS.loginTwoFactor, { mfa_token: mfaToken, code }, { tokenTransport: true, headers }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
  });

  it("a code used once is refused the second time (replay), even with a fresh token", async () => {
    const user = await activeUser();
    const { key } = await enrolledUser(user);
    const headers = fromNewIp();
    const code = codeFor(key, 1);
    const first = await passwordStep(user, { tokenTransport: true, headers });
    expect(
      (await post(PATHS.loginTwoFactor, { mfa_token: first.mfaToken, code }, { tokenTransport: true, headers })).status,
    ).toBe(200);
    const second = await passwordStep(user, { tokenTransport: true, headers });
    await expectError(
      await post(PATHS.loginTwoFactor, { mfa_token: second.mfaToken, code }, { tokenTransport: true, headers }),
      400,
      "validation_error",
    );
    // An older code than the one used is refused too: the accepted step only moves forward.
    await expectError(
      await post(
        PATHS.loginTwoFactor,
        { mfa_token: second.mfaToken, code: codeFor(key, 0) },
        { tokenTransport: true, headers },
      ),
      400,
      "validation_error",
    );
  });

  it("the password's throttle count is reset only when the second step completes", async () => {
    const user = await activeUser();
    const { key } = await enrolledUser(user);
    const headers = fromNewIp();
    for (let i = 0; i < 3; i++) {
      const wrong = await post(PATHS.login, { login: user.username, password: `${user.password}x` }, { headers });
      expect(wrong.status).toBe(401);
    }
    const { mfaToken } = await passwordStep(user, { tokenTransport: true, headers });
    const db = await getDb();
    const throttle = async () =>
      (
        await db
          .select()
          .from(tables.loginThrottles)
          .where(eq(tables.loginThrottles.key, `user:${await userId(user)}`))
      )[0];
    expect((await throttle())?.failures).toBe(4);
    await post(
      PATHS.loginTwoFactor,
      { mfa_token: mfaToken, code: "000000" === codeFor(key, 1) ? "111111" : "000000" },
      { tokenTransport: true, headers },
    );
    expect((await throttle())?.failures).toBe(5);
    expect(
      (
        await post(
          PATHS.loginTwoFactor,
          { mfa_token: mfaToken, code: codeFor(key, 1) },
          { tokenTransport: true, headers },
        )
      ).status,
    ).toBe(200);
    expect(await throttle()).toBeUndefined();
  });

  it("an emailed sign-in code of a 2FA account still asks for the second factor", async () => {
    const user = await activeUser();
    const { key } = await enrolledUser(user);
    const headers = fromNewIp();
    const { requestSignInMail, verifySignIn } = await import("../helpers/email-sign-in");
    const mail = await requestSignInMail(user.email);
    const answer = await verifySignIn({ email: user.email, code: mail.code }, { tokenTransport: true, headers });
    expect(answer.status, await answer.clone().text()).toBe(403);
    const { mfa_token, code } = await json<{ mfa_token: string; code: string }>(answer);
    expect(code).toBe("mfa_required");
    const done = await post(
      PATHS.loginTwoFactor,
      { mfa_token, code: codeFor(key, 1) },
      { tokenTransport: true, headers },
    );
    expect(done.status).toBe(200);
    const [success] = (await events(user, "login_success")).slice(-1);
    expect(success!.metadata).toMatchObject({ method: "totp", first_factor: "email_code" });
  });
});

describe("turning it off and new recovery codes", () => {
  it("disabling needs the password and a current code; then the password alone signs in", async () => {
    const user = await activeUser();
    const { key, credentials } = await enrolledUser(user);
    const headers = fromNewIp();
    const options = { ...as(credentials), headers };
    await expectError(await post(PATHS.disable, { password: user.password }, options), 400, "validation_error", [
      "code",
    ]);
    await forgetUsedStep(user);
    await expectError(
      await post(PATHS.disable, { password: "wrong-password", code: codeFor(key) }, options),
      400,
      "validation_error",
      ["password"],
    );
    await expectError(
      await post(PATHS.disable, { password: user.password, code: "123 45" }, options),
      400,
      "validation_error",
      ["code"],
    );
    const off = await post(PATHS.disable, { password: user.password, code: codeFor(key) }, options);
    expect(off.status, await off.clone().text()).toBe(200);
    expect(await json(await get(PATHS.status, as(credentials)))).toMatchObject({
      enabled: false,
      recovery_codes_left: 0,
    });
    expect((await post(PATHS.login, { login: user.username, password: user.password }, { headers })).status).toBe(200);
    expect(await events(user, "two_factor_disabled")).toHaveLength(1);
    expect(
      (await mailTo(user.email)).some((m) => m.subject.startsWith("Two-factor authentication was turned off")),
    ).toBe(true);
  });

  it("a half-done sign-in dies when two-factor is turned off", async () => {
    const user = await activeUser();
    const { key, credentials, recoveryCodes } = await enrolledUser(user);
    const headers = fromNewIp();
    const { mfaToken } = await passwordStep(user, { tokenTransport: true, headers });
    const off = await post(
      PATHS.disable,
      { password: user.password, recovery_code: recoveryCodes[0] },
      { ...as(credentials), headers },
    );
    expect(off.status, await off.clone().text()).toBe(200);
    await expectError(
      await post(
        PATHS.loginTwoFactor,
        { mfa_token: mfaToken, code: codeFor(key, 1) },
        { tokenTransport: true, headers },
      ),
      401,
      "mfa_token_invalid",
    );
  });

  it("new recovery codes need the password, and the old ones stop working", async () => {
    const user = await activeUser();
    const { recoveryCodes, credentials } = await enrolledUser(user);
    const headers = fromNewIp();
    const options = { ...as(credentials), headers };
    await expectError(await post(PATHS.recoveryCodes, { password: "not-it" }, options), 400, "validation_error", [
      "password",
    ]);
    const fresh = await post(PATHS.recoveryCodes, { password: user.password }, options);
    expect(fresh.status).toBe(200);
    const { recovery_codes } = await json<{ recovery_codes: string[] }>(fresh);
    expect(recovery_codes).toHaveLength(10);
    expect(recovery_codes).not.toContain(recoveryCodes[0]);
    expect(await events(user, "recovery_codes_regenerated")).toHaveLength(1);

    const old = await passwordStep(user, { tokenTransport: true, headers });
    await expectError(
      await post(
        PATHS.loginTwoFactor,
        { mfa_token: old.mfaToken, recovery_code: recoveryCodes[0] },
        { tokenTransport: true, headers },
      ),
      400,
      "validation_error",
    );
    const done = await post(
      PATHS.loginTwoFactor,
      { mfa_token: old.mfaToken, recovery_code: recovery_codes[0] },
      { tokenTransport: true, headers },
    );
    expect(done.status).toBe(200);
  });

  it("cookie callers can manage two-factor too", async () => {
    const user = await activeUser();
    const jar = (await signIn(user, "cookie")) as { jar: CookieJar };
    const enrol = await post(PATHS.enrol, {}, { jar: jar.jar, headers: fromNewIp() });
    expect(enrol.status).toBe(200);
  });
});
