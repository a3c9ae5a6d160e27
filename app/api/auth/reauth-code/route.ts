import { requestReauthCode } from "@/lib/auth/reauth-code";
import { json, methods, route } from "@/lib/http/route";
import { detailSchema } from "@/lib/schemas/user";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "requestReauthCode",
      summary: "Mail a code that confirms a change instead of the password",
      description:
        "For an account without a password (made by a provider sign-in): a 6-digit code to its address, to send as `code` instead of `password` to `POST /api/auth/email-change` and `DELETE /api/auth/user`. It works once, for 10 minutes, and allows 5 wrong tries; a new request replaces it. Mail to one address shares the resend limit.",
      responses: { 200: detailSchema },
      auth: "user",
      limits: ({ caller }) => [["password_change", caller.user.id]],
      // Back to the form that asked (its `next`: the deletion's question stays open).
      form: { success: "/account", failure: "/account", form: "reauth", next: true },
    },
    async ({ db, caller, client, later }) => {
      await later(await requestReauthCode(db, caller.user, client));
      return json({ detail: `We sent a code to ${caller.user.email}. It works once, for 10 minutes.` });
    },
  ),
});
