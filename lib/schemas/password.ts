import { z } from "zod";

// Shared by API and forms: pure checks only. The server adds the common-password check
// (lib/auth/password-policy.ts) so the 49k-entry list never ships to the browser.

export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_LENGTH = 8;

export function passwordField(label = "Password", min = PASSWORD_MIN_LENGTH) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined || issue.input === null ? `${label} is required.` : `${label} must be text.`,
    })
    .transform((p) => p.normalize("NFKC"))
    .pipe(
      z
        .string()
        .min(1, `${label} is required.`)
        .min(min, `${label} must be at least ${min} characters.`)
        .max(PASSWORD_MAX_LENGTH, `${label} must be at most ${PASSWORD_MAX_LENGTH} characters.`),
    );
}

export interface PersonalAttributes {
  username?: string;
  email?: string;
  first_name?: string;
  last_name?: string;
}

const attributeLabels: Record<keyof PersonalAttributes, string> = {
  username: "username",
  email: "email address",
  first_name: "first name",
  last_name: "last name",
};

/** The attribute a password is too close to, following Django's similarity validator (ratio ≥ 0.7) plus containment. */
export function similarAttribute(password: string, attributes: PersonalAttributes): string | null {
  const pw = password.toLowerCase();
  for (const key of Object.keys(attributeLabels) as (keyof PersonalAttributes)[]) {
    const raw = attributes[key];
    if (!raw) continue;
    const value = raw.toLowerCase();
    const parts = [value, ...value.split(/\W+/)].filter((p) => p.length >= 3);
    const tooClose = parts.some((part) => (part.length >= 4 && pw.includes(part)) || similarity(pw, part) >= 0.7);
    if (tooClose) return attributeLabels[key];
  }
  return null;
}

/** 1 − normalised Levenshtein distance. */
export function similarity(a: string, b: string): number {
  if (!a.length && !b.length) return 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return 1 - prev[b.length]! / Math.max(a.length, b.length);
}

/** Adds the "passwords match" and "not like your name" issues to an object schema's refinement. */
export function checkNewPassword(
  ctx: z.RefinementCtx,
  value: { password: string; confirm: string; attributes: PersonalAttributes },
  fields: { password: string; confirm: string },
): void {
  if (value.password !== value.confirm) {
    ctx.addIssue({ code: "custom", path: [fields.confirm], message: "The two passwords do not match." });
  }
  const similar = similarAttribute(value.password, value.attributes);
  if (similar) {
    ctx.addIssue({
      code: "custom",
      path: [fields.password],
      message: `This password is too similar to your ${similar}.`,
    });
  }
}
