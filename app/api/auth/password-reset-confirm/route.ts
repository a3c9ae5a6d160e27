import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { confirmPasswordReset, resetConfirmLimits } from "@/lib/auth/password-reset";
import { parseJsonBody } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/errors";
import { enforceRateLimits } from "@/lib/http/rate-limit";
import { requestContext } from "@/lib/http/request-context";
import { methodsNotAllowed, route } from "@/lib/http/route";
import { passwordResetConfirmSchema } from "@/lib/schemas/account";

export const POST = route(async (request) => {
  const body = await parseJsonBody(request, passwordResetConfirmSchema);
  if (!body.ok) return errorResponse(body.code, { fields: body.fields });
  const ctx = requestContext(request);
  const limited = await enforceRateLimits(resetConfirmLimits(ctx.ip, body.data.uid));
  if (limited) return limited;
  const result = await confirmPasswordReset(await getDb(), body.data, ctx);
  if (!result.ok) return errorResponse(result.code, { fields: "fields" in result ? result.fields : undefined });
  return NextResponse.json({ detail: "Your password has been reset. Log in with the new one." });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
