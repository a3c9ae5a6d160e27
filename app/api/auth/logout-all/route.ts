import { logOutEverywhere } from "@/lib/auth/logout";
import { methods, route } from "@/lib/http/route";
import { signedOutResponse } from "@/lib/http/token-response";
import { logoutAllResponseSchema } from "@/lib/schemas/auth";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "logoutAll",
      summary: "End every session of the account, this one included",
      responses: { 200: logoutAllResponseSchema },
      auth: "user",
      form: { success: "/login?signed_out=everywhere", failure: "/account", form: "sessions" },
    },
    async ({ db, caller, client }) => {
      const count = await logOutEverywhere(db, caller.user.id, client);
      return signedOutResponse({ detail: "Signed out of every session.", sessions_revoked: count });
    },
  ),
});
