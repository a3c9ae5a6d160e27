import { randomUUID } from "node:crypto";
import type { Database } from "@/db";
import { users } from "@/db/schema";
import { sendAccountExistsMail, sendVerificationMail } from "@/lib/mail/messages";
import type { RegisterInput } from "@/lib/schemas/auth";
import { recordAuditEvent } from "./audit";
import { issueOneTimeToken, type LinkToken } from "./one-time-token";
import { hashPassword } from "./password";
import { COMMON_PASSWORD_MESSAGE, isCommonPassword } from "./password-policy";
import type { ClientInfo } from "./client-info";
import {
  findUserByEmail,
  toPublicUser,
  USERNAME_TAKEN_MESSAGE,
  usernameTaken,
  type PublicUser,
  type UserRow,
} from "./user";
import { lockUsername, reserveUsername } from "./username-reservation";

export type RegisterResult =
  | { ok: true; user: PublicUser; sendMail: () => Promise<void> }
  | { ok: false; code: "validation_error"; fields: Record<string, string[]> };

/**
 * Registering an email that already has an account answers exactly like a fresh sign-up
 * and mails the owner instead, so the form cannot be used to learn who is registered. The
 * mail is the caller's to send, after the response, so its cost does not tell either.
 */
export async function registerUser(db: Database, input: RegisterInput, ctx: ClientInfo): Promise<RegisterResult> {
  if (isCommonPassword(input.password)) return fieldError("password", COMMON_PASSWORD_MESSAGE);
  const passwordHash = await hashPassword(input.password);

  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    await lockUsername(tx, input.username);
    // A second round only when the insert met a row that a parallel sign-up committed after
    // our checks. The username is ours under the lock, so that row holds the email: each
    // statement sees the latest commits (read committed), so the checks now find it and the
    // loser is answered as "email exists", as it would have been a moment later.
    for (let round = 0; round < 2; round++) {
      if (await usernameTaken(tx, input.username)) return { kind: "taken" };
      const existing = await findUserByEmail(tx, input.email);
      if (existing) return accountExists(tx, existing, input.username, ctx);
      const created = await createAccount(tx, input, passwordHash, ctx);
      if (created) return created;
    }
    throw new Error("Sign-up insert conflicted with a row the checks cannot find");
  });

  if (outcome.kind === "taken") return fieldError("username", USERNAME_TAKEN_MESSAGE);
  if (outcome.kind === "exists") {
    const email = outcome.email;
    return { ok: true, user: lookalikeUser(input), sendMail: () => sendAccountExistsMail(email) };
  }
  const { user, link } = outcome;
  return { ok: true, user: toPublicUser(user), sendMail: () => sendVerificationMail(user.email, link) };
}

type Outcome =
  { kind: "created"; user: UserRow; link: LinkToken } | { kind: "exists"; email: string } | { kind: "taken" };

/** Null when the insert conflicted: a parallel sign-up took the email (or the name) first. */
async function createAccount(
  tx: Database,
  input: RegisterInput,
  passwordHash: string,
  ctx: ClientInfo,
): Promise<Outcome | null> {
  const [user] = await tx
    .insert(users)
    .values({
      username: input.username,
      email: input.email,
      passwordHash,
      firstName: input.first_name,
      lastName: input.last_name,
    })
    .onConflictDoNothing()
    .returning();
  if (!user) return null;
  const link = await issueOneTimeToken(tx, user.id, "verify_email");
  await recordAuditEvent(tx, "register", ctx, user.id);
  return { kind: "created", user, link };
}

/** The requested username is held as if an account had been created (see reserveUsername). */
async function accountExists(tx: Database, owner: UserRow, username: string, ctx: ClientInfo): Promise<Outcome> {
  await reserveUsername(tx, username);
  await recordAuditEvent(tx, "register_existing_email", ctx, owner.id);
  return { kind: "exists", email: owner.email };
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
