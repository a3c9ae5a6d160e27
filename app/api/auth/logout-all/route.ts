import { logOutEverywhere } from "@/lib/auth/logout";
import { methods, route } from "@/lib/http/route";
import { signedOutResponse } from "@/lib/http/token-response";

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  POST: route({ auth: "user" }, async ({ db, caller, client }) => {
    const count = await logOutEverywhere(db, caller.user.id, client);
    return signedOutResponse({ detail: "Signed out of every session.", sessions_revoked: count });
  }),
});
