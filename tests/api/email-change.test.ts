import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, tables } from "@/db";
import { emailChangeLinkState } from "@/lib/auth/email-change";
import {
  api,
  auditEventsOf,
  expectError,
  loginAttempt,
  PATHS,
  requestResetLink,
  signIn,
  strongPassword,
  userRow,
  type Credentials,
  type Transport,
} from "../helpers/account";
import { isDeletion, setCookiesOf } from "../helpers/cookies";
import { json, post } from "../helpers/http";
import { activeUser, loginForTokens, mailTo, newUser, type LinkToken, type TestUser } from "../helpers/users";

const CHANGE = "/api/auth/email-change";
const CONFIRM = "/api/auth/email-change/confirm";
const REVERT = "/api/auth/email-change/revert";

function askChange(credentials: Credentials, newEmail: string, password: string): Promise<Response> {
  return api("POST", CHANGE, { ...credentials, json: { new_email: newEmail, password } });
}

/** The `{uid, token}` of the newest mail to `email` whose link goes to `path`. */
async function linkIn(email: string, path: string): Promise<LinkToken> {
  const mail = (await mailTo(email)).find((m) => m.text.includes(`${path}?`));
  if (!mail) throw new Error(`No ${path} mail to ${email}`);
  const href = new RegExp(`https?://\\S+${path}\\?[^\\s)\\]"'<>]+`).exec(mail.text)![0];
  const url = new URL(href.replaceAll("&amp;", "&"));
  return { uid: url.searchParams.get("uid") ?? "", token: url.searchParams.get("token") ?? "" };
}

const confirmLink = (email: string) => linkIn(email, "/email-change/confirm");
const revertLink = (email: string) => linkIn(email, "/email-change/revert");

/** A verified account signed in with `transport`, that asked to move to a fresh address. */
async function pendingChange(transport: Transport = "bearer") {
  const user = await activeUser();
  const credentials = await signIn(user, transport);
  const target = newUser().email;
  const response = await askChange(credentials, target, user.password);
  expect(response.status, await response.clone().text()).toBe(200);
  return { user, credentials, target, link: await confirmLink(target) };
}

async function confirmedChange() {
  const pending = await pendingChange();
  const response = await post(CONFIRM, pending.link);
  expect(response.status, await response.clone().text()).toBe(200);
  return { ...pending, revert: await revertLink(pending.user.email) };
}

async function expire(link: LinkToken) {
  const db = await getDb();
  const userId = Buffer.from(link.uid, "base64url").toString();
  await db
    .update(tables.oneTimeTokens)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(and(eq(tables.oneTimeTokens.userId, userId), sql`${tables.oneTimeTokens.usedAt} is null`));
}

const events = async (user: TestUser | string) =>
  (await auditEventsOf(typeof user === "string" ? user : (await userRow(user.email)).id)).map((e) => e.event);

describe.each(["bearer", "cookie"] as Transport[])("email change over %s transport", (transport) => {
  it("mails a link to the new address; the old one stays in force until it is opened", async () => {
    const { user, target } = await pendingChange(transport);
    const row = await userRow(user.email);
    expect(row.email).toBe(user.email);
    expect((await loginAttempt(user.email, user.password)).status).toBe(200);
    const [mail] = await mailTo(target);
    expect(mail?.subject).toMatch(/confirm your new/i);
    expect(await events(user)).toContain("email_change_requested");
  });

  it("confirming changes the address (still verified) and mails the old one a revert link", async () => {
    const { user, target, link, credentials } = await pendingChange(transport);
    const response = await post(CONFIRM, link);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ detail: expect.any(String) });
    const row = await userRow(target);
    expect(row.emailVerified).toBe(true);
    expect((await loginAttempt(target, user.password)).status).toBe(200);
    await expectError(await loginAttempt(user.email, user.password), 401, "invalid_credentials");
    const [notice] = await mailTo(user.email);
    expect(notice?.subject).toMatch(/email address was changed/i);
    expect(notice?.text).toContain(target);
    expect(notice?.text).toContain("/email-change/revert?");
    // The session that asked keeps working; the account page shows the new address.
    const me = await json<{ email: string }>(await api("GET", PATHS.user, credentials));
    expect(me.email).toBe(target);
    expect(await events(row.id)).toContain("email_changed");
  });
});

