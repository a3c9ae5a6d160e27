import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { verifyEmail } from "@/lib/auth/email-verification";
import { parseJsonBody } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/errors";
import { requestContext } from "@/lib/http/request-context";
import { methodsNotAllowed, route } from "@/lib/http/route";
import { emailVerifySchema } from "@/lib/schemas/auth";

export const POST = route(async (request) => {
  const body = await parseJsonBody(request, emailVerifySchema);
  if (!body.ok) return errorResponse(body.code, { fields: body.fields });
  const result = await verifyEmail(await getDb(), body.data, requestContext(request));
  if (!result.ok) return errorResponse(result.code);
  return NextResponse.json({ detail: "Your email address is verified. You can log in now." });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
