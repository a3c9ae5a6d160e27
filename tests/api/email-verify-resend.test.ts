import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, tables } from "@/db";
import { api, expectError, oneTimeTokensOf, PATHS, userRow } from "../helpers/account";
import { json, post } from "../helpers/http";
import { activeUser, latestVerificationLink, mailTo, newUser, registerUser } from "../helpers/users";

function resend(email: unknown): Promise<Response> {
  return api("POST", PATHS.resend, { json: { email } });
}

function verificationMails(email: string) {
  return mailTo(email).then((mails) => mails.filter((m) => m.text.includes("/verify-email?")));
}

describe("POST /api/auth/email-verify/resend", () => {
  it("answers the same for unknown, verified, unverified and disabled addresses", async () => {
    const verified = await activeUser();
    const unverified = await registerUser();
    const disabled = await registerUser();
    await (
      await getDb()
    )
      .update(tables.users)
      .set({ isActive: false })
      .where(eq(tables.users.id, (await userRow(disabled.email)).id));

    const responses = await Promise.all(
      [newUser().email, verified.email, unverified.email, disabled.email, unverified.email.toUpperCase()].map(resend),
    );
    const answers = await Promise.all(
      responses.map(async (r) => ({ status: r.status, body: await r.text(), cookies: r.headers.getSetCookie() })),
    );
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]!.status).toBe(200);
    expect(JSON.parse(answers[0]!.body)).toEqual({ detail: expect.any(String) });
  });

  it("mails a new link only to an unverified, active account", async () => {
    const verified = await activeUser();
    const unverified = await registerUser();
    const disabled = await registerUser();
    await (
      await getDb()
    )
      .update(tables.users)
      .set({ isActive: false })
      .where(eq(tables.users.id, (await userRow(disabled.email)).id));
    const unknown = newUser().email;
    const before = {
      verified: (await verificationMails(verified.email)).length,
      unverified: (await verificationMails(unverified.email)).length,
      disabled: (await verificationMails(disabled.email)).length,
    };

    for (const email of [verified.email, unverified.email, disabled.email, unknown])
      expect((await resend(email)).status).toBe(200);

    expect(await verificationMails(verified.email)).toHaveLength(before.verified);
    expect(await verificationMails(unverified.email)).toHaveLength(before.unverified + 1);
    expect(await verificationMails(disabled.email)).toHaveLength(before.disabled);
    expect(await mailTo(unknown)).toHaveLength(0);
    const [latest] = await mailTo(unverified.email);
    expect(latest?.text).toMatch(/http:\/\/localhost:3000\/verify-email\?uid=[\w-]+&token=[\w-]{43}\b/);
  });

  it("supersedes the link from registration: the old one is invalid, the new one verifies", async () => {
    const user = await registerUser();
    const original = await latestVerificationLink(user.email);
    expect((await resend(user.email)).status).toBe(200);
    const fresh = await latestVerificationLink(user.email);
    expect(fresh.token).not.toBe(original.token);

    await expectError(await post("/api/auth/email-verify", original), 400, "invalid_token");
    const verified = await post("/api/auth/email-verify", fresh);
    expect(verified.status).toBe(200);
    expect(await json(verified)).toEqual({ detail: expect.any(String) });
    expect((await userRow(user.email)).emailVerified).toBe(true);
  });

  it("leaves exactly one live verification token after several requests, even simultaneous ones", async () => {
    const user = await registerUser();
    const { id } = await userRow(user.email);
    await Promise.all([resend(user.email), resend(user.email), resend(user.email)]);
    const live = (await oneTimeTokensOf(id, "verify_email")).filter((t) => t.usedAt === null);
    expect(live).toHaveLength(1);
    const link = await latestVerificationLink(user.email);
    expect((await post("/api/auth/email-verify", link)).status).toBe(200);
  });

  it("finds the account whatever the case of the address", async () => {
    const user = await registerUser();
    const before = (await verificationMails(user.email)).length;
    expect((await resend(` ${user.email.toUpperCase()} `)).status).toBe(200);
    expect(await verificationMails(user.email)).toHaveLength(before + 1);
  });

  it("rejects a missing or malformed email as a field error", async () => {
    await expectError(await api("POST", PATHS.resend, { json: {} }), 400, "validation_error", ["email"]);
    await expectError(await resend("nobody"), 400, "validation_error", ["email"]);
    await expectError(await resend(["a@b.test"]), 400, "validation_error", ["email"]);
    await expectError(
      await api("POST", PATHS.resend, { body: "{", headers: { "content-type": "application/json" } }),
      400,
      "invalid_json",
    );
  });
});
