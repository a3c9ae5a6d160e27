import { describe, expect, it, vi } from "vitest";
import { expectError } from "../helpers/account";
import { EMAIL_PATHS, signInMails, verifySignIn } from "../helpers/email-sign-in";
import { post } from "../helpers/http";
import { activeUser } from "../helpers/users";

vi.hoisted(() => {
  process.env.AUTH_EMAIL_SIGN_IN = "false";
});

describe("passwordless sign-in turned off (AUTH_EMAIL_SIGN_IN=false)", () => {
  it("both endpoints answer 404 email_sign_in_disabled, and no mail goes out", async () => {
    const user = await activeUser();
    await expectError(await post(EMAIL_PATHS.request, { email: user.email }), 404, "email_sign_in_disabled");
    expect(await signInMails(user.email)).toHaveLength(0);
    await expectError(await verifySignIn({ token: "A".repeat(43) }), 404, "email_sign_in_disabled");
    await expectError(await verifySignIn({ email: user.email, code: "123456" }), 404, "email_sign_in_disabled");
  });
});
