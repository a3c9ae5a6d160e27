import { getDb } from "@/db";
import { logOutEverywhere } from "@/lib/auth/logout";
import { requireUser } from "@/lib/http/authenticate";
import { requestContext } from "@/lib/http/request-context";
import { methodsNotAllowed, route } from "@/lib/http/route";
import { signedOutResponse } from "@/lib/http/token-response";

export const POST = route(async (request) => {
  const auth = await requireUser(request);
  if (!auth.ok) return auth.response;
  const count = await logOutEverywhere(await getDb(), auth.user.id, requestContext(request));
  return signedOutResponse({ detail: "Signed out of every session.", sessions_revoked: count });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
