import { describe, expect, it, vi } from "vitest";
import { expectError } from "../helpers/account";
import { requestSignInMail, verifySignIn } from "../helpers/email-sign-in";
import { activeUser } from "../helpers/users";

// Links and codes live one second here; the default per-address check limit (10 per 10 minutes) stays.
vi.hoisted(() => {
  process.env.EMAIL_SIGN_IN_TTL_SECONDS = "1";
});

const outlive = () => new Promise((resolve) => setTimeout(resolve, 1500));

describe("passwordless sign-in: lifetime and limits", () => {
  it("an expired link is token_expired and an expired code invalid_code", async () => {
    const user = await activeUser();
    const { token, code } = await requestSignInMail(user.email);
    await outlive();
    await expectError(await verifySignIn({ token }), 400, "token_expired");
    await expectError(await verifySignIn({ email: user.email, code }), 400, "invalid_code");
  });

  it("code checks are limited per address, whatever the IP: the 11th in ten minutes is 429", async () => {
    const user = await activeUser();
    for (let i = 0; i < 10; i += 1) {
      const response = await verifySignIn(
        { email: user.email, code: "000000" },
        { headers: { "x-forwarded-for": `192.0.2.${i + 1}` } },
      );
      expect(response.status).toBe(400);
    }
    const limited = await verifySignIn(
      { email: user.email, code: "000000" },
      { headers: { "x-forwarded-for": "192.0.2.99" } },
    );
    await expectError(limited, 429, "rate_limited");
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});
