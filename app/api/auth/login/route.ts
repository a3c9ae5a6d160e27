import { getDb } from "@/db";
import { KNOWN_DEVICE_SECONDS } from "@/lib/auth/known-device";
import { logIn } from "@/lib/auth/login";
import { cookieNames, readCookie, setDeviceCookie } from "@/lib/http/cookies";
import { transportOf } from "@/lib/http/credentials";
import { parseJsonBody } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/errors";
import { enforceRateLimits } from "@/lib/http/rate-limit";
import { requestContext } from "@/lib/http/request-context";
import { methodsNotAllowed, route } from "@/lib/http/route";
import { tokenResponse } from "@/lib/http/token-response";
import { loginSchema } from "@/lib/schemas/auth";

export const POST = route(async (request) => {
  const body = await parseJsonBody(request, loginSchema);
  if (!body.ok) return errorResponse(body.code, { fields: body.fields });
  const ctx = requestContext(request);
  const ip = ctx.ip ?? "unknown";
  const limited = await enforceRateLimits([["login_ip", ip], ["login", `${ip}|${body.data.login}`]]);
  if (limited) return limited;
  const result = await logIn(await getDb(), body.data, ctx, readCookie(request, cookieNames().device) ?? null);
  if (!result.ok) {
    const headers = result.code === "login_throttled" ? { "retry-after": String(result.retryAfter) } : undefined;
    return errorResponse(result.code, { headers });
  }
  const response = tokenResponse(request, result.tokens, { user: result.user });
  if (transportOf(request) === "cookie") setDeviceCookie(response, result.deviceToken, KNOWN_DEVICE_SECONDS);
  return response;
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
