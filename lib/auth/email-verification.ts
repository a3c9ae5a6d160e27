import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { users } from "@/db/schema";
import type { EmailVerifyInput } from "@/lib/schemas/auth";
import { recordAuditEvent } from "./audit";
import { sendVerificationMail } from "@/lib/mail/messages";
import { consumeOneTimeToken, issueOneTimeToken, type ConsumeResult } from "./one-time-token";
import type { ClientInfo } from "./client-info";
import { withinLimit } from "@/lib/ratelimit";
import { findUserByEmail, type UserRow } from "./user";

export async function verifyEmail(db: Database, input: EmailVerifyInput, ctx: ClientInfo): Promise<ConsumeResult> {
  return db.transaction(async (tx) => {
    const result = await consumeOneTimeToken(tx, input, "verify_email");
    if (!result.ok) return result;
    await tx.update(users).set({ emailVerified: true }).where(eq(users.id, result.userId));
    await recordAuditEvent(tx, "email_verified", ctx, result.userId);
    return result;
  });
}

/**
 * After a login with the right password on an unverified account (answered like a wrong
 * password): a fresh link, within the address's resend limit, so repeated logins cannot
 * flood an inbox that someone else signed up with.
 */
export function resendVerificationLater(db: Database, user: UserRow): () => Promise<void> {
  return async () => {
    if (!(await withinLimit("verify_resend", `address|${user.email.toLowerCase()}`))) return;
    await resendVerification(db, user.email);
  };
}

/** Sends a fresh link (superseding older ones) only to an unverified, active account. */
export async function resendVerification(db: Database, email: string): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user?.isActive || user.emailVerified) return;
  const link = await db.transaction((tx) => issueOneTimeToken(tx, user.id, "verify_email"));
  await sendVerificationMail(user.email, link);
}
