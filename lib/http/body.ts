import type { z } from "zod";
import type { ErrorCode, FieldErrors } from "./errors";

export const MAX_BODY_BYTES = 64 * 1024;

export type Parsed<T> = { ok: true; data: T } | { ok: false; code: ErrorCode; fields?: FieldErrors };

/**
 * Reads a JSON or URL-encoded form body within the size limit and validates it with the
 * shared schema: a form posted without JavaScript is checked exactly like the JSON call.
 */
export async function parseBody<S extends z.ZodType>(request: Request, schema: S): Promise<Parsed<z.output<S>>> {
  const raw = await readBody(request);
  if (!raw.ok) return raw;
  return validate(schema, raw.data);
}

const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/** Whether the body is an HTML form's default encoding. */
export function isUrlEncoded(request: Request): boolean {
  return FORM_TYPE.test(request.headers.get("content-type") ?? "");
}

/**
 * A POST without a body is treated as `{}`, so body-less calls (logout, refresh by cookie) work.
 * A URL-encoded form becomes an object of strings (a repeated name keeps its first value);
 * any other type than JSON or a form is refused (415).
 */
export async function readBody(request: Request): Promise<Parsed<unknown>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return { ok: false, code: "payload_too_large" };
  const text = await readLimited(request);
  if (text === null) return { ok: false, code: "payload_too_large" };
  if (text.trim() === "") return { ok: true, data: {} };
  const type = request.headers.get("content-type") ?? "";
  if (FORM_TYPE.test(type)) return { ok: true, data: formObject(text) };
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) return { ok: false, code: "unsupported_media_type" };
  try {
    return { ok: true, data: JSON.parse(text) };
  } catch {
    return { ok: false, code: "invalid_json" };
  }
}

function formObject(text: string): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(text)) if (!Object.hasOwn(data, name)) data[name] = value;
  return data;
}

export function validate<S extends z.ZodType>(schema: S, data: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, data: result.data };
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "non_field_errors";
    (fields[key] ??= []).push(issue.message);
  }
  return { ok: false, code: "validation_error", fields };
}

async function readLimited(request: Request): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      // Not awaited: a cancelled branch of a cloned (teed) body settles only once every branch is.
      void reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
