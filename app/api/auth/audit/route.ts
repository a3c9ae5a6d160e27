import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { listAuditEvents } from "@/lib/auth/audit";
import { requireUser } from "@/lib/http/authenticate";
import { validate } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/errors";
import { methodsNotAllowed, route } from "@/lib/http/route";
import { auditQuerySchema } from "@/lib/schemas/account";

/** The caller's own security events, newest first: `?limit=20&before=<id>`. */
export const GET = route(async (request) => {
  const auth = await requireUser(request);
  if (!auth.ok) return auth.response;
  const query = validate(auditQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
  if (!query.ok) return errorResponse(query.code, { fields: query.fields });
  return NextResponse.json(await listAuditEvents(await getDb(), auth.user.id, query.data));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
