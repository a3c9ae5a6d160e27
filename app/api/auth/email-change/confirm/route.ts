import { confirmEmailChange } from "@/lib/auth/email-change";
import { json, methods, route } from "@/lib/http/route";
import { emailVerifySchema } from "@/lib/schemas/auth";
import { detailSchema } from "@/lib/schemas/user";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "confirmEmailChange",
      summary: "Confirm an email change with the {uid, token} mailed to the new address",
      description:
        'The address changes (and counts as verified); the old address gets a notice with a "this wasn\'t me" link. `email_unavailable` (409) when another account took the address meanwhile: nothing changes.',
      responses: { 200: detailSchema },
      errors: ["invalid_token", "token_expired", "token_used", "email_unavailable"],
      body: emailVerifySchema,
      limits: ({ ip }) => [["password_reset_confirm_ip", ip]],
      form: { success: "/email-change/confirm", failure: "/email-change/confirm", carry: ["uid", "token"] },
    },
    async ({ db, body, client, later }) => {
      const result = await confirmEmailChange(db, body, client);
      if (!result.ok) return result;
      await later(result.deliver);
      return json({ detail: "Your email address is changed. Use the new one to sign in from now on." });
    },
  ),
});
