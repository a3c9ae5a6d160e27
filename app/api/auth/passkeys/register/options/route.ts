import { registrationOptions } from "@/lib/auth/passkey";
import { json, methods, route } from "@/lib/http/route";
import { passkeyCreationOptionsSchema } from "@/lib/schemas/passkeys";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "passkeyRegistrationOptions",
      summary: "Start adding a passkey: options for navigator.credentials.create()",
      description:
        "Pass the answer to `startRegistration({ optionsJSON })` (@simplewebauthn/browser), then post its result to `/api/auth/passkeys/register/verify` before the challenge expires (`PASSKEY_CHALLENGE_TTL_SECONDS`, 5 minutes). The challenge is single-use and bound to this account.",
      responses: { 200: passkeyCreationOptionsSchema },
      errors: ["passkey_limit"],
      auth: "user",
      limits: ({ ip, caller }) => [
        ["passkey_options", ip],
        ["passkey_manage", caller.user.id],
      ],
    },
    async ({ db, caller }) => {
      const result = await registrationOptions(db, caller.user);
      return result.ok ? json(result.options) : result;
    },
  ),
});
