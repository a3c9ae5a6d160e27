import { createHash, randomUUID } from "node:crypto";
import { and, desc, eq, gt, isNull, ne } from "drizzle-orm";
import type { Database } from "@/db";
import { asCtes, type Write } from "@/db/one-statement";
import { refreshTokens, sessions, users } from "@/db/schema";
import { env } from "@/lib/env";
import { recordAuditEvent } from "./audit";
import { ACCESS_TYP, REFRESH_TYP, signToken, verifyToken, type IssuedTokens } from "./jwt";
import type { ClientInfo } from "./client-info";
import { generateSecretToken, hashSecretToken } from "./secret-token";
import { describeDevice } from "./device";
import { isUuid } from "./user";

export type SessionRow = typeof sessions.$inferSelect;

export type RotateResult =
  | { ok: true; tokens: IssuedTokens; userId: string; sessionId: string }
  | { ok: false; code: "invalid_refresh_token" | "refresh_token_reused" | "session_revoked" };

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * A new session (a refresh-token family) and its first token pair, signed: the rows are not
 * written yet but returned as writes, so the caller stores them along with its own in one
 * statement (the session's id is made here, so nothing waits for the database to make one).
 */
export async function newSession(
  db: Database,
  userId: string,
  ctx: ClientInfo,
): Promise<{ writes: Write[]; tokens: IssuedTokens }> {
  const now = new Date();
  const session: SessionRow = {
    id: randomUUID(),
    userId,
    createdAt: now,
    lastUsedAt: now,
    expiresAt: new Date(now.getTime() + env().SESSION_MAX_AGE_SECONDS * 1000),
    revokedAt: null,
    userAgent: ctx.userAgent,
    ip: ctx.ip,
  };
  const jti = generateSecretToken();
  const refresh = refreshTokenRow(session, jti, now);
  return {
    writes: [db.insert(sessions).values(session), db.insert(refreshTokens).values(refresh)],
    tokens: await signPair(session, jti, now, refresh.expiresAt),
  };
}

function refreshTokenRow(session: SessionRow, jti: string, now: Date) {
  const expiresAt = new Date(
    Math.min(now.getTime() + env().REFRESH_TOKEN_TTL_SECONDS * 1000, session.expiresAt.getTime()),
  );
  return { jtiHash: hashSecretToken(jti), sessionId: session.id, issuedAt: now, expiresAt };
}

async function signPair(
  session: SessionRow,
  refreshJti: string,
  issuedAt: Date,
  refreshExpiresAt: Date,
): Promise<IssuedTokens> {
  const now = new Date();
  const accessExpiresAt = new Date(
    Math.min(now.getTime() + env().ACCESS_TOKEN_TTL_SECONDS * 1000, session.expiresAt.getTime()),
  );
  const [access, refresh] = await Promise.all([
    signToken(ACCESS_TYP, {
      sub: session.userId,
      sid: session.id,
      jti: generateSecretToken(),
      iat: seconds(now),
      exp: seconds(accessExpiresAt),
    }),
    signToken(REFRESH_TYP, {
      sub: session.userId,
      sid: session.id,
      jti: refreshJti,
      iat: seconds(issuedAt),
      exp: seconds(refreshExpiresAt),
    }),
  ]);
  return { access, refresh, accessExpiresAt, refreshExpiresAt };
}

/**
 * The successor of a refresh token is derived from its jti, so a retry inside the grace
 * window can be answered with the same successor although only hashes are stored. Nobody
 * without the old token can compute it, and minting a token still needs the signing key.
 */
function successorJti(jti: string): string {
  return createHash("sha256").update(`astroworld-rotation:${jti}`).digest("base64url");
}

/** The session a genuine refresh token belongs to (signature checked), for per-session limits. */
export async function refreshTokenSession(token: string | null): Promise<string | null> {
  if (!token) return null;
  const verified = await verifyToken(REFRESH_TYP, token);
  return verified.ok && isUuid(verified.claims.sid) ? verified.claims.sid : null;
}

/**
 * How far a replay inside the grace window may follow its successors (docs/tokens.md). More
 * rotations than this within seconds is no browser (tabs refresh once per access-token
 * lifetime) but a second holder of the token family: the replay counts as reuse.
 */
export const GRACE_CHAIN_STEPS = 5;

type RefreshTokenRow = typeof refreshTokens.$inferSelect;

/**
 * The token a replay of a used one may be answered with: following the successors (each
 * derived from the one before) to the first unused one, as long as every token on the way
 * was used within the grace window. Never a used token: if the chain is longer than
 * GRACE_CHAIN_STEPS, breaks, or leaves the window, null, and the replay counts as reuse.
 * The chain cannot move while it is read: every refresh of the session holds the session's
 * row lock (the FOR UPDATE in rotateRefreshToken locks the joined session row too).
 */
async function liveSuccessor(
  tx: Database,
  sessionId: string,
  used: { jti: string; usedAt: Date },
  now: Date,
): Promise<{ jti: string; row: RefreshTokenRow } | null> {
  const graceMs = env().REFRESH_REUSE_GRACE_SECONDS * 1000;
  let { jti, usedAt } = used;
  for (let step = 0; step < GRACE_CHAIN_STEPS; step++) {
    if (now.getTime() - usedAt.getTime() > graceMs) return null;
    jti = successorJti(jti);
    const [row] = await tx
      .select()
      .from(refreshTokens)
      .where(and(eq(refreshTokens.jtiHash, hashSecretToken(jti)), eq(refreshTokens.sessionId, sessionId)))
      .limit(1);
    if (!row) return null;
    if (!row.usedAt) return { jti, row };
    usedAt = row.usedAt;
  }
  return null;
}

/** Rotation with reuse detection (docs/design.md#tokens-and-sessions). */
export async function rotateRefreshToken(db: Database, token: string | null, ctx: ClientInfo): Promise<RotateResult> {
  if (!token) return { ok: false, code: "invalid_refresh_token" };
  const verified = await verifyToken(REFRESH_TYP, token);
  if (!verified.ok) return { ok: false, code: "invalid_refresh_token" };
  const { jti, sid } = verified.claims;
  if (!isUuid(sid)) return { ok: false, code: "invalid_refresh_token" };

  return db.transaction(async (tx) => {
    // Locks the token and its session (not the user); a disabled account keeps no session
    // alive, as its access tokens are refused already.
    const [row] = await tx
      .select({ token: refreshTokens, session: sessions, ownerActive: users.isActive })
      .from(refreshTokens)
      .innerJoin(sessions, eq(refreshTokens.sessionId, sessions.id))
      .innerJoin(users, eq(sessions.userId, users.id))
      .where(and(eq(refreshTokens.jtiHash, hashSecretToken(jti)), eq(refreshTokens.sessionId, sid)))
      .for("update", { of: [refreshTokens, sessions] })
      .limit(1);
    if (!row) return { ok: false, code: "invalid_refresh_token" } as const;
    const { session } = row;
    const now = new Date();
    const sessionEnded = session.revokedAt !== null || session.expiresAt <= now;
    if (sessionEnded || !row.ownerActive) return { ok: false, code: "session_revoked" } as const;

    if (row.token.usedAt) {
      // Parallel tabs often refresh at once: inside the grace window the loser gets the
      // token that is live now instead of being treated as a thief.
      const live = await liveSuccessor(tx, session.id, { jti, usedAt: row.token.usedAt }, now);
      if (live) {
        const tokens = await signPair(session, live.jti, live.row.issuedAt, live.row.expiresAt);
        return { ok: true, tokens, userId: session.userId, sessionId: session.id } as const;
      }
      await tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, session.id));
      await recordAuditEvent(tx, "refresh_reuse", ctx, session.userId, { session_id: session.id });
      return { ok: false, code: "refresh_token_reused" } as const;
    }

    const successor = successorJti(jti);
    const next = refreshTokenRow(session, successor, now);
    // The token spent, the session touched and the successor stored: one statement.
    const spend = tx.update(refreshTokens).set({ usedAt: now }).where(eq(refreshTokens.jtiHash, row.token.jtiHash));
    const touch = tx
      .update(sessions)
      .set({ lastUsedAt: now, ip: ctx.ip ?? session.ip, userAgent: ctx.userAgent ?? session.userAgent })
      .where(eq(sessions.id, session.id));
    await tx
      .with(...asCtes(tx, [spend, touch]))
      .insert(refreshTokens)
      .values(next);
    const tokens = await signPair(session, successor, now, next.expiresAt);
    return { ok: true, tokens, userId: session.userId, sessionId: session.id } as const;
  });
}

