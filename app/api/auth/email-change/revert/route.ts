import { revertEmailChange } from "@/lib/auth/email-change";
import { methods, route } from "@/lib/http/route";
import { signedOutResponse } from "@/lib/http/token-response";
import { emailVerifySchema } from "@/lib/schemas/auth";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "revertEmailChange",
      summary: 'Undo an email change with the "this wasn\'t me" link mailed to the old address',
      description:
        "Restores the address from before the change and ends every session of the account (this browser's cookies are cleared too); known devices are forgotten, and pending email-change and password-reset links die.",
      errors: ["invalid_token", "token_expired", "token_used", "email_unavailable"],
      body: emailVerifySchema,
      limits: ({ ip }) => [["password_reset_confirm_ip", ip]],
      form: { success: "/email-change/revert", failure: "/email-change/revert", carry: ["uid", "token"] },
    },
    async ({ db, body, client }) => {
      const result = await revertEmailChange(db, body, client);
      if (!result.ok) return result;
      return signedOutResponse({
        detail:
          "Your email address is back and every device was signed out. Whoever changed it knew your password: choose a new one now.",
      });
    },
  ),
});
