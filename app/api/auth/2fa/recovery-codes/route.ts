import { regenerateRecoveryCodes } from "@/lib/auth/two-factor";
import { json, methods, route } from "@/lib/http/route";
import { recoveryCodesResponseSchema, recoveryCodesSchema } from "@/lib/schemas/two-factor";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "regenerateRecoveryCodes",
      summary: "A new set of ten recovery codes for the password; the old set stops working",
      responses: { 200: recoveryCodesResponseSchema },
      errors: ["validation_error", "two_factor_not_enabled"],
      auth: "user",
      body: recoveryCodesSchema,
      limits: ({ caller }) => [["mfa", `account:${caller.user.id}`]],
    },
    async ({ db, caller, body, client }) => {
      const result = await regenerateRecoveryCodes(db, caller.user, body, client);
      return result.ok ? json({ recovery_codes: result.recovery_codes }) : result;
    },
  ),
});
