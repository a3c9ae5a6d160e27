import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "@/db";
import { sessions, users } from "@/db/schema";
import { ACCESS_TYP, verifyToken } from "./jwt";
import type { SessionRow } from "./session";
import { isUuid, type UserRow } from "./user";

export type AccessTokenSession =
  { ok: true; user: UserRow; session: SessionRow } | { ok: false; code: "not_authenticated" };

/**
 * The access token is checked by signature and claims (as middleware does), and here also
 * against its session, so logout and revocation take effect at once on the API: one query
 * finds the live session of the token's user together with that user, if still active.
 */
export async function authenticateAccessToken(db: Database, token: string | null): Promise<AccessTokenSession> {
  if (!token) return { ok: false, code: "not_authenticated" };
  const verified = await verifyToken(ACCESS_TYP, token);
  if (!verified.ok) return { ok: false, code: "not_authenticated" };
  const { sub, sid } = verified.claims;
  if (!isUuid(sub) || !isUuid(sid)) return { ok: false, code: "not_authenticated" };
  const [row] = await db
    .select({ user: users, session: sessions })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sid),
        eq(sessions.userId, sub),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date()),
        eq(users.isActive, true),
      ),
    )
    .limit(1);
  return row ? { ok: true, user: row.user, session: row.session } : { ok: false, code: "not_authenticated" };
}
