import { finishTwoFactorLogin, mfaLimitKey } from "@/lib/http/mfa-step";
import { methods, route } from "@/lib/http/route";
import { loginResponseSchema } from "@/lib/schemas/auth";
import { loginTwoFactorSchema } from "@/lib/schemas/two-factor";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "loginTwoFactor",
      summary: "Finish a sign-in with a code from the authenticator app or a recovery code",
      description:
        "The second step after a login answered 403 `mfa_required`: `{mfa_token, code}` or `{mfa_token, recovery_code}` (browsers may leave the token to the httpOnly cookie that answer set). Answers like a login. A token is single-use, short-lived (`MFA_TOKEN_TTL_SECONDS`) and dies after `MFA_MAX_ATTEMPTS` codes (`mfa_token_invalid`); a wrong code is `validation_error` and counts toward the account's login throttle; a code is accepted once.",
      responses: { 200: loginResponseSchema },
      errors: ["mfa_token_invalid", "validation_error", "account_disabled", "login_throttled"],
      body: loginTwoFactorSchema,
      transport: true,
      form: { success: "/account", failure: "/login/2fa", next: true },
      limits: ({ ip, body, request }) => [
        ["login_ip", ip],
        ["mfa", mfaLimitKey(request, body, ip)],
      ],
    },
    async (input) => finishTwoFactorLogin(input),
  ),
});
