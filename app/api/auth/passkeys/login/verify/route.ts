import { logInWithPasskey } from "@/lib/auth/passkey-login";
import { methods, route } from "@/lib/http/route";
import { tokenResponse } from "@/lib/http/token-response";
import { loginResponseSchema, passkeyLoginSchema } from "@/lib/schemas/passkeys";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "loginWithPasskey",
      summary: "Sign in with a passkey",
      description:
        "`credential` is what `startAuthentication` returned. Answers like `POST /api/auth/login`: cookies for browsers, the token body for `X-Auth-Transport: body` clients. A passkey counts as two factors (no TOTP step follows). The account's login throttle counts every check; a passkey removed from the account answers `passkey_invalid`.",
      responses: { 200: loginResponseSchema },
      errors: [
        "passkey_challenge_invalid",
        "passkey_challenge_expired",
        "passkey_invalid",
        "account_disabled",
        "login_throttled",
      ],
      body: passkeyLoginSchema,
      transport: true,
      limits: ({ ip, body }) => [
        ["login_ip", ip],
        ["login", `${ip}|passkey:${body.credential.id}`],
      ],
    },
    async ({ request, db, body, client, device }) => {
      const result = await logInWithPasskey(db, body, client, device);
      if (!result.ok) return result;
      return tokenResponse(request, result.tokens, { body: { user: result.user }, deviceToken: result.deviceToken });
    },
  ),
});
