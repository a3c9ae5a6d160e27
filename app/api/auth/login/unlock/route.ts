import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { unlockAccount } from "@/lib/auth/account-unlock";
import { parseJsonBody } from "@/lib/http/body";
import { deviceOptionsOf, keepDeviceCookie } from "@/lib/http/device-cookie";
import { errorResponse } from "@/lib/http/errors";
import { enforceRateLimits } from "@/lib/http/rate-limit";
import { requestContext } from "@/lib/http/request-context";
import { methodsNotAllowed, route } from "@/lib/http/route";
import { emailVerifySchema } from "@/lib/schemas/auth";

export const POST = route(async (request) => {
  const body = await parseJsonBody(request, emailVerifySchema);
  if (!body.ok) return errorResponse(body.code, { fields: body.fields });
  const ctx = requestContext(request);
  const limited = await enforceRateLimits([["login_ip", ctx.ip ?? "unknown"]]);
  if (limited) return limited;
  const result = await unlockAccount(await getDb(), body.data, ctx, deviceOptionsOf(request));
  if (!result.ok) return errorResponse(result.code);
  return keepDeviceCookie(NextResponse.json({ detail: "Sign-in is unlocked. You can log in now." }), result.deviceToken);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
