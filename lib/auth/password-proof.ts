import type { Database } from "@/db";
import { hasUsablePassword, verifyPassword } from "./password";
import { spendReauthCode } from "./reauth-code";
import type { UserRow } from "./user";

export const NO_PASSWORD_MESSAGE =
  "Your account has no password yet: ask for a code by email and enter it instead, or set one with “Forgot password?”.";

export const WRONG_CODE_MESSAGE = "That code is wrong, used or expired. Ask for a new one.";

/** What confirms a sensitive change: the password, or a code mailed by POST /api/auth/reauth-code. */
export type Proof = { password?: string; code?: string };

/**
 * Why the proof entered to confirm a sensitive change (new email, deletion) is refused, and
 * beside which field, or null when it holds. A code is the account's live mailed code (single
 * use, limited attempts); without one, the password. An account made by a provider sign-in has
 * no password to enter and is told to ask for a code (the dummy check still runs, so the time
 * says nothing).
 */
export async function proofProblemOf(
  db: Database,
  user: UserRow,
  proof: Proof,
): Promise<{ field: "password" | "code"; message: string } | null> {
  if (proof.code !== undefined)
    return (await spendReauthCode(db, user.id, proof.code)) ? null : { field: "code", message: WRONG_CODE_MESSAGE };
  if (await verifyPassword(user.passwordHash, proof.password ?? "")) return null;
  const message = hasUsablePassword(user.passwordHash) ? "Your password is incorrect." : NO_PASSWORD_MESSAGE;
  return { field: "password", message };
}
