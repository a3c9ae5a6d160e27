import { disableTwoFactor } from "@/lib/auth/two-factor";
import { json, methods, route } from "@/lib/http/route";
import { detailSchema } from "@/lib/schemas/account";
import { twoFactorDisableSchema } from "@/lib/schemas/two-factor";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "disableTwoFactor",
      summary: "Turn TOTP off: the password and a current code (or a recovery code)",
      responses: { 200: detailSchema },
      errors: ["validation_error", "two_factor_not_enabled"],
      auth: "user",
      body: twoFactorDisableSchema,
      limits: ({ caller }) => [["mfa", `account:${caller.user.id}`]],
    },
    async ({ db, caller, body, client }) => {
      const result = await disableTwoFactor(db, caller.user, body, client);
      return result.ok ? json({ detail: "Two-factor authentication is off." }) : result;
    },
  ),
});
