import { logIn } from "@/lib/auth/login";
import { methods, route } from "@/lib/http/route";
import { tokenResponse } from "@/lib/http/token-response";
import { loginResponseSchema, loginSchema } from "@/lib/schemas/auth";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "login",
      summary: "Log in with username or email and password",
      description:
        "Browsers get the tokens as httpOnly cookies; `X-Auth-Transport: body` clients get them in the body. An unverified account answers `invalid_credentials` even to the right password (a fresh verification link is mailed); failed checks are counted per account and throttle it (`login_throttled`). An account with two-factor on answers 403 `mfa_required` with an `mfa_token` (browsers also get it in a short-lived httpOnly cookie): finish with `POST /api/auth/login/2fa`.",
      responses: { 200: loginResponseSchema },
      errors: ["invalid_credentials", "account_disabled", "login_throttled", "mfa_required"],
      body: loginSchema,
      transport: true,
      form: { success: "/account", failure: "/login", next: true },
      limits: ({ ip, body }) => [
        ["login_ip", ip],
        ["login", `${ip}|${body.login}`],
      ],
    },
    async ({ request, db, body, client, device }) => {
      const result = await logIn(db, body, client, device);
      if (!result.ok) return result;
      return tokenResponse(request, result.tokens, { body: { user: result.user }, deviceToken: result.deviceToken });
    },
  ),
});
