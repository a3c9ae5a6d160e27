import { z } from "zod";

// A regex rather than String#isWellFormed, which older browsers running the forms lack.
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Postgres text cannot hold NUL, and jsonb (the audit log) refuses unpaired surrogates: text
 * that is stored or logged must be free of both, or bad input would become a 500.
 */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !UNPAIRED_SURROGATE.test(value);
}

export const notStorableMessage = (label: string) => `${label} contains characters that are not allowed.`;

/**
 * A required string with messages a person understands, trimmed unless told otherwise.
 * Trimmed text is stored or logged, so it must be storable; untrimmed text (passwords) is only hashed.
 */
export function requiredText(label: string, { max = 150, trim = true } = {}) {
  const base = z.string({
    error: (issue) =>
      issue.input === undefined || issue.input === null ? `${label} is required.` : `${label} must be text.`,
  });
  const text = (trim ? base.trim() : base)
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);
  return trim ? text.refine(isStorableText, notStorableMessage(label)) : text;
}

export function boundedText(label: string, max = 150) {
  return z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .refine(isStorableText, notStorableMessage(label));
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
