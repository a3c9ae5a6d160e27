import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { emailChanges, oneTimeTokens, users } from "@/db/schema";
import { sendEmailChangeConfirmMail, sendEmailChangedMail, sendEmailTakenMail } from "@/lib/mail/messages";
import { withinLimit } from "@/lib/ratelimit";
import type { EmailChangeInput } from "@/lib/schemas/account-lifecycle";
import type { EmailVerifyInput } from "@/lib/schemas/auth";
import { recordAuditEvent } from "./audit";
import type { ClientInfo } from "./client-info";
import { forgetKnownDevices } from "./known-device";
import {
  discardOneTimeTokens,
  issueOneTimeToken,
  lockOneTimeToken,
  markOneTimeTokenUsed,
  type TokenFailure,
} from "./one-time-token";
import { proofProblemOf } from "./password-proof";
import { revokeUserSessions } from "./session";
import type { UserRow } from "./user";

type FieldFailure = { ok: false; code: "validation_error"; fields: Record<string, string[]> };
export type EmailChangeRequestResult = { ok: true; deliver: () => Promise<void> } | FieldFailure;
type Unavailable = { ok: false; code: "email_unavailable" };
export type EmailChangeConfirmResult = { ok: true; deliver: () => Promise<void> } | TokenFailure | Unavailable;
export type EmailChangeRevertResult = { ok: true } | TokenFailure | Unavailable;

/**
 * Checks the password and the address, and records the request. What happens next is the same
 * answer whether the address is free or taken (`deliver`, run after the response): a free
 * address gets a confirmation link, the owner of a taken one a notice. Either way a pending
 * change asked for before dies, so an old link still working tells nothing either.
 */
export async function requestEmailChange(
  db: Database,
  user: UserRow,
  input: EmailChangeInput,
  ctx: ClientInfo,
): Promise<EmailChangeRequestResult> {
  const problem = await proofProblemOf(db, user, input);
  if (problem) return { ok: false, code: "validation_error", fields: { [problem.field]: [problem.message] } };
  if (input.new_email === user.email.toLowerCase())
    return { ok: false, code: "validation_error", fields: { new_email: ["That is already your email address."] } };
  await recordAuditEvent(db, "email_change_requested", ctx, user.id);
  return { ok: true, deliver: () => mailChangeLink(db, user, input.new_email) };
}

async function mailChangeLink(db: Database, user: UserRow, newEmail: string): Promise<void> {
  const outcome = await db.transaction(async (tx) => {
    await discardOneTimeTokens(tx, user.id, "email_change");
    if (await emailHeldByAnother(tx, newEmail, user.id)) return null;
    const link = await issueOneTimeToken(tx, user.id, "email_change");
    await tx.insert(emailChanges).values({ tokenHash: link.tokenHash, oldEmail: user.email, newEmail });
    return link;
  });
  // Every address this sends to, free or taken, shares the resend limit: no flooding an inbox.
  if (!(await withinLimit("verify_resend", `address|${newEmail}`))) return;
  if (outcome) await sendEmailChangeConfirmMail(newEmail, outcome);
  else await sendEmailTakenMail(newEmail);
}

