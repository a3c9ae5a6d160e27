import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { listActiveSessions, toSessionView } from "@/lib/auth/session";
import { requireUser } from "@/lib/http/authenticate";
import { methodsNotAllowed, route } from "@/lib/http/route";

export const GET = route(async (request) => {
  const auth = await requireUser(request);
  if (!auth.ok) return auth.response;
  const sessions = await listActiveSessions(await getDb(), auth.user.id);
  return NextResponse.json({ sessions: sessions.map((s) => toSessionView(s, auth.session.id)) });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