/** Ends one session (only if it belongs to `ownerId`, when given); returns its owner if it was live. */
export async function revokeSession(
  db: Database,
  sessionId: string,
  options: { ownerId?: string } = {},
): Promise<string | null> {
  if (!isUuid(sessionId)) return null;
  const { ownerId } = options;
  const [row] = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(sessions.id, sessionId), ownerId ? eq(sessions.userId, ownerId) : undefined, isNull(sessions.revokedAt)),
    )
    .returning({ userId: sessions.userId });
  return row?.userId ?? null;
}

/** Revokes every live session of a user except, when given, `keep` (the one making the request). */
export async function revokeUserSessions(
  db: Database,
  userId: string,
  options: { keep?: string } = {},
): Promise<number> {
  const { keep } = options;
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keep ? ne(sessions.id, keep) : undefined))
    .returning({ id: sessions.id });
  return rows.length;
}

export async function listActiveSessions(db: Database, userId: string): Promise<SessionRow[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastUsedAt));
}

export interface SessionView {
  id: string;
  device: string;
  user_agent: string | null;
  ip: string | null;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  current: boolean;
}

export function toSessionView(session: SessionRow, currentSessionId: string): SessionView {
  return {
    id: session.id,
    device: describeDevice(session.userAgent),
    user_agent: session.userAgent,
    ip: session.ip,
    created_at: session.createdAt.toISOString(),
    last_used_at: session.lastUsedAt.toISOString(),
    expires_at: session.expiresAt.toISOString(),
    current: session.id === currentSessionId,
  };
}
