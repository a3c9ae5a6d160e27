import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { changePassword } from "@/lib/auth/password-change";
import { requireUser } from "@/lib/http/authenticate";
import { parseJsonBody } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/errors";
import { enforceRateLimits } from "@/lib/http/rate-limit";
import { requestContext } from "@/lib/http/request-context";
import { methodsNotAllowed, route } from "@/lib/http/route";
import { passwordChangeSchema } from "@/lib/schemas/account";

export const POST = route(async (request) => {
  const auth = await requireUser(request);
  if (!auth.ok) return auth.response;
  const body = await parseJsonBody(request, passwordChangeSchema);
  if (!body.ok) return errorResponse(body.code, { fields: body.fields });
  // A stolen access token must not become an oracle for the current password.
  const limited = await enforceRateLimits([["password_change", auth.user.id]]);
  if (limited) return limited;
  const result = await changePassword(await getDb(), auth.user, auth.session.id, body.data, requestContext(request));
  if (!result.ok) return errorResponse(result.code, { fields: result.fields });
  return NextResponse.json({ detail: "Your password has been changed. Other devices were signed out." });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
