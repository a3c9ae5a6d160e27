import { emailSignInVerifyLimits, signInByEmail } from "@/lib/auth/email-sign-in";
import { methods, route } from "@/lib/http/route";
import { tokenResponse } from "@/lib/http/token-response";
import { emailSignInVerifySchema, loginResponseSchema } from "@/lib/schemas/email-sign-in";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "verifyEmailSignIn",
      summary: "Sign in with the emailed link's token, or the address and the mail's 6-digit code",
      description:
        "Answers like `login` (cookies for browsers, the pair in the body for `X-Auth-Transport: body` clients). Single use: the link and the code of one mail are spent together. Five wrong codes kill the code; every failure of the code form is the same `invalid_code`, whatever the address. The sign-in verifies a not yet verified address.",
      responses: { 200: loginResponseSchema },
      errors: [
        "invalid_token",
        "token_expired",
        "token_used",
        "invalid_code",
        "account_disabled",
        "email_sign_in_disabled",
      ],
      body: emailSignInVerifySchema,
      transport: true,
      form: { success: "/account", failure: "/login/email", next: true },
      limits: ({ ip, body }) => emailSignInVerifyLimits(ip, body),
    },
    async ({ request, db, body, client, device }) => {
      const result = await signInByEmail(db, body, client, device);
      if (!result.ok) return result;
      return tokenResponse(request, result.tokens, { body: { user: result.user }, deviceToken: result.deviceToken });
    },
  ),
});
