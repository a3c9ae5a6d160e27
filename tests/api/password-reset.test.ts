import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, tables } from "@/db";
import { encodeUid } from "@/lib/auth/one-time-token";
import {
  api,
  auditEventsOf,
  confirmReset,
  expectError,
  latestResetLink,
  loginAttempt,
  oneTimeTokensOf,
  PATHS,
  requestResetLink,
  strongPassword,
  userRow,
} from "../helpers/account";
import { storeCookies } from "../helpers/cookies";
import { get, json, post } from "../helpers/http";
import {
  activeUser,
  latestVerificationLink,
  loginForTokens,
  loginWithCookies,
  mailTo,
  newUser,
  registerUser,
} from "../helpers/users";

function requestReset(email: string): Promise<Response> {
  return api("POST", PATHS.passwordReset, { json: { email } });
}

function resetMails(email: string) {
  return mailTo(email).then((mails) => mails.filter((m) => m.text.includes("/reset-password?")));
}

describe("POST /api/auth/password-reset", () => {
  it("answers the same status and body for existing, unknown, unverified, disabled and odd-looking addresses", async () => {
    const verified = await activeUser();
    const unverified = await registerUser();
    const disabled = await activeUser();
    await (
      await getDb()
    )
      .update(tables.users)
      .set({ isActive: false })
      .where(eq(tables.users.id, (await userRow(disabled.email)).id));
    const unknown = newUser().email;
    // Valid per the schema but unusual: plus tag, apostrophe, dots, sub-domain, mixed case.
    const oddLooking = "Mr.O'Neil+reset-2@Mail.Sub.Example.test";

    const responses = await Promise.all(
      [verified.email, unverified.email, disabled.email, unknown, oddLooking, verified.email.toUpperCase()].map(
        requestReset,
      ),
    );
    const answers = await Promise.all(
      responses.map(async (r) => ({ status: r.status, body: await r.text(), cookies: r.headers.getSetCookie() })),
    );
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]!.status).toBe(200);
    expect(JSON.parse(answers[0]!.body)).toEqual({ detail: expect.stringMatching(/if an account exists/i) });
  });

  it("mails a /reset-password?uid=&token= link only to an account that exists and is active", async () => {
    const verified = await activeUser();
    const unverified = await registerUser();
    const disabled = await activeUser();
    await (
      await getDb()
    )
      .update(tables.users)
      .set({ isActive: false })
      .where(eq(tables.users.id, (await userRow(disabled.email)).id));
    const unknown = newUser().email;

    for (const email of [verified.email, unverified.email, disabled.email, unknown]) {
      expect((await requestReset(email)).status).toBe(200);
    }

    const [mail, ...others] = await resetMails(verified.email);
    expect(others).toHaveLength(0);
    expect(mail?.subject).toMatch(/reset/i);
    expect(mail?.text).toMatch(/http:\/\/localhost:3000\/reset-password\?uid=[\w-]+&token=[\w-]{43}\b/);
    const link = await latestResetLink(verified.email);
    expect(Buffer.from(link.uid, "base64url").toString()).toBe((await userRow(verified.email)).id);

    // Following a reset link proves the inbox (docs/api.md), so an unverified owner gets one too.
    expect(await resetMails(unverified.email)).toHaveLength(1);
    expect(await resetMails(disabled.email)).toHaveLength(0);
    expect(await mailTo(unknown)).toHaveLength(0);
  });

  it("finds the account whatever the case of the address", async () => {
    const user = await activeUser();
    expect((await requestReset(`  ${user.email.toUpperCase()}  `)).status).toBe(200);
    expect(await resetMails(user.email)).toHaveLength(1);
  });

  it("stores only a hash of the token, with a one-hour expiry", async () => {
    const user = await activeUser();
    const link = await requestResetLink(user.email);
    const [row, ...others] = await oneTimeTokensOf((await userRow(user.email)).id, "password_reset");
    expect(others).toHaveLength(0);
    expect(row!.tokenHash).not.toContain(link.token);
    const lifetime = row!.expiresAt.getTime() - row!.createdAt.getTime();
    expect(lifetime).toBeGreaterThan(3590_000);
    expect(lifetime).toBeLessThanOrEqual(3610_000);
  });

  it("supersedes an earlier link with a later request", async () => {
    const user = await activeUser();
    const first = await requestResetLink(user.email);
    const second = await requestResetLink(user.email);
    expect(second.token).not.toBe(first.token);
    expect(await resetMails(user.email)).toHaveLength(2);

    await expectError(await confirmReset(first, strongPassword()), 400, "invalid_token");
    expect((await confirmReset(second, strongPassword())).status).toBe(200);
  });

  it("leaves exactly one live reset token after simultaneous requests", async () => {
    const user = await activeUser();
    const { id } = await userRow(user.email);
    const responses = await Promise.all([requestReset(user.email), requestReset(user.email), requestReset(user.email)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await oneTimeTokensOf(id, "password_reset")).toHaveLength(1);
  });

  it("rejects a missing or malformed email as a field error, not a 500", async () => {
    await expectError(await api("POST", PATHS.passwordReset, { json: {} }), 400, "validation_error", ["email"]);
    await expectError(await requestReset("not-an-email"), 400, "validation_error", ["email"]);
    await expectError(await api("POST", PATHS.passwordReset, { json: { email: 42 } }), 400, "validation_error", [
      "email",
    ]);
    await expectError(
      await api("POST", PATHS.passwordReset, { json: { email: "a@b.c".padStart(300, "a") } }),
      400,
      "validation_error",
      ["email"],
    );
  });
});

