import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb, tables } from "@/db";
import { auditEventsOf, expectError, userRow } from "../helpers/account";
import { setCookiesOf, storeCookies } from "../helpers/cookies";
import { EMAIL_PATHS, latestSignInMail, requestSignInMail, signInMails, verifySignIn } from "../helpers/email-sign-in";
import { call, get, json, post } from "../helpers/http";
import { activeUser, mailTo, newUser, registerUser } from "../helpers/users";

// The per-address check limit would answer most of a burst with 429 before it reached the
// database; here it is out of the way so the burst tests the attempt count itself
// (tests/api/email-sign-in-expiry.test.ts keeps the default limit and tests it).
vi.hoisted(() => {
  process.env.RATE_LIMIT_EMAIL_SIGN_IN_VERIFY = "1000/600";
  process.env.RATE_LIMIT_EMAIL_SIGN_IN_VERIFY_IP = "1000/600";
});

async function disable(email: string) {
  const db = await getDb();
  await db
    .update(tables.users)
    .set({ isActive: false })
    .where(eq(tables.users.id, (await userRow(email)).id));
}

async function signInRow(email: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(tables.emailSignIns)
    .where(eq(tables.emailSignIns.userId, (await userRow(email)).id));
  return row!;
}

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describe("POST /api/auth/login/email", () => {
  it("answers the same status, body, headers and cookies for active, unverified, disabled and unknown addresses", async () => {
    const active = await activeUser();
    const unverified = await registerUser();
    const disabled = await activeUser();
    await disable(disabled.email);
    const unknown = newUser().email;
    const responses = await Promise.all(
      [active.email, unverified.email, disabled.email, unknown].map((email) => post(EMAIL_PATHS.request, { email })),
    );
    const answers = await Promise.all(
      responses.map(async (r) => ({
        status: r.status,
        body: await r.text(),
        cookies: r.headers.getSetCookie(),
        headers: [...r.headers].filter(([name]) => name !== "x-request-id"),
      })),
    );
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]!.status).toBe(200);
    expect(JSON.parse(answers[0]!.body)).toEqual({ detail: expect.stringMatching(/if an account exists/i) });

    expect(await signInMails(active.email)).toHaveLength(1);
    expect(await signInMails(unverified.email)).toHaveLength(1);
    expect(await signInMails(disabled.email)).toHaveLength(0);
    expect(await mailTo(unknown)).toHaveLength(0);
  });

  it("mails a link and a 6-digit code, stored only as hashes, for ten minutes", async () => {
    const user = await activeUser();
    const mail = await requestSignInMail(user.email);
    expect(mail.code).toMatch(/^\d{6}$/);
    expect(mail.token).toMatch(/^[\w-]{43}$/);
    const [message] = await signInMails(user.email);
    expect(message!.text).toContain(`http://localhost:3000/login/email/link?token=${mail.token}`);
    const row = await signInRow(user.email);
    expect(row.linkHash).not.toContain(mail.token);
    expect(row.codeHash).not.toContain(mail.code);
    expect(row.codeHash).toMatch(/^[\w-]{43}$/);
    const lifetime = row.expiresAt.getTime() - row.createdAt.getTime();
    expect(lifetime).toBeGreaterThan(595_000);
    expect(lifetime).toBeLessThanOrEqual(605_000);
  });
});

