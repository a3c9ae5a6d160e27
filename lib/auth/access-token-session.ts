import { and, eq, gt, isNull, sql } from "drizzle-orm";
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
  const [row] = await liveSession(db).execute({ sid, sub, now: new Date().toISOString() });
  return row ? { ok: true, user: row.user, session: row.session } : { ok: false, code: "not_authenticated" };
}

/**
 * The query of every authenticated request, built once per database (Drizzle otherwise builds
 * its SQL text on each call): the live session of the token's user together with that user.
 */
function liveSessionQuery(db: Database) {
  return db
    .select({ user: users, session: sessions })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sql.placeholder("sid")),
        eq(sessions.userId, sql.placeholder("sub")),
        isNull(sessions.revokedAt),
        // The time as the column's own encoder would send it (an ISO string).
        gt(sessions.expiresAt, sql.placeholder("now")),
        eq(users.isActive, true),
      ),
    )
    .limit(1)
    .prepare("live_session");
}

const built = new WeakMap<Database, ReturnType<typeof liveSessionQuery>>();

function liveSession(db: Database): ReturnType<typeof liveSessionQuery> {
  let query = built.get(db);
  if (!query) built.set(db, (query = liveSessionQuery(db)));
  return query;
}
