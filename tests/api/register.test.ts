import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, tables } from "@/db";
import { json, post } from "../helpers/http";
import { mailTo, newUser, registerUser, registrationBody } from "../helpers/users";

const REGISTER = "/api/auth/register";

async function userRow(email: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(tables.users)
    .where(sql`lower(${tables.users.email}) = ${email.toLowerCase()}`);
  return row;
}

async function userCount(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tables.users);
  return row!.n;
}

describe("POST /api/auth/register", () => {
  it("creates an unverified user and answers 201 with {detail, user}", async () => {
    const user = newUser({ first_name: "Travis", last_name: "Scott" });
    const response = await post(REGISTER, registrationBody(user));

    expect(response.status).toBe(201);
    const body = await json(response);
    expect(Object.keys(body).sort()).toEqual(["detail", "user"]);
    expect(body.detail).toEqual(expect.any(String));
    expect(body.user).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      username: user.username,
      email: user.email,
      first_name: "Travis",
      last_name: "Scott",
      bio: "",
      profile_picture: null,
      email_verified: false,
      date_joined: expect.any(String),
      last_login: null,
    });
    expect(JSON.stringify(body)).not.toContain(user.password);
  });

  it("stores an argon2id hash, never the password itself", async () => {
    const user = await registerUser();
    const row = await userRow(user.email);
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$/);
    expect(row?.passwordHash).not.toContain(user.password);
  });

  it("mails a verification link to the new address", async () => {
    const user = await registerUser();
    const [mail, ...others] = await mailTo(user.email);
    expect(others).toHaveLength(0);
    expect(mail?.subject).toMatch(/verify/i);
    expect(mail?.text).toMatch(/http:\/\/localhost:3000\/verify-email\?uid=[\w-]+&token=[\w-]{43}/);
  });

  it("normalises the email to lower case", async () => {
    const user = newUser();
    const response = await post(REGISTER, registrationBody({ ...user, email: user.email.toUpperCase() }));
    expect(response.status).toBe(201);
    expect((await json<{ user: { email: string } }>(response)).user.email).toBe(user.email);
  });

  it("rejects a username that is taken, in any case, as a field error", async () => {
    const first = await registerUser();
    const response = await post(REGISTER, registrationBody(newUser({ username: first.username.toUpperCase() })));

    expect(response.status).toBe(400);
    const body = await json(response);
    expect(body).toMatchObject({
      code: "validation_error",
      fields: { username: ["That username is taken."] },
    });
    expect(body.detail).toEqual(expect.any(String));
  });

  it("answers a registration with an existing email exactly like a fresh one and mails the owner instead", async () => {
    const owner = await registerUser();
    const before = await userCount();
    const fresh = await post(REGISTER, registrationBody(newUser()));
    const impostor = newUser({ email: owner.email.toUpperCase() });
    const duplicate = await post(REGISTER, registrationBody(impostor));

    expect(duplicate.status).toBe(fresh.status);
    const freshBody = await json<{ detail: string; user: Record<string, unknown> }>(fresh);
    const duplicateBody = await json<{ detail: string; user: Record<string, unknown> }>(duplicate);
    expect(duplicateBody.detail).toBe(freshBody.detail);
    expect(Object.keys(duplicateBody.user).sort()).toEqual(Object.keys(freshBody.user).sort());
    expect(duplicateBody.user).toMatchObject({
      username: impostor.username,
      email: owner.email,
      email_verified: false,
      last_login: null,
    });
    expect(duplicateBody.user.id).not.toBe((await userRow(owner.email))?.id);
    expect(await userCount()).toBe(before + 1);

    const [latest, verification] = await mailTo(owner.email);
    expect(latest?.subject).toMatch(/tried to sign up/i);
    expect(latest?.text).not.toContain("/verify-email?");
    expect(verification?.subject).toMatch(/verify/i);
    expect(await userRow(impostor.email).then((r) => r?.username)).toBe(owner.username);
  });

  it("rejects a common password", async () => {
    const response = await post(REGISTER, registrationBody(newUser({ password: "password123" })));
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({
      code: "validation_error",
      fields: { password: [expect.stringMatching(/too common/)] },
    });
  });

  it("rejects passwords that do not match", async () => {
    const user = newUser();
    const response = await post(REGISTER, { ...registrationBody(user), password2: `${user.password}x` });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({
      code: "validation_error",
      fields: { password2: ["The two passwords do not match."] },
    });
  });

  it("rejects a password too similar to the username", async () => {
    const user = newUser({ username: "moonwalker" });
    const response = await post(REGISTER, registrationBody({ ...user, password: "moonwalker1" }));
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({
      fields: { password: [expect.stringMatching(/too similar to your username/)] },
    });
  });

  it("reports every missing field at once", async () => {
    const response = await post(REGISTER, {});
    expect(response.status).toBe(400);
    const body = await json<{ code: string; fields: Record<string, string[]> }>(response);
    expect(body.code).toBe("validation_error");
    expect(Object.keys(body.fields)).toEqual(expect.arrayContaining(["username", "email", "password", "password2"]));
  });

  it("ignores server-owned fields such as email_verified, is_active and id", async () => {
    const user = newUser();
    const chosenId = "00000000-0000-4000-8000-000000000001";
    const response = await post(
      REGISTER,
      registrationBody(user, {
        email_verified: true,
        is_active: false,
        id: chosenId,
        date_joined: "2000-01-01T00:00:00Z",
      }),
    );

    expect(response.status).toBe(201);
    const { user: created } = await json<{ user: { id: string; email_verified: boolean; date_joined: string } }>(
      response,
    );
    expect(created.id).not.toBe(chosenId);
    expect(created.email_verified).toBe(false);
    expect(created.date_joined).not.toMatch(/^2000/);
    const row = await userRow(user.email);
    expect(row).toMatchObject({ id: created.id, emailVerified: false, isActive: true });
    const db = await getDb();
    expect(await db.select().from(tables.users).where(eq(tables.users.id, chosenId))).toHaveLength(0);
  });
});
