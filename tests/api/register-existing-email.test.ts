import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, tables } from "@/db";
import { auditEventsOf, loginAttempt, oneTimeTokensOf, userCount, userRow } from "../helpers/account";
import { json, post } from "../helpers/http";
import { activeUser, mailTo, newUser, registerUser, registrationBody, type TestUser } from "../helpers/users";

const REGISTER = "/api/auth/register";

/** The shape of a JSON value: keys and value types, recursively, without the values. */
function shapeOf(value: unknown): unknown {
  if (value === null) return "null";
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, shapeOf(v)]));
  }
  return typeof value;
}

async function tableCounts() {
  const db = await getDb();
  const count = async (table: typeof tables.users | typeof tables.sessions | typeof tables.oneTimeTokens) =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
  return {
    users: await count(tables.users),
    sessions: await count(tables.sessions),
    tokens: await count(tables.oneTimeTokens),
  };
}

describe("registering with an email that already has an account", () => {
  it.each([
    ["verified", activeUser],
    ["unverified", () => registerUser()],
  ] as [string, () => Promise<TestUser>][])(
    "answers a %s owner's address (in another case) exactly like a fresh sign-up",
    async (_, makeOwner) => {
      const owner = await makeOwner();
      const fresh = await post(REGISTER, registrationBody(newUser({ first_name: "Sheck", last_name: "Wes" })));
      const impostor = newUser({ email: owner.email.toUpperCase(), first_name: "Sheck", last_name: "Wes" });
      const duplicate = await post(REGISTER, registrationBody(impostor));

      expect(duplicate.status).toBe(201);
      expect(duplicate.status).toBe(fresh.status);
      expect(duplicate.headers.get("content-type")).toBe(fresh.headers.get("content-type"));
      expect(duplicate.headers.getSetCookie()).toEqual(fresh.headers.getSetCookie());
      const freshBody = await json<{ detail: string; user: Record<string, unknown> }>(fresh);
      const duplicateBody = await json<{ detail: string; user: Record<string, unknown> }>(duplicate);
      expect(shapeOf(duplicateBody)).toEqual(shapeOf(freshBody));
      expect(Object.keys(duplicateBody.user)).toEqual(Object.keys(freshBody.user));
      expect(duplicateBody.detail).toBe(freshBody.detail);
      // Field by field what a fresh account would look like: nothing of the real owner leaks.
      expect(duplicateBody.user).toMatchObject({
        username: impostor.username,
        email: owner.email,
        first_name: "Sheck",
        last_name: "Wes",
        bio: "",
        profile_picture: null,
        email_verified: false,
        last_login: null,
      });
      const ownerRow = await userRow(owner.email);
      expect(duplicateBody.user.id).not.toBe(ownerRow.id);
      expect(duplicateBody.user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Math.abs(Date.parse(String(duplicateBody.user.date_joined)) - Date.now())).toBeLessThan(60_000);
    },
  );

  it("writes no user, token or session, and leaves the owner's account untouched", async () => {
    const owner = await activeUser({ first_name: "Astro" });
    const rowBefore = await userRow(owner.email);
    const tokensBefore = await oneTimeTokensOf(rowBefore.id, "verify_email");
    const countsBefore = await tableCounts();
    const usersBefore = await userCount();

    const impostor = newUser({ email: owner.email.replace(/^./, (c) => c.toUpperCase()), first_name: "Mallory" });
    expect((await post(REGISTER, registrationBody(impostor))).status).toBe(201);

    expect(await userCount()).toBe(usersBefore);
    expect(await tableCounts()).toEqual(countsBefore);
    expect(await userRow(owner.email)).toEqual(rowBefore);
    expect(await oneTimeTokensOf(rowBefore.id, "verify_email")).toEqual(tokensBefore);
    // The impostor's password opens nothing; the owner's still works.
    await loginAttempt(owner.email, impostor.password).then((r) => expect(r.status).toBe(401));
    await loginAttempt(impostor.username, impostor.password).then((r) => expect(r.status).toBe(401));
    await loginAttempt(owner.email, owner.password).then((r) => expect(r.status).toBe(200));
    // The attempt is on the owner's record, for the security activity page.
    expect((await auditEventsOf(rowBefore.id)).map((e) => e.event)).toContain("register_existing_email");
  });

  it("mails the owner an 'account exists' notice without any verification link", async () => {
    const owner = await activeUser();
    const mailsBefore = (await mailTo(owner.email)).length;
    expect((await post(REGISTER, registrationBody(newUser({ email: owner.email.toUpperCase() })))).status).toBe(201);

    const mails = await mailTo(owner.email);
    expect(mails).toHaveLength(mailsBefore + 1);
    const [notice] = mails;
    expect(notice?.subject).toMatch(/tried to sign up/i);
    expect(notice?.text).toMatch(/already have an account/i);
    expect(notice?.text).toContain("http://localhost:3000/login");
    expect(notice?.text).toContain("http://localhost:3000/forgot-password");
    expect(notice?.text).not.toMatch(/verify-email\?|reset-password\?/);
  });

  it("still applies the same validation as a fresh sign-up (no shortcut that tells them apart)", async () => {
    const owner = await activeUser();
    const weak = await post(REGISTER, registrationBody(newUser({ email: owner.email, password: "password123" })));
    const weakFresh = await post(REGISTER, registrationBody(newUser({ password: "password123" })));
    expect(weak.status).toBe(400);
    expect(await weak.text()).toBe(await weakFresh.text());
  });
});
