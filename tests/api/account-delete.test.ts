import { eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, tables } from "@/db";
import { accountPseudonym } from "@/lib/auth/account-deletion";
import { api, expectError, loginAttempt, PATHS, signIn, userRow, type Transport } from "../helpers/account";
import { isDeletion, setCookiesOf } from "../helpers/cookies";
import { json, post } from "../helpers/http";
import { claimsOf } from "../helpers/tokens";
import { activeUser, loginForTokens, mailTo, registrationBody, type TokenPair } from "../helpers/users";

function deleteAccount(credentials: object, password: string): Promise<Response> {
  return api("DELETE", PATHS.user, { ...credentials, json: { password } });
}

/** PGlite answers execute() with { rows }, the postgres driver with the rows themselves. */
async function query<T>(statement: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await (await getDb()).execute(statement)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** Rows anywhere in the database that still name the user: every table with a user_id column. */
async function rowsNaming(userId: string): Promise<Record<string, number>> {
  const tablesWithUser = await query<{ table_name: string }>(
    sql`select table_name from information_schema.columns where column_name = 'user_id' and table_schema = current_schema()`,
  );
  expect(tablesWithUser.length).toBeGreaterThanOrEqual(5);
  const counts: Record<string, number> = {};
  for (const { table_name } of tablesWithUser) {
    const [row] = await query<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(table_name)} where user_id = ${userId}`,
    );
    if (row!.n > 0) counts[table_name] = row!.n;
  }
  const [orphans] = await query<{ n: number }>(
    sql`select count(*)::int as n from refresh_tokens r where not exists (select 1 from sessions s where s.id = r.session_id)`,
  );
  if (orphans!.n > 0) counts.orphan_refresh_tokens = orphans!.n;
  return counts;
}

async function deletionEvents(userId: string) {
  const db = await getDb();
  const rows = await db.select().from(tables.auditEvents).where(eq(tables.auditEvents.event, "account_deleted"));
  return rows.filter((row) => row.metadata?.pseudonym === accountPseudonym(userId));
}

describe.each(["bearer", "cookie"] as Transport[])("DELETE /api/auth/user over %s transport", (transport) => {
  it("deletes the account and everything hanging off it, ends every session and mails goodbye", async () => {
    const user = await activeUser({ first_name: "Travis", last_name: "Scott" });
    const { id } = await userRow(user.email);
    const caller = await signIn(user, transport);
    const other = await loginForTokens(user);
    // A pending email change, a reset link and a known device: all must go too.
    expect(
      (
        await api("POST", "/api/auth/email-change", {
          ...caller,
          json: { new_email: `n${id.slice(0, 8)}@example.test`, password: user.password },
        })
      ).status,
    ).toBe(200);
    expect((await api("POST", PATHS.passwordReset, { json: { email: user.email } })).status).toBe(200);

    const response = await deleteAccount(caller, user.password);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await json(response)).toEqual({ detail: expect.any(String) });
    const cookies = setCookiesOf(response);
    expect(isDeletion(cookies.get("aw_access")!)).toBe(true);
    expect(isDeletion(cookies.get("aw_refresh")!)).toBe(true);

    expect(await rowsNaming(id)).toEqual({});
    const db = await getDb();
    expect(await db.select().from(tables.users).where(eq(tables.users.id, id))).toHaveLength(0);
    await expectError(await api("GET", PATHS.user, caller), 401, "not_authenticated");
    await expectError(await api("GET", PATHS.user, { bearer: other.access }), 401, "not_authenticated");
    await expectError(
      await post(PATHS.refresh, { refresh: other.refresh }, { tokenTransport: true }),
      401,
      "invalid_refresh_token",
    );
    await expectError(await loginAttempt(user.username, user.password), 401, "invalid_credentials");

    const [goodbye] = await mailTo(user.email);
    expect(goodbye?.subject).toMatch(/account was deleted/i);
    expect(goodbye?.text).toContain(user.username);

    // The trail keeps that it happened, with a pseudonym and nothing personal.
    const [event, ...more] = await deletionEvents(id);
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({
      userId: null,
      ip: null,
      userAgent: null,
      metadata: { pseudonym: expect.any(String) },
    });
    const stored = JSON.stringify(event);
    for (const personal of [id, user.email, user.username, "Travis", "Scott", "203.0.113.7"])
      expect(stored).not.toContain(personal);
  });
});

describe("DELETE /api/auth/user", () => {
  it("refuses a wrong password in fields.password and keeps everything", async () => {
    const user = await activeUser();
    const caller = await signIn(user, "bearer");
    await expectError(await deleteAccount(caller, `${user.password}!`), 400, "validation_error", ["password"]);
    await expectError(await api("DELETE", PATHS.user, { ...caller, json: {} }), 400, "validation_error", ["password"]);
    expect((await api("GET", PATHS.user, caller)).status).toBe(200);
    expect((await mailTo(user.email)).filter((m) => /deleted/i.test(m.subject))).toHaveLength(0);
  });

  it("an account without a password (made by a provider) is told how to set one; nothing changes", async () => {
    const user = await activeUser();
    const caller = await signIn(user, "bearer");
    const db = await getDb();
    const { unusablePasswordHash } = await import("@/lib/auth/password");
    await db
      .update(tables.users)
      .set({ passwordHash: unusablePasswordHash() })
      .where(eq(tables.users.email, user.email));
    const refused = await expectError(await deleteAccount(caller, user.password), 400, "validation_error", [
      "password",
    ]);
    expect(refused.fields!.password!.join(" ")).toMatch(/no password yet/i);
    const change = await api("POST", "/api/auth/email-change", {
      ...caller,
      json: { new_email: `x${Date.now()}@example.test`, password: "anything-at-all" },
    });
    const changeBody = await expectError(change, 400, "validation_error", ["password"]);
    expect(changeBody.fields!.password!.join(" ")).toMatch(/no password yet/i);
    expect((await api("GET", PATHS.user, caller)).status).toBe(200);
  });

  it("works as a browser form post without JavaScript: 303 to /goodbye, or back to the question", async () => {
    const user = await activeUser();
    const { id } = await userRow(user.email);
    const { jar } = (await signIn(user, "cookie")) as { jar: Map<string, string> };
    const form = (password: string) =>
      api("POST", "/api/auth/user/delete", {
        jar,
        body: new URLSearchParams({ password }).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      });
    const refused = await form("not the password");
    expect(refused.status).toBe(303);
    expect(refused.headers.get("location")).toBe("/account?confirm=delete-account#delete-question");
    expect((await api("GET", PATHS.user, { jar })).status).toBe(200);

    const done = await form(user.password);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/goodbye");
    expect(isDeletion(setCookiesOf(done).get("aw_access")!)).toBe(true);
    expect(await rowsNaming(id)).toEqual({});
  });

  it("needs a live session", async () => {
    await expectError(
      await api("DELETE", PATHS.user, { json: { password: "whatever-it-is" } }),
      401,
      "not_authenticated",
    );
  });

  it("of parallel deletions one deletes; the rest find nobody; one event, one goodbye", async () => {
    const user = await activeUser();
    const { id } = await userRow(user.email);
    const caller = await signIn(user, "bearer");
    const answers = await Promise.all(Array.from({ length: 10 }, () => deleteAccount(caller, user.password)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const answer of answers.filter((a) => a.status !== 200)) await expectError(answer, 401, "not_authenticated");
    expect(await deletionEvents(id)).toHaveLength(1);
    expect((await mailTo(user.email)).filter((m) => /deleted/i.test(m.subject))).toHaveLength(1);
  });

  it("a refresh racing the deletion never leaves a live session", async () => {
    const user = await activeUser();
    const { id } = await userRow(user.email);
    const pairs: TokenPair[] = [];
    for (let i = 0; i < 5; i++) pairs.push(await loginForTokens(user));
    const caller = { bearer: pairs[0]!.access };

    const refreshes = pairs.flatMap((pair) =>
      Array.from({ length: 6 }, () => post(PATHS.refresh, { refresh: pair.refresh }, { tokenTransport: true })),
    );
    const [deleted, ...answers] = await Promise.all([deleteAccount(caller, user.password), ...refreshes]);
    expect(deleted!.status, await deleted!.clone().text()).toBe(200);

    // Whatever a refresh got before the deletion committed is dead now.
    for (const answer of answers.filter((a) => a.status === 200)) {
      const next = await json<TokenPair>(answer);
      await expectError(await api("GET", PATHS.user, { bearer: next.access }), 401, "not_authenticated");
      await expectError(
        await post(PATHS.refresh, { refresh: next.refresh }, { tokenTransport: true }),
        401,
        "invalid_refresh_token",
      );
      expect(claimsOf(next.access).sub).toBe(id);
    }
    for (const answer of answers.filter((a) => a.status !== 200)) expect([401, 429]).toContain(answer.status);
    expect(await rowsNaming(id)).toEqual({});
  });

  it("frees the username and the address, and the pseudonym is keyed (not a plain hash of the id)", async () => {
    const user = await activeUser();
    const { id } = await userRow(user.email);
    expect((await deleteAccount(await signIn(user, "bearer"), user.password)).status).toBe(200);
    const again = await post("/api/auth/register", registrationBody(user));
    expect(again.status, await again.clone().text()).toBe(201);
    const { createHash } = await import("node:crypto");
    const pseudonym = accountPseudonym(id);
    expect(pseudonym).not.toBe(createHash("sha256").update(id).digest("base64url"));
    expect(pseudonym).toBe(accountPseudonym(id));
    expect(pseudonym).not.toBe(accountPseudonym((await userRow(user.email)).id));
    const db = await getDb();
    const orphans = await db.select().from(tables.auditEvents).where(isNull(tables.auditEvents.userId));
    expect(orphans.every((e) => e.event !== "account_deleted" || (e.ip === null && e.userAgent === null))).toBe(true);
  });
});