describe("POST /api/auth/password-reset-confirm", () => {
  it("sets the new password, revokes every session and mails a notice", async () => {
    const user = await activeUser();
    const bearer = await loginForTokens(user);
    const jar = await loginWithCookies(user);
    const link = await requestResetLink(user.email);
    const newPassword = strongPassword();

    const response = await confirmReset(link, newPassword);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ detail: expect.any(String) });

    // Old password out, new one in.
    await expectError(await loginAttempt(user.username, user.password), 401, "invalid_credentials");
    expect((await loginAttempt(user.username, newPassword)).status).toBe(200);

    // Sessions from before the reset are dead, for both transports and for refresh.
    await expectError(await get(PATHS.user, { bearer: bearer.access }), 401, "not_authenticated");
    await expectError(await get(PATHS.user, { jar }), 401, "not_authenticated");
    await expectError(
      await post(PATHS.refresh, { refresh: bearer.refresh }, { tokenTransport: true }),
      401,
      "session_revoked",
    );
    await expectError(await post(PATHS.refresh, undefined, { jar }), 401, "session_revoked");

    const [notice] = await mailTo(user.email);
    expect(notice?.subject).toMatch(/password was changed/i);
    expect(notice?.text).toMatch(/reset/i);
    expect(notice?.text).not.toContain(newPassword);

    const events = (await auditEventsOf((await userRow(user.email)).id)).map((e) => e.event);
    expect(events).toContain("password_reset");
  });

  it("marks an unverified address verified, so the owner can log in", async () => {
    const user = await registerUser();
    await expectError(await loginAttempt(user.username, user.password), 401, "invalid_credentials");
    const newPassword = strongPassword();
    expect((await confirmReset(await requestResetLink(user.email), newPassword)).status).toBe(200);
    expect((await userRow(user.email)).emailVerified).toBe(true);
    expect((await loginAttempt(user.email, newPassword)).status).toBe(200);
  });

  it("rejects mismatched passwords in new_password2 and leaves the link usable", async () => {
    const user = await activeUser();
    const link = await requestResetLink(user.email);
    const password = strongPassword();
    await expectError(await confirmReset(link, password, `${password}x`), 400, "validation_error", ["new_password2"]);
    expect((await confirmReset(link, password)).status).toBe(200);
  });

  it("rejects a common password and leaves the link usable", async () => {
    const user = await activeUser();
    const { id } = await userRow(user.email);
    const hashBefore = (await userRow(user.email)).passwordHash;
    const link = await requestResetLink(user.email);

    const body = await expectError(await confirmReset(link, "password123"), 400, "validation_error", ["new_password"]);
    expect(body.fields!.new_password!.join(" ")).toMatch(/too common/);
    expect((await userRow(user.email)).passwordHash).toBe(hashBefore);
    expect((await oneTimeTokensOf(id, "password_reset"))[0]?.usedAt).toBeNull();
    expect((await auditEventsOf(id)).map((e) => e.event)).not.toContain("password_reset");

    const newPassword = strongPassword();
    expect((await confirmReset(link, newPassword)).status).toBe(200);
    expect((await loginAttempt(user.username, newPassword)).status).toBe(200);
  });

  it("rejects a password too similar to the username or email, and leaves the link usable", async () => {
    const user = await activeUser({ username: `stargazer_${Math.random().toString(36).slice(2, 7)}` });
    const link = await requestResetLink(user.email);

    const similarToName = await expectError(await confirmReset(link, `${user.username}!`), 400, "validation_error", [
      "new_password",
    ]);
    expect(similarToName.fields!.new_password!.join(" ")).toMatch(/too similar to your username/);
    const similarToEmail = await expectError(
      await confirmReset(link, user.email.toUpperCase()),
      400,
      "validation_error",
      ["new_password"],
    );
    expect(similarToEmail.fields!.new_password!.join(" ")).toMatch(/too similar/);

    expect((await confirmReset(link, strongPassword())).status).toBe(200);
  });

  it("rejects a password under 8 characters", async () => {
    const user = await activeUser();
    const link = await requestResetLink(user.email);
    await expectError(await confirmReset(link, "Xy7!q"), 400, "validation_error", ["new_password"]);
  });

  it("refuses a link that was already used with token_used", async () => {
    const user = await activeUser();
    const link = await requestResetLink(user.email);
    const password = strongPassword();
    expect((await confirmReset(link, password)).status).toBe(200);
    await expectError(await confirmReset(link, strongPassword()), 400, "token_used");
    expect((await loginAttempt(user.username, password)).status).toBe(200);
  });

  it("lets only one of two simultaneous uses of a link succeed", async () => {
    const user = await activeUser();
    const link = await requestResetLink(user.email);
    const [a, b] = [strongPassword(), strongPassword()];
    const responses = await Promise.all([confirmReset(link, a), confirmReset(link, b)]);
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 400]);
    const loser = responses.find((r) => r.status === 400)!;
    await expectError(loser, 400, "token_used");
    const winner = responses[0]!.status === 200 ? a : b;
    expect((await loginAttempt(user.username, winner)).status).toBe(200);
  });

  it("refuses an expired link with token_expired", async () => {
    const user = await activeUser();
    const { id } = await userRow(user.email);
    const link = await requestResetLink(user.email);
    const db = await getDb();
    await db
      .update(tables.oneTimeTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(tables.oneTimeTokens.userId, id));

    await expectError(await confirmReset(link, strongPassword()), 400, "token_expired");
    expect((await loginAttempt(user.username, user.password)).status).toBe(200);
  });

  it("refuses another user's uid paired with this token, and changes neither account", async () => {
    const owner = await activeUser();
    const victim = await activeUser();
    const link = await requestResetLink(owner.email);
    const victimUid = encodeUid((await userRow(victim.email)).id);

    await expectError(
      await confirmReset({ uid: victimUid, token: link.token }, strongPassword()),
      400,
      "invalid_token",
    );
    expect((await loginAttempt(victim.username, victim.password)).status).toBe(200);
    expect((await loginAttempt(owner.username, owner.password)).status).toBe(200);
    // The rightful owner can still use the link.
    expect((await confirmReset(link, strongPassword())).status).toBe(200);
  });

  it("answers garbage uids and tokens with 400, never a 500", async () => {
    const user = await activeUser();
    const link = await requestResetLink(user.email);
    const badUids = [
      "garbage",
      "AAAA",
      "_-_-",
      encodeUid("not-a-uuid"),
      encodeUid("00000000-0000-0000-0000-000000000000"),
      encodeUid(crypto.randomUUID()),
      encodeUid(`${(await userRow(user.email)).id}'; DROP TABLE users; --`),
      "A".repeat(200),
    ];
    for (const uid of badUids) {
      await expectError(await confirmReset({ uid, token: link.token }, strongPassword()), 400, "invalid_token");
    }
    await expectError(
      await confirmReset({ uid: link.uid, token: "A".repeat(43) }, strongPassword()),
      400,
      "invalid_token",
    );

    // Characters outside base64url, too long, wrong types, missing: validation errors on the field.
    await expectError(
      await confirmReset({ uid: "%%%", token: link.token }, strongPassword()),
      400,
      "validation_error",
      ["uid"],
    );
    await expectError(
      await confirmReset({ uid: "A".repeat(201), token: link.token }, strongPassword()),
      400,
      "validation_error",
      ["uid"],
    );
    await expectError(await confirmReset({ uid: link.uid, token: "a.b" }, strongPassword()), 400, "validation_error", [
      "token",
    ]);
    await expectError(
      await api("POST", PATHS.passwordResetConfirm, { json: { uid: 1, token: ["x"], new_password: null } }),
      400,
      "validation_error",
      ["uid", "token", "new_password", "new_password2"],
    );
    await expectError(await api("POST", PATHS.passwordResetConfirm, { json: {} }), 400, "validation_error", [
      "uid",
      "token",
      "new_password",
      "new_password2",
    ]);

    // None of that spent the real link.
    expect((await confirmReset(link, strongPassword())).status).toBe(200);
  });

  it("does not accept an email-verification link as a reset link", async () => {
    const user = await registerUser();
    const verification = await latestVerificationLink(user.email);
    await expectError(await confirmReset(verification, strongPassword()), 400, "invalid_token");
    expect((await userRow(user.email)).emailVerified).toBe(false);
  });

  it("refuses the link of an account that was disabled after it was sent", async () => {
    const user = await activeUser();
    const link = await requestResetLink(user.email);
    await (
      await getDb()
    )
      .update(tables.users)
      .set({ isActive: false })
      .where(eq(tables.users.id, (await userRow(user.email)).id));
    await expectError(await confirmReset(link, strongPassword()), 400, "invalid_token");
  });

  it("kills an outstanding reset link when the password is changed on the account page", async () => {
    const user = await activeUser();
    const link = await requestResetLink(user.email);
    const { access } = await loginForTokens(user);
    const changed = strongPassword();
    const change = await api("POST", PATHS.passwordChange, {
      bearer: access,
      json: { current_password: user.password, new_password: changed, new_password2: changed },
    });
    expect(change.status, await change.clone().text()).toBe(200);

    await expectError(await confirmReset(link, strongPassword()), 400, "invalid_token");
    expect((await loginAttempt(user.username, changed)).status).toBe(200);
  });

  it("lifts a login throttle on the account", async () => {
    const user = await activeUser();
    const attempt = (password: string, i: number) =>
      post(
        PATHS.login,
        { login: user.username, password },
        { tokenTransport: true, headers: { "x-forwarded-for": `198.51.100.${i}` } },
      );
    // Ten failures from ten addresses (so no per-IP rate limit interferes) pause the account.
    for (let i = 1; i <= 10; i++) expect((await attempt(`wrong-${i}-password`, i)).status).toBe(401);
    const throttled = await attempt(user.password, 11);
    await expectError(throttled, 429, "login_throttled");
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);

    const newPassword = strongPassword();
    expect((await confirmReset(await requestResetLink(user.email), newPassword)).status).toBe(200);
    expect((await attempt(newPassword, 12)).status).toBe(200);
  });

  it("leaves a browser that logs in with the new password signed in", async () => {
    const user = await activeUser();
    const newPassword = strongPassword();
    expect((await confirmReset(await requestResetLink(user.email), newPassword)).status).toBe(200);
    const jar = storeCookies(new Map(), await post(PATHS.login, { login: user.email, password: newPassword }));
    expect((await get(PATHS.user, { jar })).status).toBe(200);
  });
});
