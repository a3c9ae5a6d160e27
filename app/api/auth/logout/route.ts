import { getDb } from "@/db";
import { logOut } from "@/lib/auth/logout";
import { readJson } from "@/lib/http/body";
import { accessTokenOf, refreshCookieOf } from "@/lib/http/credentials";
import { errorResponse } from "@/lib/http/errors";
import { requestContext } from "@/lib/http/request-context";
import { methodsNotAllowed, route } from "@/lib/http/route";
import { signedOutResponse } from "@/lib/http/token-response";

/** Ends the session named by the access token or, if that has expired, by the refresh token. */
export const POST = route(async (request) => {
  const body = await readJson(request);
  if (!body.ok) return errorResponse(body.code);
  const bodyRefresh = (body.data as { refresh?: unknown } | null)?.refresh;
  await logOut(await getDb(), {
    access: accessTokenOf(request).token,
    refresh: typeof bodyRefresh === "string" ? bodyRefresh : refreshCookieOf(request),
  }, requestContext(request));
  return signedOutResponse({ detail: "Logged out." });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
