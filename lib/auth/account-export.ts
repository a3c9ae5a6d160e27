import { asc, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { auditEvents, sessions } from "@/db/schema";
import type { AccountExport } from "@/lib/schemas/account-lifecycle";
import { pendingEmailChange } from "./email-change";
import { toPublicUser, type UserRow } from "./user";

/**
 * Everything the account's owner may take away: the profile, every session still stored and
 * every audit event, oldest first. Built field by field, so no hash, token or key can slip in.
 */
export async function exportAccount(db: Database, user: UserRow): Promise<AccountExport> {
  const [sessionRows, eventRows, pending] = await Promise.all([
    db.select().from(sessions).where(eq(sessions.userId, user.id)).orderBy(asc(sessions.createdAt)),
    db.select().from(auditEvents).where(eq(auditEvents.userId, user.id)).orderBy(asc(auditEvents.id)),
    pendingEmailChange(db, user.id),
  ]);
  return {
    exported_at: new Date().toISOString(),
    profile: toPublicUser(user),
    sessions: sessionRows.map((s) => ({
      id: s.id,
      created_at: s.createdAt.toISOString(),
      last_used_at: s.lastUsedAt.toISOString(),
      expires_at: s.expiresAt.toISOString(),
      revoked_at: s.revokedAt?.toISOString() ?? null,
      ip: s.ip,
      user_agent: s.userAgent,
    })),
    audit_events: eventRows.map((e) => ({
      id: e.id,
      event: e.event,
      ip: e.ip,
      user_agent: e.userAgent,
      metadata: e.metadata ?? null,
      created_at: e.createdAt.toISOString(),
    })),
    pending_email_change: pending,
  };
}
