import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { users } from "@/db/schema";
import type { LoginInput } from "@/lib/schemas/auth";
import { recordAuditEvent } from "./audit";
import type { IssuedTokens } from "./jwt";
import { hashPassword, passwordNeedsRehash, verifyDummyPassword, verifyPassword } from "./password";
import type { RequestContext } from "./request-context";
import { createSession } from "./session";
import { findUserByLogin, toPublicUser, type PublicUser } from "./user";

export type LoginResult =
  | { ok: true; user: PublicUser; tokens: IssuedTokens }
  | { ok: false; code: "invalid_credentials" | "email_not_verified" | "account_disabled" };

export async function logIn(db: Database, input: LoginInput, ctx: RequestContext): Promise<LoginResult> {
  const user = await findUserByLogin(db, input.login);
  const valid = user ? await verifyPassword(user.passwordHash, input.password) : await verifyDummyPassword(input.password);
  if (!user || !valid) {
    await recordAuditEvent(db, "login_failure", ctx, user?.id ?? null, user ? undefined : { login: input.login.slice(0, 254) });
    return { ok: false, code: "invalid_credentials" };
  }
  // Only someone who knows the password learns whether the account is disabled or unverified.
  if (!user.isActive) return { ok: false, code: "account_disabled" };
  if (!user.emailVerified) return { ok: false, code: "email_not_verified" };

  const rehash = passwordNeedsRehash(user.passwordHash) ? await hashPassword(input.password) : null;
  return db.transaction(async (tx) => {
    const now = new Date();
    const [updated] = await tx
      .update(users)
      .set({ lastLogin: now, ...(rehash ? { passwordHash: rehash } : {}) })
      .where(eq(users.id, user.id))
      .returning();
    const tokens = await createSession(tx, user.id, ctx);
    await recordAuditEvent(tx, "login_success", ctx, user.id);
    return { ok: true, user: toPublicUser(updated!), tokens };
  });
}
