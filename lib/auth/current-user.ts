import { cookies } from "next/headers";
import { getDb } from "@/db";
import { cookieNames } from "@/lib/http/cookies";
import { listAuditEvents, type AuditEventView } from "./audit";
import { authenticateAccessToken } from "./access-token-session";
import { listActiveSessions, toSessionView, type SessionView } from "./session";
import { toPublicUser, type PublicUser } from "./user";

/** The access cookie's user and session, checked against the database as the API does. */
async function fromAccessCookie() {
  const token = (await cookies()).get(cookieNames().access)?.value ?? null;
  const db = await getDb();
  return { db, result: await authenticateAccessToken(db, token) };
}

/** For server components: the signed-in user of this request, or null. */
export async function currentUser(): Promise<PublicUser | null> {
  const { result } = await fromAccessCookie();
  return result.ok ? toPublicUser(result.user) : null;
}

export interface AccountOverview {
  user: PublicUser;
  sessions: SessionView[];
  activity: AuditEventView[];
}

/** Everything the account page shows, for the signed-in user, or null. */
export async function currentAccount(): Promise<AccountOverview | null> {
  const { db, result } = await fromAccessCookie();
  if (!result.ok) return null;
  const [sessions, activity] = await Promise.all([
    listActiveSessions(db, result.user.id),
    listAuditEvents(db, result.user.id, { limit: 10 }),
  ]);
  return {
    user: toPublicUser(result.user),
    sessions: sessions.map((s) => toSessionView(s, result.session.id)),
    activity: activity.results,
  };
}
