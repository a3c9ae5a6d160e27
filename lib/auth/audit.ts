import { and, desc, eq, lt } from "drizzle-orm";
import type { Database } from "@/db";
import { auditEvents } from "@/db/schema";
import type { ClientInfo } from "./client-info";

export type AuditEvent =
  | "register"
  | "register_existing_email"
  | "email_verified"
  | "login_success"
  | "login_failure"
  | "logout"
  | "logout_all"
  | "session_revoked"
  | "refresh_reuse"
  | "password_change"
  | "password_reset"
  | "profile_update"
  | "lockout"
  | "unlock"
  | "passkey_added"
  | "passkey_removed"
  // Account lifecycle (issue 14); account_deleted is written with no user and a pseudonym only.
  | "email_change_requested"
  | "email_changed"
  | "email_change_reverted"
  | "account_deleted"
  // A code mailed to confirm a sensitive change instead of the password (accounts without one).
  | "reauth_code_requested"
  // Passwordless sign-in and new-device alerts (issue 14); the sign-in itself is login_success {method}.
  | "email_sign_in_requested"
  | "email_sign_in_failed"
  | "new_device_alert"
  | "account_secured"
  // Social sign-in (issue 16): a provider connected to or disconnected from the account; metadata {provider}.
  | "oauth_linked"
  | "oauth_unlinked"
  // Two-factor (issue 15): a half-done sign-in (metadata {first_factor}), a wrong second factor
  // (metadata {method}), TOTP turned on or off, a new set of recovery codes.
  | "mfa_challenge"
  | "mfa_failure"
  | "two_factor_enabled"
  | "two_factor_disabled"
  | "recovery_codes_regenerated";

/** Written with the same executor (transaction) as the change it records. */
export async function recordAuditEvent(
  db: Pick<Database, "insert">,
  event: AuditEvent,
  ctx: ClientInfo,
  userId: string | null,
  metadata?: Record<string, unknown>,
): Promise<void> {
  await auditEventInsert(db, event, ctx, userId, metadata);
}

/** The event's row, not yet written: for a caller that writes it in the same statement as the change. */
export function auditEventInsert(
  db: Pick<Database, "insert">,
  event: AuditEvent,
  ctx: ClientInfo,
  userId: string | null,
  metadata?: Record<string, unknown>,
) {
  return db.insert(auditEvents).values({ event, userId, ip: ctx.ip, userAgent: ctx.userAgent, metadata });
}

export interface AuditEventView {
  id: number;
  event: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
}

/** The user's own events, newest first, paged by id cursor. */
export async function listAuditEvents(
  db: Database,
  userId: string,
  page: { limit: number; before?: number },
): Promise<{ results: AuditEventView[]; next_before: number | null }> {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.userId, userId), page.before ? lt(auditEvents.id, page.before) : undefined))
    .orderBy(desc(auditEvents.id))
    .limit(page.limit + 1);
  const results = rows.slice(0, page.limit).map((r) => ({
    id: r.id,
    event: r.event,
    ip: r.ip,
    user_agent: r.userAgent,
    created_at: r.createdAt.toISOString(),
  }));
  return { results, next_before: rows.length > page.limit ? results.at(-1)!.id : null };
}
