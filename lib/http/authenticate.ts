import { getDb } from "@/db";
import { authenticateAccessToken, type AuthResult } from "@/lib/auth/authentication";
import { accessTokenOf } from "./credentials";
import { errorResponse } from "./errors";

type Authenticated = Extract<AuthResult, { ok: true }>;

/** The caller's user and session, or the 401 to return (with WWW-Authenticate for bearer calls). */
export async function requireUser(request: Request): Promise<Authenticated | { ok: false; response: Response }> {
  const presented = accessTokenOf(request);
  const result = await authenticateAccessToken(await getDb(), presented.token);
  if (result.ok) return result;
  const headers = presented.bearer ? { "www-authenticate": 'Bearer error="invalid_token"' } : undefined;
  return { ok: false, response: errorResponse("not_authenticated", { headers }) };
}
