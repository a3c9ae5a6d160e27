import { NextResponse } from "next/server";
import { MAX_PASSKEYS_PER_ACCOUNT } from "@/lib/schemas/passkeys";

/** Every expected failure has a stable machine code, one status and one human sentence. */
export const ERRORS = {
  validation_error: [400, "Some details need another look: see the note beside each field."],
  invalid_json: [400, "We could not read that request: it is not valid JSON."],
  invalid_token: [400, "This link isn't valid. Please ask for a new one."],
  token_expired: [400, "This link has expired. Please ask for a new one."],
  token_used: [400, "This link has already been used."],
  not_authenticated: [401, "You are not logged in, or your session has ended. Please log in."],
  invalid_credentials: [
    401,
    "That username or password isn't right. Just signed up? Confirm your email first: we have sent you a new link.",
  ],
  invalid_refresh_token: [401, "Your session has ended. Please log in again."],
  refresh_token_reused: [
    401,
    "For your safety we ended this session: it was used from two places. Please log in again.",
  ],
  session_revoked: [401, "This session was ended, perhaps from another device. Please log in again."],
  email_not_verified: [403, "Please confirm your email address before logging in."],
  account_disabled: [403, "This account has been disabled, so it can't be used to log in."],
  forbidden: [403, "You don't have permission to do that."],
  csrf_failed: [403, "For your safety we refused this: it did not come from this site. Reload the page and try again."],
  not_found: [404, "We couldn't find that."],
  method_not_allowed: [405, "Method not allowed."],
  // Passwordless sign-in (docs/design.md#passwordless-sign-in-by-email).
  email_sign_in_disabled: [404, "Signing in with an emailed link or code is not enabled on this server."],
  invalid_code: [400, "That code is not right, or it has expired. Check the newest mail, or ask for a new code."],
  email_unavailable: [409, "That email address is no longer available. Nothing was changed."],
  payload_too_large: [413, "That is more than we can take at once (64 KiB at most). Please shorten it."],
  unsupported_media_type: [415, "We can only read JSON or a form here."],
  rate_limited: [429, "That was a lot of tries in a short time. Please wait a moment and try again."],
  login_throttled: [429, "Too many tries for this account. Please wait a few minutes, or reset your password."],
  // Social sign-in (issue 16): answered as a 303 to /login (or /account when connecting) with the message in a flash.
  oauth_denied: [400, "Sign-in was cancelled at the provider. Nothing was changed."],
  oauth_state_invalid: [
    400,
    "This sign-in could not be checked: it was started in another browser or tab, or already used. Please try again.",
  ],
  oauth_state_expired: [400, "This sign-in took too long and has expired. Please try again."],
  oauth_provider_error: [502, "The provider could not complete the sign-in. Please try again in a moment."],
  oauth_email_unverified: [
    403,
    "Your email address is not verified with this provider. Verify it there first, or sign up with a password.",
  ],
  oauth_account_exists: [
    409,
    "An account with this email already exists. Log in with your password (or reset it), then connect this provider from your account page.",
  ],
  oauth_identity_taken: [409, "This provider account is already connected to another ASTROWORLD account."],
  oauth_provider_already_linked: [
    409,
    "Your account is already connected to a different account at this provider. Disconnect it first.",
  ],
  oauth_last_sign_in_method: [
    409,
    "This is your only way to sign in. Set a password (use “Forgot password?”) or connect another provider first.",
  ],
  passkey_challenge_invalid: [400, "This passkey request is unknown or was already used. Try again."],
  passkey_challenge_expired: [400, "This passkey request has expired. Try again."],
  passkey_not_verified: [400, "The passkey could not be verified. Try again."],
  passkey_invalid: [
    401,
    "This passkey was not accepted. It may have been removed from your account: log in with your password.",
  ],
  passkey_exists: [409, "This passkey is already registered."],
  passkey_limit: [
    409,
    `Your account holds ${MAX_PASSKEYS_PER_ACCOUNT} passkeys, the most it can. Remove one to add another.`,
  ],
  // Two-factor sign-in (docs/design.md#two-factor-authentication-totp).
  mfa_required: [403, "Enter the code from your authenticator app to finish signing in."],
  mfa_token_invalid: [401, "This sign-in has expired or was already finished. Log in again."],
  two_factor_enabled: [409, "Two-factor authentication is already on."],
  two_factor_not_enabled: [409, "Two-factor authentication is not on. Start setting it up first."],
  two_factor_unavailable: [503, "Two-factor authentication is not configured on this server."],
  internal_error: [500, "Something went wrong on our side. Please try again."],
  service_unavailable: [503, "We are briefly unavailable. Please try again in a few seconds."],
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
  /** Members the answer carries beside detail and code (an `mfa_required` answer's token). */
  body?: Record<string, unknown>;
  /** Work to run after the answer is sent (mail whose cost must not show in its timing). */
  followUp?: () => Promise<void>;
}

export function fail(code: ErrorCode, extra: Omit<Failure, "ok" | "code"> = {}): Failure {
  return { ok: false, code, ...extra };
}

export function failureResponse(failure: Failure): NextResponse<ErrorBody> {
  const headers: Record<string, string> = { ...failure.headers };
  if (failure.retryAfter !== undefined) headers["retry-after"] = String(failure.retryAfter);
  if (!failure.body) return errorResponse(failure.code, { fields: failure.fields, headers });
  const [status, detail] = ERRORS[failure.code];
  return NextResponse.json({ ...failure.body, detail, code: failure.code }, { status, headers });
}
