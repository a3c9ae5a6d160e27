import { confirmPasswordReset, resetConfirmLimits } from "@/lib/auth/password-reset";
import { json, methods, route } from "@/lib/http/route";
import { passwordResetConfirmSchema } from "@/lib/schemas/account";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  POST: route(
    { body: passwordResetConfirmSchema, limits: ({ ip, body }) => resetConfirmLimits(ip, body.uid) },
    async ({ db, body, client }) => {
      const result = await confirmPasswordReset(db, body, client);
      return result.ok ? json({ detail: "Your password has been reset. Log in with the new one." }) : result;
    },
  ),
});
