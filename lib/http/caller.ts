import type { Database } from "@/db";
import { authenticateAccessToken } from "@/lib/auth/access-token-session";
import type { SessionRow } from "@/lib/auth/session";
import type { UserRow } from "@/lib/auth/user";
import { accessTokenOf } from "./credentials";
import { fail, type Failure } from "./errors";

/** The signed-in user of a request and the session its access token belongs to. */
export interface Caller {
  user: UserRow;
  session: SessionRow;
}

/** The caller, or the 401 to answer (with WWW-Authenticate for bearer calls). */
export async function callerOf(request: Request, db: Database): Promise<Caller | Failure> {
  const presented = accessTokenOf(request);
  const result = await authenticateAccessToken(db, presented.token);
  if (result.ok) return { user: result.user, session: result.session };
  return fail("not_authenticated", {
    headers: presented.bearer ? { "www-authenticate": 'Bearer error="invalid_token"' } : undefined,
  });
}

export function isFailure(value: unknown): value is Failure {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false && "code" in value;
}
