import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { afterResponse } from "@/lib/http/after-response";
import { parseJsonBody } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/errors";
import { MAYBE_MAILED } from "@/lib/http/messages";
import { addressLimits, enforceRateLimits } from "@/lib/http/rate-limit";
import { requestContext } from "@/lib/http/request-context";
import { methodsNotAllowed, route } from "@/lib/http/route";
import { emailOnlySchema } from "@/lib/schemas/account";

export const POST = route(async (request) => {
  const body = await parseJsonBody(request, emailOnlySchema);
  if (!body.ok) return errorResponse(body.code, { fields: body.fields });
  const ip = requestContext(request).ip ?? "unknown";
  const limited = await enforceRateLimits(addressLimits("password_reset", ip, body.data.email));
  if (limited) return limited;
  const db = await getDb();
  await afterResponse("requestPasswordReset", () => requestPasswordReset(db, body.data.email));
  return NextResponse.json({ detail: MAYBE_MAILED });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
