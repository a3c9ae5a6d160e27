import type { MfaRequired } from "@/lib/auth/mfa-challenge";
import { hashSecretToken } from "@/lib/auth/secret-token";
import type { Database } from "@/db";
import type { ClientInfo } from "@/lib/auth/client-info";
import type { DeviceOptions } from "@/lib/auth/known-device";
import { completeTwoFactorLogin, type TwoFactorLoginResult } from "@/lib/auth/two-factor-login";
import type { LoginTwoFactorInput } from "@/lib/schemas/two-factor";
import { isSecureUrl } from "@/lib/env";
import { readCookie } from "./cookies";
import { transportOf } from "./credentials";
import type { Failure } from "./errors";
import { tokenResponse } from "./token-response";

/**
 * A browser's half-done sign-in: the mfa_token in a short-lived httpOnly cookie, so the second
 * step works without JavaScript and after a redirect (OAuth), and the token never goes in a URL.
 * Token clients (`X-Auth-Transport: body`) get it in the body only.
 */
export function mfaCookieName(): string {
  return `${isSecureUrl() ? "__Host-" : ""}aw_mfa`;
}

export function mfaCookieLine(token: string, maxAgeSeconds: number): string {
  const secure = isSecureUrl() ? "; Secure" : "";
  // Lax: an OAuth provider sends the browser back with a top-level GET, which Lax cookies follow.
  return `${mfaCookieName()}=${token}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
}

export const clearMfaCookieLine = () => mfaCookieLine("", 0);

/** The token the request presents: the body's, else the browser's cookie. */
export function mfaTokenOf(request: Request, body: { mfa_token?: string }): string | null {
  return body.mfa_token ?? readCookie(request, mfaCookieName()) ?? null;
}

function isMfaRequired(failure: Failure): failure is Failure & MfaRequired {
  return failure.code === "mfa_required" && "mfaToken" in failure;
}

/** An `mfa_required` answer sets the cookie for browsers; any other answer passes unchanged. */
export function withMfaCookie(request: Request, failure: Failure, response: Response): Response {
  if (!isMfaRequired(failure) || transportOf(request) === "body") return response;
  const seconds = Math.max(1, Math.round((failure.expiresAt.getTime() - Date.now()) / 1000));
  response.headers.append("set-cookie", mfaCookieLine(failure.mfaToken, seconds));
  return response;
}

/** The rate-limit key of a half-done sign-in: its token's digest (the IP's when it has none). */
export function mfaLimitKey(request: Request, body: { mfa_token?: string }, ip: string): string {
  const token = mfaTokenOf(request, body);
  return token ? `token:${hashSecretToken(token).slice(0, 22)}` : `ip:${ip}`;
}

interface SecondStep {
  request: Request;
  db: Database;
  body: LoginTwoFactorInput;
  client: ClientInfo;
  device: DeviceOptions;
  later: (task: () => Promise<void>) => Promise<void>;
}

/** `POST /api/auth/login/2fa`: the half-done sign-in the body's token (or the cookie) names, completed. */
export async function finishTwoFactorLogin({ request, db, body, client, device, later }: SecondStep) {
  const mfaToken = mfaTokenOf(request, body);
  const result: TwoFactorLoginResult = mfaToken
    ? await completeTwoFactorLogin(db, { mfaToken, code: body.code, recoveryCode: body.recovery_code }, client, device)
    : { ok: false, code: "mfa_token_invalid" };
  if (result.ok && result.followUp) await later(result.followUp);
  return twoFactorAnswer(request, result);
}

/**
 * The second step's answer: a session (cookies or token body, the mfa cookie cleared), or the
 * refusal (a dead token also clears the cookie, so the page asks for a new login).
 */
function twoFactorAnswer(request: Request, result: TwoFactorLoginResult): Response | Failure {
  if (!result.ok) return result.code === "mfa_token_invalid" ? { ...result, headers: clearing() } : result;
  const response = tokenResponse(request, result.tokens, {
    body: { user: result.user },
    deviceToken: result.deviceToken,
  });
  if (transportOf(request) === "cookie") response.headers.append("set-cookie", clearMfaCookieLine());
  return response;
}

const clearing = () => ({ "set-cookie": clearMfaCookieLine() });

/**
 * For a browser redirect (an OAuth callback): the Set-Cookie line that carries an `mfa_required`
 * refusal's token to /login/2fa, or null for any other outcome.
 */
export function mfaRedirectCookie(result: { ok: boolean }): string | null {
  if (result.ok || !isMfaRequired(result as Failure)) return null;
  const failure = result as Failure & MfaRequired;
  const seconds = Math.max(1, Math.round((failure.expiresAt.getTime() - Date.now()) / 1000));
  return mfaCookieLine(failure.mfaToken, seconds);
}
