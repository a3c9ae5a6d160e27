// An account without a password (made by a provider sign-in) confirms a new email address or
// its deletion with a code mailed to it (POST /api/auth/reauth-code) instead: the code's
// single use, attempts, lifetime and binding to the account, as an attacker would test them.
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb, tables } from "@/db";
import { unusablePasswordHash } from "@/lib/auth/password";
import { flashCookieName, readFlash } from "@/lib/http/flash";
import { CODE_ATTEMPTS } from "@/lib/auth/mailed-code";
import { api, expectError, PATHS, signIn, type Credentials } from "../helpers/account";
import { setCookiesOf } from "../helpers/cookies";
import { activeUser, mailTo, newUser, type TestUser } from "../helpers/users";

vi.hoisted(() => {
  // Bursts here are about the code's own attempt count, not the per-user limit in front of it.
  process.env.RATE_LIMIT_PASSWORD_CHANGE = "1000/60";
});

const REAUTH = "/api/auth/reauth-code";
const CHANGE = "/api/auth/email-change";

/** A signed-in account whose password was never set (as a GitHub or Google sign-up leaves it). */
async function passwordless(): Promise<{ user: TestUser; caller: Credentials }> {
  const user = await activeUser();
  const caller = await signIn(user, "bearer");
  const db = await getDb();
  await db.update(tables.users).set({ passwordHash: unusablePasswordHash() }).where(eq(tables.users.email, user.email));
  return { user, caller };
}

/** Asks for a code and reads it from the newest such mail. */
async function mailedCode(user: TestUser, caller: Credentials): Promise<string> {
  const before = (await mailTo(user.email)).length;
  const response = await api("POST", REAUTH, caller);
  expect(response.status, await response.clone().text()).toBe(200);
  const mails = (await mailTo(user.email)).filter((m) => m.subject === "Your ASTROWORLD confirmation code");
  expect(mails.length).toBeGreaterThan(0);
  expect((await mailTo(user.email)).length).toBe(before + 1);
  // Newest first.
  return /Confirmation code: (\d{6})/.exec(mails[0]!.text)![1]!;
}

const changeEmail = (caller: Credentials, proof: object, newEmail = newUser().email) =>
  api("POST", CHANGE, { ...caller, json: { new_email: newEmail, ...proof } });

const accountExists = async (email: string) =>
  (await (await getDb()).select().from(tables.users).where(eq(tables.users.email, email))).length === 1;

describe("a mailed code instead of the password", () => {
  it("confirms an email change, then the account's deletion, each code once", async () => {
    const { user, caller } = await passwordless();
    const target = newUser().email;
    const code = await mailedCode(user, caller);
    const changed = await changeEmail(caller, { code }, target);
    expect(changed.status, await changed.clone().text()).toBe(200);
    expect((await mailTo(target)).some((m) => m.text.includes("/email-change/confirm?"))).toBe(true);
    // Used: the same code no longer confirms anything.
    await expectError(await changeEmail(caller, { code }), 400, "validation_error", ["code"]);
    await expectError(await api("DELETE", PATHS.user, { ...caller, json: { code } }), 400, "validation_error", [
      "code",
    ]);
    expect(await accountExists(user.email)).toBe(true);

    const second = await mailedCode(user, caller);
    const deleted = await api("DELETE", PATHS.user, { ...caller, json: { code: second } });
    expect(deleted.status, await deleted.clone().text()).toBe(200);
    expect(await accountExists(user.email)).toBe(false);
  });

  it("of 30 parallel uses of one code, one confirms", async () => {
    const { user, caller } = await passwordless();
    const code = await mailedCode(user, caller);
    const answers = await Promise.all(Array.from({ length: 30 }, () => changeEmail(caller, { code })));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 400)).toHaveLength(29);
  });

  it(`dies after ${CODE_ATTEMPTS} wrong tries, also when they come as one parallel burst`, async () => {
    const { user, caller } = await passwordless();
    const code = await mailedCode(user, caller);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const burst = await Promise.all(Array.from({ length: 40 }, () => changeEmail(caller, { code: wrong })));
    expect(burst.every((r) => r.status === 400)).toBe(true);
    // The attempts are spent: now the right code is refused too, and a new one is needed.
    await expectError(await changeEmail(caller, { code }), 400, "validation_error", ["code"]);
    expect((await changeEmail(caller, { code: await mailedCode(user, caller) })).status).toBe(200);
  });

  it("is refused once expired, once replaced by a newer code, and on another account", async () => {
    const { user, caller } = await passwordless();
    const first = await mailedCode(user, caller);
    const second = await mailedCode(user, caller);
    if (first !== second)
      await expectError(await changeEmail(caller, { code: first }), 400, "validation_error", ["code"]);

    const other = await passwordless();
    await expectError(await changeEmail(other.caller, { code: second }), 400, "validation_error", ["code"]);

    const db = await getDb();
    const [row] = await db.select({ id: tables.users.id }).from(tables.users).where(eq(tables.users.email, user.email));
    await db
      .update(tables.reauthCodes)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(tables.reauthCodes.userId, row!.id));
    await expectError(await changeEmail(caller, { code: second }), 400, "validation_error", ["code"]);
  });

  it("tells an account without a password to ask for a code, and asks for the password when neither is sent", async () => {
    const { caller } = await passwordless();
    const refused = await expectError(await changeEmail(caller, { password: "guess" }), 400, "validation_error", [
      "password",
    ]);
    expect(refused.fields!.password!.join(" ")).toMatch(/ask for a code by email/);
    await expectError(await changeEmail(caller, {}), 400, "validation_error", ["password"]);
    await expectError(await changeEmail(caller, { code: "12ab56" }), 400, "validation_error", ["code"]);
  });

  it("is mailed only to a signed-in account's own address, within its mail limit", async () => {
    expect((await api("POST", REAUTH, {})).status).toBe(401);
    const { user, caller } = await passwordless();
    const answers = await Promise.all(Array.from({ length: 12 }, () => api("POST", REAUTH, caller)));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    // The address's resend limit (5 an hour) caps the mails, whatever the answers said.
    const codes = (await mailTo(user.email)).filter((m) => m.subject === "Your ASTROWORLD confirmation code");
    expect(codes.length).toBeLessThanOrEqual(5);
  });

  it("asked for by a form post without JavaScript: a 303 back to the form that asked, the code never echoed", async () => {
    const user = await activeUser();
    const { jar } = (await signIn(user, "cookie")) as { jar: Map<string, string> };
    const next = "/account?confirm=delete-account#delete-question";
    const answer = await api("POST", REAUTH, {
      jar,
      body: new URLSearchParams({ section: "delete", next, code: "123456" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe(next);
    const sent = readFlash(setCookiesOf(answer).get(flashCookieName())!.value, "/account")!;
    expect(sent).toMatchObject({ form: "reauth", values: { section: "delete" } });
    expect(sent.detail).toContain(user.email);
    expect(sent.ok).toBe(true);
    expect(JSON.stringify(sent.values)).not.toContain("123456");
    expect((await mailTo(user.email)).some((m) => m.subject === "Your ASTROWORLD confirmation code")).toBe(true);
  });
});
