import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { cookieNames } from "@/lib/http/cookies";
import { databaseMayBeBack, isDatabaseOutage, reportDatabaseOutage } from "@/lib/http/database-outage";
import { PAGE_PATH_HEADER } from "@/lib/http/page-headers";
import { listAuditEvents, type AuditEventView } from "./audit";
import { authenticateAccessToken } from "./access-token-session";
import { ACCESS_TYP, verifyToken } from "./jwt";
import { hasUsablePassword } from "./password";
import { listActiveSessions, toSessionView, type SessionView } from "./session";
import { toPublicUser, type PublicUser } from "./user";

/** The access cookie's user and session, checked against the database as the API does. */
async function fromAccessCookie() {
  const token = (await cookies()).get(cookieNames().access)?.value ?? null;
  const db = await getDb();
  return { db, result: await authenticateAccessToken(db, token) };
}

/**
 * For server components: the signed-in user of this request, or null. While the database
 * cannot be reached the page gives way to /unavailable; `{ whenUnavailable: "signed-out" }`
 * answers null instead (the site header, which /unavailable shows too).
 */
export async function currentUser(options: { whenUnavailable?: "signed-out" } = {}): Promise<PublicUser | null> {
  const signedOut = options.whenUnavailable === "signed-out" ? { orElse: null } : {};
  return unlessUnavailable(async () => {
    const { result } = await fromAccessCookie();
    return result.ok ? toPublicUser(result.user) : null;
  }, signedOut);
}

/**
 * Where a protected page sends someone it found signed out: /login with `next`, and, when the
 * browser still holds a genuine access token whose session has ended (revoked from another
 * device, or by a password change there), `signed_out=elsewhere` so /login says so.
 */
export async function loginAgainPath(next: string): Promise<string> {
  const token = (await cookies()).get(cookieNames().access)?.value;
  const genuine = token ? (await verifyToken(ACCESS_TYP, token)).ok : false;
  const query = new URLSearchParams({ next });
  if (genuine) query.set("signed_out", "elsewhere");
  return `/login?${query}`;
}

export interface AccountOverview {
  user: PublicUser;
  /** False for an account made by a provider sign-in: a mailed code stands in for the password. */
  hasPassword: boolean;
  sessions: SessionView[];
  activity: AuditEventView[];
}

/** Everything the account page shows, for the signed-in user, or null. */
export async function currentAccount(): Promise<AccountOverview | null> {
  return unlessUnavailable(async () => {
    const { db, result } = await fromAccessCookie();
    if (!result.ok) return null;
    const [sessions, activity] = await Promise.all([
      listActiveSessions(db, result.user.id),
      listAuditEvents(db, result.user.id, { limit: 10 }),
    ]);
    return {
      user: toPublicUser(result.user),
      hasPassword: hasUsablePassword(result.user.passwordHash),
      sessions: sessions.map((s) => toSessionView(s, result.session.id)),
      activity: activity.results,
    };
  });
}

/**
 * `work`, unless the database cannot be reached: then `orElse` if given, else a redirect to
 * the branded /unavailable page, which links back here. Redirecting (rather than throwing to
 * an error boundary, which Next.js logs with a stack on every request) keeps the log to one
 * line per outage.
 */
async function unlessUnavailable<T>(work: () => Promise<T>, options: { orElse?: T } = {}): Promise<T> {
  try {
    const result = await work();
    void databaseMayBeBack();
    return result;
  } catch (error) {
    if (!isDatabaseOutage(error)) throw error;
    reportDatabaseOutage(error);
    if ("orElse" in options) return options.orElse as T;
    const here = (await headers()).get(PAGE_PATH_HEADER) ?? "/";
    redirect(`/unavailable?next=${encodeURIComponent(here)}`);
  }
}
