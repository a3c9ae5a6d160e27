import { hasUsablePassword, verifyPassword } from "./password";
import type { UserRow } from "./user";

export const NO_PASSWORD_MESSAGE =
  "Your account has no password yet. Set one with “Forgot password?” on the login page, then try again.";

/**
 * Why the password entered to confirm a sensitive change (new email, deletion) is refused, or
 * null when it is right. An account made by a provider sign-in has no password to enter: it is
 * told how to set one (the dummy check still runs, so the time says nothing).
 */
export async function passwordProblemOf(user: UserRow, password: string): Promise<string | null> {
  if (await verifyPassword(user.passwordHash, password)) return null;
  return hasUsablePassword(user.passwordHash) ? "Your password is incorrect." : NO_PASSWORD_MESSAGE;
}