describe("POST /api/auth/login/email/verify", () => {
  it("signs a browser in with the link: cookies, the user, and a login_success of method email_link", async () => {
    const user = await activeUser();
    const { token } = await requestSignInMail(user.email);
    const response = await verifySignIn({ token });
    expect(response.status, await response.clone().text()).toBe(200);
    const body = await json<{ user: { email: string }; access?: string }>(response);
    expect(body.user.email).toBe(user.email);
    expect(body.access).toBeUndefined();
    const cookies = setCookiesOf(response);
    expect([...cookies.keys()].some((name) => name.includes("access"))).toBe(true);
    const jar = storeCookies(new Map(), response);
    expect((await get("/api/auth/user", { jar })).status).toBe(200);
    const events = await auditEventsOf((await userRow(user.email)).id);
    expect(events.at(-1)).toMatchObject({ event: "login_success", metadata: { method: "email_link" } });
  });

  it("signs a token client in with the code: the pair in the body, no cookies", async () => {
    const user = await activeUser();
    const { code } = await requestSignInMail(user.email);
    const response = await verifySignIn(
      { email: user.email.toUpperCase(), code: `${code.slice(0, 3)} ${code.slice(3)}` },
      { tokenTransport: true },
    );
    expect(response.status, await response.clone().text()).toBe(200);
    const body = await json<{ access: string; refresh: string; user: { email: string } }>(response);
    expect(body.user.email).toBe(user.email);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect((await get("/api/auth/user", { bearer: body.access })).status).toBe(200);
    const events = await auditEventsOf((await userRow(user.email)).id);
    expect(events.at(-1)).toMatchObject({ event: "login_success", metadata: { method: "email_code" } });
  });

  it("signs a token client in with the link, and a browser with the code", async () => {
    const first = await activeUser();
    const { token } = await requestSignInMail(first.email);
    const byLink = await verifySignIn({ token }, { tokenTransport: true });
    expect(byLink.status).toBe(200);
    expect(await json(byLink)).toMatchObject({ access: expect.any(String), refresh: expect.any(String) });

    const second = await activeUser();
    const { code } = await requestSignInMail(second.email);
    const byCode = await verifySignIn({ email: second.email, code });
    expect(byCode.status).toBe(200);
    expect(byCode.headers.getSetCookie().length).toBeGreaterThan(0);
  });

  it("takes a link once: the second use is token_used, and the code of the same mail is spent too", async () => {
    const user = await activeUser();
    const { token, code } = await requestSignInMail(user.email);
    expect((await verifySignIn({ token })).status).toBe(200);
    await expectError(await verifySignIn({ token }), 400, "token_used");
    await expectError(await verifySignIn({ email: user.email, code }), 400, "invalid_code");
  });

  it("of 20 parallel uses of one link, exactly one signs in", async () => {
    const user = await activeUser();
    const { token } = await requestSignInMail(user.email);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => verifySignIn({ token }, { tokenTransport: true })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    for (const r of responses.filter((r) => r.status !== 200)) await expectError(r, 400, "token_used");
    const db = await getDb();
    const sessions = await db
      .select()
      .from(tables.sessions)
      .where(eq(tables.sessions.userId, (await userRow(user.email)).id));
    expect(sessions).toHaveLength(1);
  });

  it("of 20 parallel uses of the right code, exactly one signs in", async () => {
    const user = await activeUser();
    const { code } = await requestSignInMail(user.email);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => verifySignIn({ email: user.email, code }, { tokenTransport: true })),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of responses.filter((r) => r.status !== 200)) await expectError(r, 400, "invalid_code");
  });

  it("a new request kills the previous link and code", async () => {
    const user = await activeUser();
    const first = await requestSignInMail(user.email);
    const second = await requestSignInMail(user.email);
    expect(second.token).not.toBe(first.token);
    await expectError(await verifySignIn({ token: first.token }), 400, "invalid_token");
    if (first.code !== second.code)
      await expectError(await verifySignIn({ email: user.email, code: first.code }), 400, "invalid_code");
    expect((await verifySignIn({ email: user.email, code: second.code })).status).toBe(200);
  });

  it("five wrong codes kill the code: the right one is refused after them, with the same answer", async () => {
    const user = await activeUser();
    const { code, token } = await requestSignInMail(user.email);
    const bodies: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await verifySignIn({ email: user.email, code: wrongCode(code) });
      await expectError(response, 400, "invalid_code");
      bodies.push(await response.text());
    }
    const right = await verifySignIn({ email: user.email, code });
    await expectError(right, 400, "invalid_code");
    expect(await right.text()).toBe(bodies[0]);
    expect((await signInRow(user.email)).attempts).toBe(5);
    const failures = (await auditEventsOf((await userRow(user.email)).id)).filter(
      (e) => e.event === "email_sign_in_failed",
    );
    expect(failures).toHaveLength(5);
    // The link is 256 random bits, not guessable like the code: it still works.
    expect((await verifySignIn({ token })).status).toBe(200);
  });

  it("a parallel burst of 50 guesses gets no more than five checks", async () => {
    const user = await activeUser();
    const { code } = await requestSignInMail(user.email);
    const guesses = Array.from({ length: 50 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0"));
    const responses = await Promise.all(guesses.map((guess) => verifySignIn({ email: user.email, code: guess })));
    for (const response of responses) await expectError(response, 400, "invalid_code");
    expect((await signInRow(user.email)).attempts).toBe(5);
    const checked = (await auditEventsOf((await userRow(user.email)).id)).filter(
      (e) => e.event === "email_sign_in_failed",
    );
    expect(checked).toHaveLength(5);
    await expectError(await verifySignIn({ email: user.email, code }), 400, "invalid_code");
  });

  it("a code works only for the address it was mailed to; unknown addresses answer the same", async () => {
    const alice = await activeUser();
    const bob = await activeUser();
    const { code: aliceCode } = await requestSignInMail(alice.email);
    const { code: bobCode } = await requestSignInMail(bob.email);
    const swapped = await verifySignIn({ email: bob.email, code: aliceCode });
    const unknown = await verifySignIn({ email: newUser().email, code: aliceCode });
    await expectError(unknown, 400, "invalid_code");
    if (aliceCode !== bobCode) {
      await expectError(swapped, 400, "invalid_code");
      expect(await swapped.text()).toBe(await unknown.text());
    }
    expect((await verifySignIn({ email: alice.email, code: aliceCode })).status).toBe(200);
  });

  it("an unknown or malformed link is invalid_token; a malformed code a field error", async () => {
    await expectError(await verifySignIn({ token: "x".repeat(43) }), 400, "invalid_token");
    await expectError(await verifySignIn({ token: "not a token!" }), 400, "validation_error", ["token"]);
    await expectError(await verifySignIn({ email: "a@example.test", code: "12345" }), 400, "validation_error", [
      "code",
    ]);
    await expectError(await verifySignIn({}), 400, "validation_error", ["email", "code"]);
  });

  it("refuses a disabled account, even with a live link", async () => {
    const user = await activeUser();
    const { token } = await requestSignInMail(user.email);
    await disable(user.email);
    await expectError(await verifySignIn({ token }), 403, "account_disabled");
  });

  it("verifies an unverified address, and the password chosen at sign-up stops working", async () => {
    const user = await registerUser();
    expect((await userRow(user.email)).emailVerified).toBe(false);
    const { token } = await requestSignInMail(user.email);
    expect((await verifySignIn({ token })).status).toBe(200);
    const row = await userRow(user.email);
    expect(row.emailVerified).toBe(true);
    await expectError(
      await post("/api/auth/login", { login: user.username, password: user.password }),
      401,
      "invalid_credentials",
    );
    const events = (await auditEventsOf(row.id)).map((e) => e.event);
    expect(events).toContain("email_verified");
  });

  it("a GET changes nothing (mail scanners follow links): 405, and the link still works", async () => {
    const user = await activeUser();
    const { token } = await requestSignInMail(user.email);
    await expectError(await get(`${EMAIL_PATHS.verify}?token=${token}`), 405, "method_not_allowed");
    expect((await signInRow(user.email)).usedAt).toBeNull();
    expect((await verifySignIn({ token })).status).toBe(200);
  });

  it("a browser's form post without JavaScript lands with a 303: /account signed in, or /login/email with the error", async () => {
    const user = await activeUser();
    const { token } = await requestSignInMail(user.email);
    const form = (body: string) =>
      call("POST", EMAIL_PATHS.verify, {
        body,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          accept: "text/html",
          origin: "http://localhost:3000",
        },
      });
    const ok = await form(`token=${token}`);
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/account");
    expect(ok.headers.getSetCookie().some((line) => /access/.test(line))).toBe(true);
    const again = await form(`token=${token}`);
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe("/login/email");
    expect(again.headers.getSetCookie().join()).toMatch(/flash/);
  });

  it("mails a code that a new browser later types: the whole flow through the latest mail", async () => {
    const user = await activeUser();
    await post(EMAIL_PATHS.request, { email: user.email });
    const { code } = await latestSignInMail(user.email);
    expect((await verifySignIn({ email: user.email, code })).status).toBe(200);
  });
});
