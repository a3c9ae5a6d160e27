import { afterAll, describe, expect, it } from "vitest";
import { getDb, tables } from "@/db";
import { post } from "../helpers/http";
import { newUser, registrationBody } from "../helpers/users";
import { startResendStandIn } from "../support/resend-standin";

// RESEND_API_KEY switches mail from the dev outbox to Resend; here Resend is a local stand-in.
const resend = await startResendStandIn();
process.env.RESEND_API_KEY = resend.apiKey;
process.env.RESEND_BASE_URL = resend.url;
process.env.MAIL_FROM = "ASTROWORLD <auth@astroworld.test>";

afterAll(() => resend.close());

describe("mail through Resend", () => {
  it("sends the verification mail with the API key, sender, subject, HTML and text", async () => {
    const user = newUser();
    expect((await post("/api/auth/register", registrationBody(user))).status).toBe(201);

    const mail = resend.sent.find((m) => m.to === user.email || (Array.isArray(m.to) && m.to.includes(user.email)));
    expect(mail).toBeDefined();
    expect(mail!.authorization).toBe(`Bearer ${resend.apiKey}`);
    expect(mail!.from).toBe("ASTROWORLD <auth@astroworld.test>");
    expect(mail!.subject).toBe("Verify your email for ASTROWORLD");
    expect(mail!.html).toContain("/verify-email?uid=");
    expect(mail!.text).toMatch(/http:\/\/localhost:3000\/verify-email\?uid=[\w-]+&token=[\w-]+/);
  });

  it("keeps nothing in the dev outbox once Resend is configured", async () => {
    const db = await getDb();
    expect(await db.select().from(tables.devOutbox)).toEqual([]);
  });

  it("still answers the registration when Resend refuses the mail (the person can ask for a resend)", async () => {
    resend.failWith(422);
    try {
      const user = newUser();
      const before = resend.sent.length;
      expect((await post("/api/auth/register", registrationBody(user))).status).toBe(201);
      expect(resend.sent.length).toBe(before);
      resend.failWith(null);
      expect((await post("/api/auth/email-verify/resend", { email: user.email })).status).toBe(200);
      expect(resend.sent.at(-1)?.to).toEqual(user.email);
    } finally {
      resend.failWith(null);
    }
  });
});
