import { NextResponse } from "next/server";

/** Every expected failure has a stable machine code, one status and one human sentence. */
export const ERRORS = {
  validation_error: [400, "Some fields are invalid."],
  invalid_json: [400, "The request body is not valid JSON."],
  invalid_token: [400, "This link is invalid. Request a new one."],
  token_expired: [400, "This link has expired. Request a new one."],
  token_used: [400, "This link has already been used."],
  not_authenticated: [401, "Authentication credentials were not provided or are invalid."],
  invalid_credentials: [
    401,
    "Check your username and password. Just signed up? Confirm your email first: we have sent you a new link.",
  ],
  invalid_refresh_token: [401, "The refresh token is invalid or expired."],
  refresh_token_reused: [401, "This refresh token was already used; the session has been revoked."],
  session_revoked: [401, "This session has ended. Log in again."],
  email_not_verified: [403, "Verify your email address before logging in."],
  account_disabled: [403, "This account is disabled."],
  forbidden: [403, "You do not have permission to do this."],
  csrf_failed: [403, "Cross-site request refused: it did not come from a trusted origin."],
  not_found: [404, "Not found."],
  method_not_allowed: [405, "Method not allowed."],
  payload_too_large: [413, "The request body is larger than 64 KiB."],
  unsupported_media_type: [415, "Send the request body as JSON or a URL-encoded form."],
  rate_limited: [429, "Too many requests. Try again later."],
  login_throttled: [429, "Too many failed attempts. Try again later, or reset your password."],
  internal_error: [500, "Something went wrong on our side."],
  service_unavailable: [503, "The service is briefly unavailable. Try again in a few seconds."],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof ERRORS;
export type FieldErrors = Record<string, string[]>;

export interface ErrorBody {
  detail: string;
  code: ErrorCode;
  fields?: FieldErrors;
}

export function errorResponse(
  code: ErrorCode,
  options: { fields?: FieldErrors; detail?: string; headers?: HeadersInit } = {},
): NextResponse<ErrorBody> {
  const [status, detail] = ERRORS[code];
  const body: ErrorBody = { detail: options.detail ?? detail, code };
  if (options.fields) body.fields = options.fields;
  return NextResponse.json(body, { status, headers: options.headers });
}

/**
 * An expected failure as lib/ and route handlers return it; the route declaration answers it
 * through the table above (status, detail, field errors, Retry-After).
 */
export interface Failure {
  ok: false;
  code: ErrorCode;
  fields?: FieldErrors;
  retryAfter?: number;
  headers?: Record<string, string>;
  /** Work to run after the answer is sent (mail whose cost must not show in its timing). */
  followUp?: () => Promise<void>;
}

export function fail(code: ErrorCode, extra: Omit<Failure, "ok" | "code"> = {}): Failure {
  return { ok: false, code, ...extra };
}

export function failureResponse(failure: Failure): NextResponse<ErrorBody> {
  const headers: Record<string, string> = { ...failure.headers };
  if (failure.retryAfter !== undefined) headers["retry-after"] = String(failure.retryAfter);
  return errorResponse(failure.code, { fields: failure.fields, headers });
}
