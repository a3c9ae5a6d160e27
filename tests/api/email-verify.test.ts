import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, tables } from "@/db";
import { issueOneTimeToken } from "@/lib/auth/one-time-token";
import { json, post } from "../helpers/http";
import { latestVerificationLink, registerUser, type TestUser } from "../helpers/users";

const VERIFY = "/api/auth/email-verify";

async function userRow(user: TestUser) {
  const db = await getDb();
  const [row] = await db.select().from(tables.users).where(eq(tables.users.email, user.email));
  return row!;
}

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = await json(response);
  expect(body).toMatchObject({ code, detail: expect.any(String) });
}

describe("POST /api/auth/email-verify", () => {
  it("verifies the address with the mailed uid and token", async () => {
    const user = await registerUser();
    const response = await post(VERIFY, await latestVerificationLink(user.email));

    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ detail: expect.any(String) });
    expect((await userRow(user)).emailVerified).toBe(true);
  });

  it("lets the verified user log in", async () => {
    const user = await registerUser();
    await post(VERIFY, await latestVerificationLink(user.email));
    const response = await post("/api/auth/login", { login: user.username, password: user.password });
    expect(response.status).toBe(200);
  });

  it("refuses a link that was already used", async () => {
    const user = await registerUser();
    const link = await latestVerificationLink(user.email);
    expect((await post(VERIFY, link)).status).toBe(200);
    await expectError(await post(VERIFY, link), 400, "token_used");
  });

  it("refuses an expired link and leaves the address unverified", async () => {
    const user = await registerUser();
    const link = await latestVerificationLink(user.email);
    const db = await getDb();
    await db
      .update(tables.oneTimeTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(tables.oneTimeTokens.userId, (await userRow(user)).id));

    await expectError(await post(VERIFY, link), 400, "token_expired");
    expect((await userRow(user)).emailVerified).toBe(false);
  });

  it("refuses a token presented with another user's uid", async () => {
    const alice = await registerUser();
    const bob = await registerUser();
    const aliceLink = await latestVerificationLink(alice.email);
    const bobLink = await latestVerificationLink(bob.email);

    await expectError(await post(VERIFY, { uid: bobLink.uid, token: aliceLink.token }), 400, "invalid_token");
    expect((await userRow(alice)).emailVerified).toBe(false);
    expect((await userRow(bob)).emailVerified).toBe(false);
  });

  it("refuses a uid that does not decode to a user id", async () => {
    const user = await registerUser();
    const { token } = await latestVerificationLink(user.email);
    await expectError(await post(VERIFY, { uid: "bm90LWEtdXVpZA", token }), 400, "invalid_token");
    await expectError(
      await post(VERIFY, { uid: Buffer.from(crypto.randomUUID()).toString("base64url"), token }),
      400,
      "invalid_token",
    );
  });

  it("refuses a tampered token", async () => {
    const user = await registerUser();
    const link = await latestVerificationLink(user.email);
    const tampered = `${link.token.slice(0, -2)}${link.token.endsWith("AA") ? "BB" : "AA"}`;
    await expectError(await post(VERIFY, { ...link, token: tampered }), 400, "invalid_token");
  });

  it("refuses a password-reset token for email verification", async () => {
    const user = await registerUser();
    const db = await getDb();
    const reset = await issueOneTimeToken(db, (await userRow(user)).id, "password_reset");
    await expectError(await post(VERIFY, reset), 400, "invalid_token");
    expect((await userRow(user)).emailVerified).toBe(false);
  });

  it("refuses a link superseded by a newer one, and accepts the newer one", async () => {
    const user = await registerUser();
    const old = await latestVerificationLink(user.email);
    const db = await getDb();
    const newer = await issueOneTimeToken(db, (await userRow(user)).id, "verify_email");

    await expectError(await post(VERIFY, old), 400, "invalid_token");
    expect((await post(VERIFY, newer)).status).toBe(200);
  });

  it("answers malformed or missing parts with field errors", async () => {
    const response = await post(VERIFY, { uid: "abc!", token: 42 });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({
      code: "validation_error",
      fields: { uid: expect.any(Array), token: expect.any(Array) },
    });
  });

  it("does not verify anyone for an unknown user", async () => {
    const response = await post(VERIFY, {
      uid: Buffer.from(crypto.randomUUID()).toString("base64url"),
      token: "A".repeat(43),
    });
    await expectError(response, 400, "invalid_token");
  });
});
