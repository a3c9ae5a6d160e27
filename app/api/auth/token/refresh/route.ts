import { getDb } from "@/db";
import { refreshTokenSession, rotateRefreshToken } from "@/lib/auth/session";
import { parseJsonBody } from "@/lib/http/body";
import { refreshCookieOf } from "@/lib/http/credentials";
import { errorResponse } from "@/lib/http/errors";
import { enforceRateLimits } from "@/lib/http/rate-limit";
import { requestContext } from "@/lib/http/request-context";
import { methodsNotAllowed, route } from "@/lib/http/route";
import { tokenResponse } from "@/lib/http/token-response";
import { refreshSchema } from "@/lib/schemas/auth";

export const POST = route(async (request) => {
  const body = await parseJsonBody(request, refreshSchema);
  if (!body.ok) return errorResponse(body.code, { fields: body.fields });
  const token = body.data.refresh ?? refreshCookieOf(request);
  if (!token) return errorResponse("invalid_refresh_token");
  const sessionId = await refreshTokenSession(token);
  if (!sessionId) return errorResponse("invalid_refresh_token");
  const limited = await enforceRateLimits([["refresh", sessionId]]);
  if (limited) return limited;
  const result = await rotateRefreshToken(await getDb(), token, requestContext(request));
  if (!result.ok) return errorResponse(result.code);
  return tokenResponse(request, result.tokens);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
