import type { Database } from "@/db";
import { recordAuditEvent } from "./audit";
import { forgetKnownDevices } from "./known-device";
import { ACCESS_TYP, REFRESH_TYP, verifyToken } from "./jwt";
import type { ClientInfo } from "./client-info";
import { revokeSession, revokeUserSessions } from "./session";
import { isUuid } from "./user";

/** Revokes the session a valid access or refresh token names; a no-op when neither is valid. */
export async function logOut(
  db: Database,
  tokens: { access: string | null; refresh: string | null },
  ctx: ClientInfo,
): Promise<void> {
  const sessionId = await sessionIdOf(tokens);
  if (!sessionId) return;
  await db.transaction(async (tx) => {
    const userId = await revokeSession(tx, sessionId);
    if (userId) await recordAuditEvent(tx, "logout", ctx, userId, { session_id: sessionId });
  });
}

async function sessionIdOf(tokens: { access: string | null; refresh: string | null }): Promise<string | null> {
  for (const [typ, token] of [
    [ACCESS_TYP, tokens.access],
    [REFRESH_TYP, tokens.refresh],
  ] as const) {
    if (!token) continue;
    const verified = await verifyToken(typ, token);
    if (verified.ok && isUuid(verified.claims.sid)) return verified.claims.sid;
  }
  return null;
}

export async function logOutEverywhere(db: Database, userId: string, ctx: ClientInfo): Promise<number> {
  return db.transaction(async (tx) => {
    const count = await revokeUserSessions(tx, userId);
    // "Sign out everywhere" also forgets every browser that could pass a login throttle.
    await forgetKnownDevices(tx, userId);
    await recordAuditEvent(tx, "logout_all", ctx, userId, { sessions: count });
    return count;
  });
}

/** DELETE /sessions/{id}: only the caller's own sessions; anything else is "not found". */
export async function endOwnSession(
  db: Database,
  userId: string,
  sessionId: string,
  ctx: ClientInfo,
): Promise<{ ok: true } | { ok: false; code: "not_found" }> {
  return db.transaction(async (tx) => {
    // Filtering by owner makes someone else's session look exactly like a missing one.
    const revoked = (await revokeSession(tx, sessionId, { ownerId: userId })) !== null;
    if (!revoked) return { ok: false, code: "not_found" } as const;
    await recordAuditEvent(tx, "session_revoked", ctx, userId, { session_id: sessionId });
    return { ok: true } as const;
  });
}
