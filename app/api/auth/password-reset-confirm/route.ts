import { confirmPasswordReset, resetConfirmLimits } from "@/lib/auth/password-reset";
import { json, methods, route } from "@/lib/http/route";
import { detailSchema, passwordResetConfirmSchema } from "@/lib/schemas/account";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "confirmPasswordReset",
      summary: "Set a new password with the emailed {uid, token}",
      description: "Also verifies the email address, ends every session and lifts the login throttle.",
      responses: { 200: detailSchema },
      errors: ["invalid_token", "token_expired", "token_used"],
      body: passwordResetConfirmSchema,
      form: { success: "/reset-password", failure: "/reset-password", carry: ["uid", "token"] },
      limits: ({ ip, body }) => resetConfirmLimits(ip, body.uid),
    },
    async ({ db, body, client }) => {
      const result = await confirmPasswordReset(db, body, client);
      return result.ok ? json({ detail: "Your password has been reset. Log in with the new one." }) : result;
    },
  ),
});
