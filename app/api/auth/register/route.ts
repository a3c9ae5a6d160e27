import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { registerUser } from "@/lib/auth/registration";
import { afterResponse } from "@/lib/http/after-response";
import { parseJsonBody } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/errors";
import { addressLimits, enforceRateLimits } from "@/lib/http/rate-limit";
import { requestContext } from "@/lib/http/request-context";
import { methodsNotAllowed, route } from "@/lib/http/route";
import { registerSchema } from "@/lib/schemas/auth";

export const POST = route(async (request) => {
  const body = await parseJsonBody(request, registerSchema);
  if (!body.ok) return errorResponse(body.code, { fields: body.fields });
  const ctx = requestContext(request);
  const limited = await enforceRateLimits(addressLimits("register", ctx.ip ?? "unknown", body.data.email));
  if (limited) return limited;
  const result = await registerUser(await getDb(), body.data, ctx);
  if (!result.ok) return errorResponse(result.code, { fields: result.fields });
  await afterResponse("registration mail", result.sendMail);
  return NextResponse.json(
    { detail: "Account created. Check your email for a verification link.", user: result.user },
    { status: 201 },
  );
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
