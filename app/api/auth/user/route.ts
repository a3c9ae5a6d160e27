import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { getDb } from "@/db";
import { updateProfile } from "@/lib/auth/profile";
import { toPublicUser } from "@/lib/auth/user";
import { requireUser } from "@/lib/http/authenticate";
import { parseJsonBody } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/errors";
import { requestContext } from "@/lib/http/request-context";
import { methodsNotAllowed, route } from "@/lib/http/route";
import { profilePatchSchema, profileSchema } from "@/lib/schemas/account";

export const GET = route(async (request) => {
  const auth = await requireUser(request);
  if (!auth.ok) return auth.response;
  return NextResponse.json(toPublicUser(auth.user));
});

function update(schema: z.ZodType<z.infer<typeof profilePatchSchema>>) {
  return route(async (request: NextRequest) => {
    const auth = await requireUser(request);
    if (!auth.ok) return auth.response;
    const body = await parseJsonBody(request, schema);
    if (!body.ok) return errorResponse(body.code, { fields: body.fields });
    const result = await updateProfile(await getDb(), auth.user, body.data, requestContext(request));
    if (!result.ok) return errorResponse(result.code, { fields: result.fields });
    return NextResponse.json(result.user);
  });
}

/** PUT replaces every editable field; PATCH changes any subset. */
export const PUT = update(profileSchema);
export const PATCH = update(profilePatchSchema);

export const { POST, DELETE } = methodsNotAllowed(["GET", "PUT", "PATCH"]);
