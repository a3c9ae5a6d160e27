import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { parseJsonBody } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/errors";
import { MAYBE_MAILED } from "@/lib/http/messages";
import { methodsNotAllowed, route } from "@/lib/http/route";
import { emailOnlySchema } from "@/lib/schemas/account";

export const POST = route(async (request) => {
  const body = await parseJsonBody(request, emailOnlySchema);
  if (!body.ok) return errorResponse(body.code, { fields: body.fields });
  await requestPasswordReset(await getDb(), body.data.email);
  return NextResponse.json({ detail: MAYBE_MAILED });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
