import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { users } from "@/db/schema";
import type { EmailVerifyInput } from "@/lib/schemas/auth";
import { recordAuditEvent } from "./audit";
import { consumeOneTimeToken, type ConsumeResult } from "./one-time-token";
import type { RequestContext } from "./request-context";

export async function verifyEmail(db: Database, input: EmailVerifyInput, ctx: RequestContext): Promise<ConsumeResult> {
  return db.transaction(async (tx) => {
    const result = await consumeOneTimeToken(tx, input, "verify_email");
    if (!result.ok) return result;
    await tx.update(users).set({ emailVerified: true }).where(eq(users.id, result.userId));
    await recordAuditEvent(tx, "email_verified", ctx, result.userId);
    return result;
  });
}
