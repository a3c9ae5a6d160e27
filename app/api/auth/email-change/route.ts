import { requestEmailChange } from "@/lib/auth/email-change";
import { json, methods, route } from "@/lib/http/route";
import { emailChangeSchema } from "@/lib/schemas/account-lifecycle";
import { detailSchema } from "@/lib/schemas/user";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "requestEmailChange",
      summary: "Ask to change the email address; a confirmation link goes to the new one",
      description:
        "Needs the current password. The answer is the same whether or not the new address belongs to another account (that account's owner is told by mail instead). Nothing changes until the link is opened; a new request replaces a pending one.",
      responses: { 200: detailSchema },
      auth: "user",
      body: emailChangeSchema,
      // Like a password change: a stolen access token must not become a password oracle.
      limits: ({ caller }) => [["password_change", caller.user.id]],
      form: { success: "/account", failure: "/account", form: "email" },
    },
    async ({ db, caller, body, client, later }) => {
      const result = await requestEmailChange(db, caller.user, body, client);
      if (!result.ok) return result;
      await later(result.deliver);
      return json({
        detail: `Check ${body.new_email}: we sent it a link to confirm the change. Until then your address stays ${caller.user.email}.`,
      });
    },
  ),
});
