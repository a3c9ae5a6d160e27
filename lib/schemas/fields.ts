import { z } from "zod";

/** A required string with messages a person understands, trimmed unless told otherwise. */
export function requiredText(label: string, { max = 150, trim = true } = {}) {
  const base = z.string({
    error: (issue) => (issue.input === undefined || issue.input === null ? `${label} is required.` : `${label} must be text.`),
  });
  return (trim ? base.trim() : base).min(1, `${label} is required.`).max(max, `${label} must be at most ${max} characters.`);
}

export function boundedText(label: string, max = 150) {
  return z.string({ error: `${label} must be text.` }).trim().max(max, `${label} must be at most ${max} characters.`);
}

export function optionalText(label: string, max = 150) {
  return boundedText(label, max).optional().default("");
}

/** One half of an emailed link: base64url only. */
export function linkPart(label: string) {
  return requiredText(label, { max: 200 }).regex(/^[A-Za-z0-9_-]+$/, `${label} is malformed.`);
}

export const usernameField = requiredText("Username")
  .min(3, "Username must be at least 3 characters.")
  .regex(/^[\p{L}\p{N}_.@+-]+$/u, "Use letters, digits and @ . + - _ only.");

export const emailField = requiredText("Email", { max: 254 })
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address." }));
