import { logOut } from "@/lib/auth/logout";
import { methods, route } from "@/lib/http/route";
import { signedOutResponse } from "@/lib/http/token-response";
import { detailSchema, logoutSchema } from "@/lib/schemas/auth";

/** Ends the session named by the access token or, if that has expired, by the refresh token. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route(
    {
      operationId: "logout",
      summary: "End the current session",
      description:
        "The session named by the access token (cookie or bearer) or, once that has expired, by the refresh token (cookie or `{refresh}`). Always 200, and the cookies are cleared.",
      responses: { 200: detailSchema },
      body: logoutSchema,
      form: { success: "/login?signed_out=here", failure: "/login?signed_out=here" },
    },
    async ({ db, body, credentials, client }) => {
      await logOut(db, { access: credentials.access, refresh: body.refresh ?? credentials.refresh }, client);
      return signedOutResponse({ detail: "Logged out." });
    },
  ),
});
