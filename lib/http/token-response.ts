import { NextResponse } from "next/server";
import type { IssuedTokens } from "@/lib/auth/jwt";
import { clearAuthCookies, setAuthCookies } from "./cookies";
import { transportOf } from "./credentials";
import { keepDeviceCookie } from "./device-cookie";

interface TokenResponseOptions {
  body?: Record<string, unknown>;
  /** A known-device token for a browser (cookie transport only). */
  deviceToken?: string | null;
}

/**
 * Browsers get the pair as httpOnly cookies; `X-Auth-Transport: body` clients get it in
 * the body ({access, refresh, token_type, expires_in}) and no cookies.
 */
export function tokenResponse(
  request: Request,
  tokens: IssuedTokens,
  { body = {}, deviceToken = null }: TokenResponseOptions = {},
): NextResponse {
  const access_expires_at = tokens.accessExpiresAt.toISOString();
  if (transportOf(request) === "body") {
    return NextResponse.json({
      ...body,
      access: tokens.access,
      refresh: tokens.refresh,
      token_type: "Bearer",
      expires_in: Math.max(0, Math.round((tokens.accessExpiresAt.getTime() - Date.now()) / 1000)),
      access_expires_at,
    });
  }
  const response = NextResponse.json({ ...body, access_expires_at });
  setAuthCookies(response, tokens);
  return keepDeviceCookie(response, deviceToken);
}

export function signedOutResponse(body: Record<string, unknown>, status = 200): NextResponse {
  const response = NextResponse.json(body, { status });
  clearAuthCookies(response);
  return response;
}
