import { NextResponse } from "next/server";
import { getDb, type Database } from "@/db";
import type { PolicyName } from "@/lib/ratelimit";
import { emailOnlySchema } from "@/lib/schemas/account";
import { afterResponse } from "./after-response";
import { parseJsonBody } from "./body";
import { errorResponse } from "./errors";
import { addressLimits, enforceRateLimits } from "./rate-limit";
import { requestContext } from "./request-context";
import { route } from "./route";

/** The one answer for "maybe we mailed you", identical whether or not the account exists. */
export const MAYBE_MAILED = "If an account exists for that address, we have sent it an email. Check your inbox.";

/**
 * POST `{email}` endpoints that may mail an account (password reset, resend verification):
 * limited per IP + address and per address, always the same answer, and the lookup and the
 * mail happen after the response so its timing says nothing either.
 */
export function maybeMailedRoute(policy: PolicyName, work: (db: Database, email: string) => Promise<void>) {
  return route(async (request) => {
    const body = await parseJsonBody(request, emailOnlySchema);
    if (!body.ok) return errorResponse(body.code, { fields: body.fields });
    const limited = await enforceRateLimits(addressLimits(policy, requestContext(request).ip ?? "unknown", body.data.email));
    if (limited) return limited;
    const db = await getDb();
    await afterResponse(policy, () => work(db, body.data.email));
    return NextResponse.json({ detail: MAYBE_MAILED });
  });
}
