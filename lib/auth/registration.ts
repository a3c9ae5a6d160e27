import { randomUUID } from "node:crypto";
import type { Database } from "@/db";
import { users } from "@/db/schema";
import { sendAccountExistsMail, sendVerificationMail } from "@/lib/mail/messages";
import type { RegisterInput } from "@/lib/schemas/auth";
import { recordAuditEvent } from "./audit";
import { issueOneTimeToken, type LinkToken } from "./one-time-token";
import { hashPassword } from "./password";
import { COMMON_PASSWORD_MESSAGE, isCommonPassword } from "./password-policy";
import type { RequestContext } from "./request-context";
import { findUserByEmail, toPublicUser, USERNAME_TAKEN_MESSAGE, usernameTaken, type PublicUser } from "./user";

export type RegisterResult =
  | { ok: true; user: PublicUser; sendMail: () => Promise<void> }
  | { ok: false; code: "validation_error"; fields: Record<string, string[]> };

/**
 * Registering an email that already has an account answers exactly like a fresh sign-up
 * and mails the owner instead, so the form cannot be used to learn who is registered. The
 * mail is the caller's to send, after the response, so its cost does not tell either.
 */
export async function registerUser(db: Database, input: RegisterInput, ctx: RequestContext): Promise<RegisterResult> {
  if (isCommonPassword(input.password)) return fieldError("password", COMMON_PASSWORD_MESSAGE);
  const passwordHash = await hashPassword(input.password);

  type Outcome = { kind: "created"; user: typeof users.$inferSelect; link: LinkToken } | { kind: "exists"; email: string } | { kind: "taken" };
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    if (await usernameTaken(tx, input.username)) return { kind: "taken" };
    const existing = await findUserByEmail(tx, input.email);
    if (existing) {
      await recordAuditEvent(tx, "register_existing_email", ctx, existing.id);
      return { kind: "exists", email: existing.email };
    }
    const [user] = await tx
      .insert(users)
      .values({ username: input.username, email: input.email, passwordHash, firstName: input.first_name, lastName: input.last_name })
      .onConflictDoNothing()
      .returning();
    if (!user) return { kind: "taken" };
    const link = await issueOneTimeToken(tx, user.id, "verify_email");
    await recordAuditEvent(tx, "register", ctx, user.id);
    return { kind: "created", user, link };
  });

  if (outcome.kind === "taken") return fieldError("username", USERNAME_TAKEN_MESSAGE);
  if (outcome.kind === "exists") {
    const email = outcome.email;
    return { ok: true, user: lookalikeUser(input), sendMail: () => sendAccountExistsMail(email) };
  }
  const { user, link } = outcome;
  return { ok: true, user: toPublicUser(user), sendMail: () => sendVerificationMail(user.email, link) };
}

function fieldError(field: string, message: string): RegisterResult {
  return { ok: false, code: "validation_error", fields: { [field]: [message] } };
}

/** What a fresh registration with this input would have returned. */
function lookalikeUser(input: RegisterInput): PublicUser {
  return {
    id: randomUUID(),
    username: input.username,
    email: input.email,
    first_name: input.first_name,
    last_name: input.last_name,
    bio: "",
    profile_picture: null,
    email_verified: false,
    date_joined: new Date().toISOString(),
    last_login: null,
  };
}
