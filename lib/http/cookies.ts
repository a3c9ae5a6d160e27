import type { NextResponse } from "next/server";
import type { IssuedTokens } from "@/lib/auth/jwt";
import { isSecureUrl } from "@/lib/env";

// Edge-safe: middleware reads the same names. `__Host-` needs Secure and Path=/, so it is
// used whenever the public URL is https; plain names keep http://localhost working.
export function cookieNames(): { access: string; refresh: string; device: string } {
  const prefix = isSecureUrl() ? "__Host-" : "";
  return { access: `${prefix}aw_access`, refresh: `${prefix}aw_refresh`, device: `${prefix}aw_device` };
}

function baseOptions() {
  return { httpOnly: true, secure: isSecureUrl(), sameSite: "lax" as const, path: "/" };
}

export function setAuthCookies(response: NextResponse, tokens: IssuedTokens): void {
  const names = cookieNames();
  const now = Date.now();
  response.cookies.set(names.access, tokens.access, {
    ...baseOptions(),
    maxAge: Math.max(0, Math.floor((tokens.accessExpiresAt.getTime() - now) / 1000)),
  });
  response.cookies.set(names.refresh, tokens.refresh, {
    ...baseOptions(),
    maxAge: Math.max(0, Math.floor((tokens.refreshExpiresAt.getTime() - now) / 1000)),
  });
}

export function clearAuthCookies(response: NextResponse): void {
  const names = cookieNames();
  for (const name of [names.access, names.refresh]) response.cookies.set(name, "", { ...baseOptions(), maxAge: 0 });
}

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeCookieValue(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** A malformed escape is a bad credential (401), not a server error. */
function decodeCookieValue(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** The known-device cookie outlives logouts on purpose: it only ever loosens a throttle. */
export function setDeviceCookie(response: NextResponse, token: string, maxAgeSeconds: number): void {
  response.cookies.set(cookieNames().device, token, { ...baseOptions(), maxAge: maxAgeSeconds });
}