async function emailHeldByAnother(db: Database, email: string, userId: string): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email.toLowerCase()}`, ne(users.id, userId)))
    .limit(1);
  return rows.length > 0;
}

/**
 * The link from the new inbox: the address changes (verified, as the link proved it) and the
 * old address gets a "this wasn't me" link. If the address was taken meanwhile, nothing
 * changes and the link stays usable (409 `email_unavailable`).
 */
export async function confirmEmailChange(
  db: Database,
  link: EmailVerifyInput,
  ctx: ClientInfo,
): Promise<EmailChangeConfirmResult> {
  const outcome = await unlessTaken(() =>
    db.transaction(async (tx) => {
      const locked = await lockOneTimeToken(tx, link, "email_change");
      if (!locked.ok) return locked;
      const change = await changeOf(tx, locked.tokenHash);
      const [user] = await tx.select().from(users).where(eq(users.id, locked.userId)).for("update");
      if (!change || !user || user.email.toLowerCase() !== change.oldEmail.toLowerCase())
        return { ok: false, code: "invalid_token" } as const;
      if (await emailHeldByAnother(tx, change.newEmail, user.id))
        return { ok: false, code: "email_unavailable" } as const;
      await markOneTimeTokenUsed(tx, locked.tokenHash);
      await tx.update(users).set({ email: change.newEmail, emailVerified: true }).where(eq(users.id, user.id));
      const revert = await issueOneTimeToken(tx, user.id, "email_change_revert", { keepOthers: true });
      await tx.insert(emailChanges).values({ tokenHash: revert.tokenHash, ...change });
      await recordAuditEvent(tx, "email_changed", ctx, user.id);
      return { ok: true, notice: () => sendEmailChangedMail(change.oldEmail, change.newEmail, revert) } as const;
    }),
  );
  return outcome.ok ? { ok: true, deliver: outcome.notice } : outcome;
}

/**
 * "This wasn't me": the address from before that change comes back, every session and known
 * device of the account ends, and every pending link that the change could have put in other
 * hands dies (a pending change, reset links, the revert links of later changes, which went to
 * addresses this change brought in). Revert links of earlier changes stay: they reach further back.
 */
export async function revertEmailChange(
  db: Database,
  link: EmailVerifyInput,
  ctx: ClientInfo,
): Promise<EmailChangeRevertResult> {
  return unlessTaken(() =>
    db.transaction(async (tx) => {
      const locked = await lockOneTimeToken(tx, link, "email_change_revert");
      if (!locked.ok) return locked;
      const change = await changeOf(tx, locked.tokenHash);
      if (!change) return { ok: false, code: "invalid_token" } as const;
      const userId = locked.userId;
      if (await emailHeldByAnother(tx, change.oldEmail, userId))
        return { ok: false, code: "email_unavailable" } as const;
      const [token] = await tx.select().from(oneTimeTokens).where(eq(oneTimeTokens.tokenHash, locked.tokenHash));
      await markOneTimeTokenUsed(tx, locked.tokenHash);
      await tx.update(users).set({ email: change.oldEmail, emailVerified: true }).where(eq(users.id, userId));
      await tx
        .delete(oneTimeTokens)
        .where(
          and(
            eq(oneTimeTokens.userId, userId),
            eq(oneTimeTokens.purpose, "email_change_revert"),
            isNull(oneTimeTokens.usedAt),
            gt(oneTimeTokens.createdAt, token!.createdAt),
          ),
        );
      await discardOneTimeTokens(tx, userId, "email_change");
      await discardOneTimeTokens(tx, userId, "password_reset");
      const sessions = await revokeUserSessions(tx, userId);
      await forgetKnownDevices(tx, userId);
      await recordAuditEvent(tx, "email_change_reverted", ctx, userId, { sessions });
      return { ok: true } as const;
    }),
  );
}

/**
 * What a change or revert link's page shows on arrival, before its button is pressed: the
 * address the link would put on the account (the new one to confirm, the old one to restore),
 * or why the link is dead (invalid, expired, used). That address is the one the link's own
 * mail went to. A plain indexed read; it changes nothing.
 */
export async function emailChangeLinkState(
  db: Database,
  link: EmailVerifyInput,
  purpose: "email_change" | "email_change_revert",
): Promise<{ ok: true; address: string } | TokenFailure> {
  const locked = await lockOneTimeToken(db, link, purpose);
  if (!locked.ok) return locked;
  const change = await changeOf(db, locked.tokenHash);
  if (!change) return { ok: false, code: "invalid_token" };
  return { ok: true, address: purpose === "email_change" ? change.newEmail : change.oldEmail };
}

/** The address change waiting for its link, for the account's export. */
export async function pendingEmailChange(
  db: Database,
  userId: string,
): Promise<{ new_email: string; expires_at: string } | null> {
  const [row] = await db
    .select({ newEmail: emailChanges.newEmail, expiresAt: oneTimeTokens.expiresAt })
    .from(emailChanges)
    .innerJoin(oneTimeTokens, eq(oneTimeTokens.tokenHash, emailChanges.tokenHash))
    .where(
      and(
        eq(oneTimeTokens.userId, userId),
        eq(oneTimeTokens.purpose, "email_change"),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return row ? { new_email: row.newEmail, expires_at: row.expiresAt.toISOString() } : null;
}

async function changeOf(db: Database, tokenHash: string) {
  const [row] = await db
    .select({ oldEmail: emailChanges.oldEmail, newEmail: emailChanges.newEmail })
    .from(emailChanges)
    .where(eq(emailChanges.tokenHash, tokenHash));
  return row;
}

/** Another account taking the address between our check and our write trips its unique index. */
async function unlessTaken<T>(work: () => Promise<T>): Promise<T | Unavailable> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, code: "email_unavailable" };
    throw error;
  }
}
