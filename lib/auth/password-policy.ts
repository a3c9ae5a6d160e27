import { dictionary } from "@zxcvbn-ts/language-common";
import { similarAttribute, type PersonalAttributes } from "@/lib/schemas/password";
import { normalizePassword } from "./password";

// zxcvbn-ts's maintained list of ~49,000 leaked passwords (NIST SP 800-63B "commonly used").
let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common.has(normalizePassword(password).toLowerCase());
}

export const COMMON_PASSWORD_MESSAGE = "This password is too common. Choose one that is harder to guess.";

/** The server-side half of the policy: the common list, and similarity to the stored account. */
export function passwordProblem(password: string, attributes: PersonalAttributes): string | null {
  if (isCommonPassword(password)) return COMMON_PASSWORD_MESSAGE;
  const similar = similarAttribute(password, attributes);
  return similar ? `This password is too similar to your ${similar}.` : null;
}
