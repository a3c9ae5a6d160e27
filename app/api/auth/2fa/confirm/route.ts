import { confirmEnrolment } from "@/lib/auth/two-factor";
import { json, methods, route } from "@/lib/http/route";
import { recoveryCodesResponseSchema, twoFactorConfirmSchema } from "@/lib/schemas/two-factor";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "confirmTwoFactor",
      summary: "Turn TOTP on with a code from the new secret; answers ten recovery codes, once",
      responses: { 200: recoveryCodesResponseSchema },
      errors: ["validation_error", "two_factor_enabled", "two_factor_not_enabled", "two_factor_unavailable"],
      auth: "user",
      body: twoFactorConfirmSchema,
      limits: ({ caller }) => [["mfa", `account:${caller.user.id}`]],
    },
    async ({ db, caller, body, client }) => {
      const result = await confirmEnrolment(db, caller.user, body, client);
      return result.ok ? json({ recovery_codes: result.recovery_codes }) : result;
    },
  ),
});
