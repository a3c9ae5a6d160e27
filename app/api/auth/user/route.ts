import { NextResponse } from "next/server";
import { toPublicUser } from "@/lib/auth/user";
import { requireUser } from "@/lib/http/authenticate";
import { methodsNotAllowed, route } from "@/lib/http/route";

export const GET = route(async (request) => {
  const auth = await requireUser(request);
  if (!auth.ok) return auth.response;
  return NextResponse.json(toPublicUser(auth.user));
});

export const { POST, DELETE } = methodsNotAllowed(["GET", "PUT", "PATCH"]);
