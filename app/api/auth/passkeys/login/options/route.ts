import { loginOptions } from "@/lib/auth/passkey-login";
import { json, methods, route } from "@/lib/http/route";
import { passkeyRequestOptionsSchema } from "@/lib/schemas/passkeys";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "passkeyLoginOptions",
      summary: "Start a passkey sign-in: options for navigator.credentials.get()",
      description:
        "Names no account (discoverable passkeys: the device offers the ones it holds, by a button or the browser's autofill). Pass the answer to `startAuthentication({ optionsJSON })` and post its result to `/api/auth/passkeys/login/verify`.",
      responses: { 200: passkeyRequestOptionsSchema },
      limits: ({ ip }) => [["passkey_options", ip]],
    },
    async ({ db }) => json(await loginOptions(db)),
  ),
});
