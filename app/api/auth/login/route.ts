import { getDb } from "@/db";
import { logIn } from "@/lib/auth/login";
import { afterResponse } from "@/lib/http/after-response";
import { parseJsonBody } from "@/lib/http/body";
import { deviceOptionsOf, keepDeviceCookie } from "@/lib/http/device-cookie";
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
  const db = await getDb();
  const result = await logIn(db, body.data, ctx, deviceOptionsOf(request));
  if (!result.ok) {
    if (result.followUp) await afterResponse("login follow-up", result.followUp);
    const headers = result.code === "login_throttled" ? { "retry-after": String(result.retryAfter) } : undefined;
    return errorResponse(result.code, { headers });
  }
  return keepDeviceCookie(tokenResponse(request, result.tokens, { user: result.user }), result.deviceToken);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
