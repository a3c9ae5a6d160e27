import { registerPasskey } from "@/lib/auth/passkey";
import { json, methods, route } from "@/lib/http/route";
import { passkeyCreatedSchema, passkeyRegisterSchema } from "@/lib/schemas/passkeys";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "registerPasskey",
      summary: "Finish adding a passkey: verify the authenticator's answer and store it under a name",
      description:
        "`credential` is what `startRegistration` returned. The challenge is spent by the first verify that names it; origin, RP id, user presence and user verification are checked. The owner is mailed.",
      responses: { 201: passkeyCreatedSchema },
      errors: [
        "passkey_challenge_invalid",
        "passkey_challenge_expired",
        "passkey_not_verified",
        "passkey_exists",
        "passkey_limit",
      ],
      auth: "user",
      body: passkeyRegisterSchema,
      limits: ({ caller }) => [["passkey_manage", caller.user.id]],
    },
    async ({ db, caller, body, client, later }) => {
      const result = await registerPasskey(db, caller.user, body, client);
      if (!result.ok) return result;
      await later(result.mail);
      return json({ detail: "Passkey added.", passkey: result.passkey }, { status: 201 });
    },
  ),
});
