import type { Database } from "@/db";
import { ACCESS_TYP, verifyToken } from "./jwt";
import { findActiveSession, type SessionRow } from "./session";
import { findUserById, type UserRow } from "./user";

export type AccessTokenSession =
  { ok: true; user: UserRow; session: SessionRow } | { ok: false; code: "not_authenticated" };

/**
 * The access token is checked by signature and claims (as middleware does), and here also
 * against its session, so logout and revocation take effect at once on the API.
 */
export async function authenticateAccessToken(db: Database, token: string | null): Promise<AccessTokenSession> {
  if (!token) return { ok: false, code: "not_authenticated" };
  const verified = await verifyToken(ACCESS_TYP, token);
  if (!verified.ok) return { ok: false, code: "not_authenticated" };
  const { sub, sid } = verified.claims;
  const user = await findUserById(db, sub);
  if (!user?.isActive) return { ok: false, code: "not_authenticated" };
  const session = await findActiveSession(db, sid, user.id);
  if (!session) return { ok: false, code: "not_authenticated" };
  return { ok: true, user, session };
}
