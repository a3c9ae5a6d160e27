import type { Database } from "@/db";
import { auditEvents } from "@/db/schema";
import type { RequestContext } from "./request-context";

export type AuditEvent =
  | "register"
  | "register_existing_email"
  | "email_verified"
  | "login_success"
  | "login_failure"
  | "logout"
  | "refresh_reuse"
  | "password_change"
  | "password_reset";

/** Written with the same executor (transaction) as the change it records. */
export async function recordAuditEvent(
  db: Pick<Database, "insert">,
  event: AuditEvent,
  ctx: RequestContext,
  userId: string | null,
  metadata?: Record<string, unknown>,
): Promise<void> {
  await db.insert(auditEvents).values({ event, userId, ip: ctx.ip, userAgent: ctx.userAgent, metadata });
}