describe("POST /api/auth/email-change", () => {
  it("refuses a wrong password in fields.password and sends nothing", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "bearer");
    const target = newUser().email;
    await expectError(await askChange(credentials, target, `${user.password}x`), 400, "validation_error", ["password"]);
    expect(await mailTo(target)).toHaveLength(0);
    expect(await events(user)).not.toContain("email_change_requested");
  });

  it("refuses the current address and a malformed one, and needs a session", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "bearer");
    await expectError(await askChange(credentials, user.email.toUpperCase(), user.password), 400, "validation_error", [
      "new_email",
    ]);
    await expectError(await askChange(credentials, "not-an-address", user.password), 400, "validation_error", [
      "new_email",
    ]);
    await expectError(
      await api("POST", CHANGE, { json: { new_email: "a@b.test", password: "x" } }),
      401,
      "not_authenticated",
    );
  });

  it("answers a taken address exactly like a free one, mails its owner and changes nothing", async () => {
    const owner = await activeUser();
    const asker = await activeUser();
    const credentials = await signIn(asker, "bearer");
    const freeTarget = newUser().email;

    const taken = await askChange(credentials, owner.email, asker.password);
    const takenBody = await json<{ detail: string }>(taken);
    const free = await askChange(credentials, freeTarget, asker.password);
    const freeBody = await json<{ detail: string }>(free);
    expect(taken.status).toBe(free.status);
    expect(takenBody.detail.replace(owner.email, "X")).toBe(freeBody.detail.replace(freeTarget, "X"));
    expect([...taken.headers.keys()].sort()).toEqual([...free.headers.keys()].sort());

    const ownerMail = await mailTo(owner.email);
    expect(ownerMail[0]?.subject).toMatch(/someone tried to move to your email/i);
    expect(ownerMail[0]?.text).not.toContain(asker.email);
    expect(ownerMail.some((m) => m.text.includes("/email-change/confirm?"))).toBe(false);
    expect((await userRow(asker.email)).email).toBe(asker.email);
    expect((await userRow(owner.email)).id).not.toBe((await userRow(asker.email)).id);
  });

  it("works as a browser form post without JavaScript: a 303 back to /account, the link mailed", async () => {
    const user = await activeUser();
    const { jar } = (await signIn(user, "cookie")) as { jar: Map<string, string> };
    const target = newUser().email;
    const response = await api("POST", CHANGE, {
      jar,
      body: new URLSearchParams({ new_email: target, password: user.password }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/account");
    const flash = setCookiesOf(response).get("aw_flash")!.value;
    expect(JSON.parse(Buffer.from(flash, "base64url").toString())).toMatchObject({
      page: "/account",
      form: "email",
      ok: true,
    });
    await confirmLink(target);
  });

  it("a new request replaces the pending one: the older link is dead", async () => {
    const { user, credentials, link } = await pendingChange();
    const second = newUser().email;
    expect((await askChange(credentials, second, user.password)).status).toBe(200);
    await expectError(await post(CONFIRM, link), 400, "invalid_token");
    expect((await post(CONFIRM, await confirmLink(second))).status).toBe(200);
    expect((await userRow(second)).id).toBeTruthy();
  });

  it("a request for a taken address also kills the pending link (its fate tells nothing)", async () => {
    const owner = await activeUser();
    const { user, credentials, link } = await pendingChange();
    expect((await askChange(credentials, owner.email, user.password)).status).toBe(200);
    await expectError(await post(CONFIRM, link), 400, "invalid_token");
  });

  it("a password change or reset kills a pending change", async () => {
    const first = await pendingChange();
    const changed = await api("POST", PATHS.passwordChange, {
      ...first.credentials,
      json: {
        current_password: first.user.password,
        new_password: "Zenith-Arc-77!q",
        new_password2: "Zenith-Arc-77!q",
      },
    });
    expect(changed.status, await changed.clone().text()).toBe(200);
    await expectError(await post(CONFIRM, first.link), 400, "invalid_token");

    const second = await pendingChange();
    const reset = await requestResetLink(second.user.email);
    const password = strongPassword();
    const done = await api("POST", PATHS.passwordResetConfirm, {
      json: { ...reset, new_password: password, new_password2: password },
    });
    expect(done.status, await done.clone().text()).toBe(200);
    await expectError(await post(CONFIRM, second.link), 400, "invalid_token");
  });
});

describe("POST /api/auth/email-change/confirm", () => {
  it("refuses a reused, an expired, a forged and another user's link", async () => {
    const { link } = await confirmedChange();
    await expectError(await post(CONFIRM, link), 400, "token_used");

    const expiring = await pendingChange();
    await expire(expiring.link);
    await expectError(await post(CONFIRM, expiring.link), 400, "token_expired");
    expect((await userRow(expiring.user.email)).email).toBe(expiring.user.email);

    const mine = await pendingChange();
    const other = await pendingChange();
    await expectError(await post(CONFIRM, { uid: mine.link.uid, token: other.link.token }), 400, "invalid_token");
    await expectError(await post(CONFIRM, { uid: mine.link.uid, token: "A".repeat(43) }), 400, "invalid_token");
    expect((await userRow(mine.user.email)).email).toBe(mine.user.email);
  });

  it("a confirmation link is no revert link, and a revert link no confirmation link", async () => {
    const pending = await pendingChange();
    await expectError(await post(REVERT, pending.link), 400, "invalid_token");
    const done = await confirmedChange();
    await expectError(await post(CONFIRM, done.revert), 400, "invalid_token");
    expect((await userRow(done.target)).id).toBeTruthy();
  });

  it("of parallel confirmations exactly one changes the address and one notice goes out", async () => {
    const { user, link, target } = await pendingChange();
    // From many addresses, so the per-IP limit does not decide the race.
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post(CONFIRM, link, { headers: { "x-forwarded-for": `198.51.100.${i + 1}` } }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    for (const answer of answers.filter((a) => a.status !== 200)) await expectError(answer, 400, "token_used");
    expect((await userRow(target)).id).toBeTruthy();
    expect((await mailTo(user.email)).filter((m) => /was changed/i.test(m.subject))).toHaveLength(1);
    expect((await events(await (await userRow(target)).id)).filter((e) => e === "email_changed")).toHaveLength(1);
  });

  it("answers 409 email_unavailable when the address was taken meanwhile; nothing is lost, the link stays", async () => {
    const { user, link, target } = await pendingChange();
    // Someone signs up with the address before the link is opened.
    const squatter = newUser({ email: target });
    expect((await post("/api/auth/register", { ...squatter, password2: squatter.password })).status).toBe(201);
    await expectError(await post(CONFIRM, link), 409, "email_unavailable");
    const row = await userRow(user.email);
    expect(row.email).toBe(user.email);
    expect(row.emailVerified).toBe(true);
    // Once the address is free again the same link still works.
    const db = await getDb();
    await db.delete(tables.users).where(sql`lower(${tables.users.email}) = ${target}`);
    expect((await post(CONFIRM, link)).status).toBe(200);
  });
});

describe("POST /api/auth/email-change/revert", () => {
  it("restores the old address, signs out every session and forgets known devices", async () => {
    const { user, revert, target, credentials } = await confirmedChange();
    const otherPair = await loginForTokens({ ...user, email: target });
    const db = await getDb();
    const userId = (await userRow(target)).id;
    await db
      .insert(tables.knownDevices)
      .values({ tokenHash: `device-${userId}`, userId, expiresAt: new Date(Date.now() + 3600_000) });

    const response = await post(REVERT, revert);
    expect(response.status, await response.clone().text()).toBe(200);
    const cleared = setCookiesOf(response);
    expect(isDeletion(cleared.get("aw_access")!)).toBe(true);
    expect(isDeletion(cleared.get("aw_refresh")!)).toBe(true);

    const row = await userRow(user.email);
    expect(row.id).toBe(userId);
    expect(row.emailVerified).toBe(true);
    await expectError(await api("GET", PATHS.user, credentials), 401, "not_authenticated");
    await expectError(await api("GET", PATHS.user, { bearer: otherPair.access }), 401, "not_authenticated");
    await expectError(
      await post(PATHS.refresh, { refresh: otherPair.refresh }, { tokenTransport: true }),
      401,
      "session_revoked",
    );
    expect(await db.select().from(tables.knownDevices).where(eq(tables.knownDevices.userId, userId))).toHaveLength(0);
    expect(await events(userId)).toContain("email_change_reverted");
    await expectError(await post(REVERT, revert), 400, "token_used");
  });

  it("kills a reset link and a pending change someone made with the new address", async () => {
    const { user, revert, target } = await confirmedChange();
    const reset = await requestResetLink(target);
    const attacker = await signIn({ ...user, email: target }, "bearer");
    const next = newUser().email;
    expect((await askChange(attacker, next, user.password)).status).toBe(200);
    const pending = await confirmLink(next);

    expect((await post(REVERT, revert)).status).toBe(200);
    const password = strongPassword();
    await expectError(
      await api("POST", PATHS.passwordResetConfirm, {
        json: { ...reset, new_password: password, new_password2: password },
      }),
      400,
      "invalid_token",
    );
    await expectError(await post(CONFIRM, pending), 400, "invalid_token");
    expect((await userRow(user.email)).email).toBe(user.email);
  });

  it("after a later change, the first revert link still restores the first address and kills the later ones", async () => {
    const { user, revert: firstRevert, target: second, credentials } = await confirmedChange();
    const third = newUser().email;
    expect((await askChange(credentials, third, user.password)).status).toBe(200);
    expect((await post(CONFIRM, await confirmLink(third))).status).toBe(200);
    const secondRevert = await revertLink(second);

    // The holder of the second address cannot cancel the owner's way back by reverting first.
    expect((await post(REVERT, secondRevert)).status).toBe(200);
    expect((await userRow(second)).id).toBeTruthy();
    expect((await post(REVERT, firstRevert)).status).toBe(200);
    expect((await userRow(user.email)).email).toBe(user.email);

    // And the other way round: reverting the first change kills the later change's revert link.
    const again = await confirmedChange();
    const fourth = newUser().email;
    const session = await signIn({ ...again.user, email: again.target }, "bearer");
    expect((await askChange(session, fourth, again.user.password)).status).toBe(200);
    expect((await post(CONFIRM, await confirmLink(fourth))).status).toBe(200);
    const laterRevert = await revertLink(again.target);
    expect((await post(REVERT, again.revert)).status).toBe(200);
    await expectError(await post(REVERT, laterRevert), 400, "invalid_token");
    expect((await userRow(again.user.email)).email).toBe(again.user.email);
  });

  it("refuses an expired link and answers 409 when the old address was taken meanwhile", async () => {
    const expiring = await confirmedChange();
    await expire(expiring.revert);
    await expectError(await post(REVERT, expiring.revert), 400, "token_expired");
    expect((await userRow(expiring.target)).id).toBeTruthy();

    const { user, revert, target } = await confirmedChange();
    const squatter = newUser({ email: user.email });
    expect((await post("/api/auth/register", { ...squatter, password2: squatter.password })).status).toBe(201);
    await expectError(await post(REVERT, revert), 409, "email_unavailable");
    expect((await userRow(target)).emailVerified).toBe(true);
  });

  it("works as a browser form post without JavaScript: a 303 back to the page with the outcome", async () => {
    const { revert } = await confirmedChange();
    const response = await api("POST", REVERT, {
      body: new URLSearchParams({ ...revert }).toString(),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        accept: "text/html",
        origin: "http://localhost:3000",
      },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/email-change/revert");
    const failed = await api("POST", REVERT, {
      body: new URLSearchParams({ ...revert }).toString(),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        accept: "text/html",
        origin: "http://localhost:3000",
      },
    });
    expect(failed.status).toBe(303);
    expect(failed.headers.get("location")).toMatch(/^\/email-change\/revert\?uid=.+&token=.+/);
  });
});

describe("the link pages' check on arrival", () => {
  const stateOf = async (link: LinkToken, purpose: "email_change" | "email_change_revert") =>
    emailChangeLinkState(await getDb(), link, purpose);

  it("names the address a live link would put on the account, and changes nothing", async () => {
    const { user, target, link } = await pendingChange();
    expect(await stateOf(link, "email_change")).toEqual({ ok: true, address: target });
    // Looking twice, in parallel, leaves the link as it was: it still confirms once.
    await Promise.all(Array.from({ length: 20 }, () => stateOf(link, "email_change")));
    expect((await userRow(user.email)).email).toBe(user.email);
    expect((await post(CONFIRM, link)).status).toBe(200);
    const revert = await revertLink(user.email);
    expect(await stateOf(revert, "email_change_revert")).toEqual({ ok: true, address: user.email });
  });

  it("says why a dead link is dead, without naming any address", async () => {
    const { link } = await confirmedChange();
    expect(await stateOf(link, "email_change")).toEqual({ ok: false, code: "token_used" });
    // A confirmation link is no revert link; a forged token and a made-up uid look alike.
    expect(await stateOf(link, "email_change_revert")).toEqual({ ok: false, code: "invalid_token" });
    expect(await stateOf({ ...link, token: "x".repeat(43) }, "email_change")).toEqual({
      ok: false,
      code: "invalid_token",
    });
    expect(await stateOf({ uid: "bm9ib2R5", token: link.token }, "email_change")).toEqual({
      ok: false,
      code: "invalid_token",
    });
    const pending = await pendingChange();
    await expire(pending.link);
    expect(await stateOf(pending.link, "email_change")).toEqual({ ok: false, code: "token_expired" });
  });
});
