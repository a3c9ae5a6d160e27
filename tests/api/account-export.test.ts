import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, tables } from "@/db";
import { accountExportSchema } from "@/lib/schemas/account-lifecycle";
import { api, expectError, PATHS, signIn, userRow, type Transport } from "../helpers/account";
import { json } from "../helpers/http";
import { claimsOf } from "../helpers/tokens";
import { activeUser, loginForTokens, newUser } from "../helpers/users";

const EXPORT = "/api/auth/user/export";

describe.each(["bearer", "cookie"] as Transport[])("GET /api/auth/user/export over %s transport", (transport) => {
  it("downloads the profile, sessions and audit events as a JSON attachment", async () => {
    const user = await activeUser({ first_name: "Stormi" });
    const caller = await signIn(user, transport);
    const response = await api("GET", EXPORT, caller);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="astroworld-account-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const data = accountExportSchema.parse(await json(response));
    expect(data.profile).toMatchObject({ username: user.username, email: user.email, first_name: "Stormi" });
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(data.audit_events.map((e) => e.event)).toEqual(expect.arrayContaining(["register", "login_success"]));
    expect(data.pending_email_change).toBeNull();
  });
});

describe("GET /api/auth/user/export", () => {
  it("holds no secret: no password hash, token, token hash or signing key", async () => {
    const user = await activeUser();
    const pair = await loginForTokens(user);
    const target = newUser().email;
    const asked = await api("POST", "/api/auth/email-change", {
      bearer: pair.access,
      json: { new_email: target, password: user.password },
    });
    expect(asked.status).toBe(200);
    await api("POST", PATHS.passwordReset, { json: { email: user.email } });

    const text = await (await api("GET", EXPORT, { bearer: pair.access })).text();
    const data = accountExportSchema.parse(JSON.parse(text));
    expect(data.pending_email_change).toEqual({ new_email: target, expires_at: expect.any(String) });
    expect(data.sessions.map((s) => s.id)).toContain(claimsOf(pair.access).sid);

    const row = await userRow(user.email);
    const db = await getDb();
    const tokens = await db.select().from(tables.oneTimeTokens).where(eq(tables.oneTimeTokens.userId, row.id));
    const refreshRows = await db.select().from(tables.refreshTokens);
    const secrets = [
      row.passwordHash,
      user.password,
      pair.access,
      pair.refresh,
      claimsOf(pair.refresh).jti,
      ...tokens.map((t) => t.tokenHash),
      ...refreshRows.map((t) => t.jtiHash),
      JSON.parse(process.env.AUTH_SIGNING_KEY!).d as string,
    ];
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/\$argon2|password_hash|token_hash|jti/i);
  });

  it("needs a live session", async () => {
    await expectError(await api("GET", EXPORT), 401, "not_authenticated");
  });
});
