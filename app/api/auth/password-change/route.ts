import { changePassword } from "@/lib/auth/password-change";
import { json, methods, route } from "@/lib/http/route";
import { detailSchema, passwordChangeSchema } from "@/lib/schemas/account";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    // A stolen access token must not become an oracle for the current password.
    {
      operationId: "changePassword",
      summary: "Change the password; every other session ends",
      responses: { 200: detailSchema },
      auth: "user",
      body: passwordChangeSchema,
      limits: ({ caller }) => [["password_change", caller.user.id]],
      form: { success: "/account", failure: "/account", form: "password" },
    },
    async ({ db, caller, body, client }) => {
      const result = await changePassword(db, caller.user, caller.session.id, body, client);
      return result.ok ? json({ detail: "Your password has been changed. Other devices were signed out." }) : result;
    },
  ),
});
