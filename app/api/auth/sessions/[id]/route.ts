import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { endOwnSession } from "@/lib/auth/logout";
import { requireUser } from "@/lib/http/authenticate";
import { clearAuthCookies } from "@/lib/http/cookies";
import { errorResponse } from "@/lib/http/errors";
import { requestContext } from "@/lib/http/request-context";
import { methodsNotAllowed, route } from "@/lib/http/route";

export const DELETE = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const auth = await requireUser(request);
  if (!auth.ok) return auth.response;
  const { id } = await params;
  if (!(await endOwnSession(await getDb(), auth.user.id, id, requestContext(request)))) return errorResponse("not_found");
  const response = NextResponse.json({ detail: "Session signed out." });
  // Postgres matches a uuid in any case, so compare the same way to spot the current session.
  if (id.toLowerCase() === auth.session.id.toLowerCase()) clearAuthCookies(response);
  return response;
});

export const { GET, POST, PUT, PATCH } = methodsNotAllowed(["DELETE"]);
