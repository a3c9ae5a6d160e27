import { cookieNames, readCookie } from "./cookies";

export type Transport = "cookie" | "body";

/** Token clients opt in with `X-Auth-Transport: body`; browsers get httpOnly cookies. */
export function transportOf(request: Request): Transport {
  return request.headers.get("x-auth-transport")?.trim().toLowerCase() === "body" ? "body" : "cookie";
}

export interface PresentedAccessToken {
  token: string | null;
  bearer: boolean;
}

export function accessTokenOf(request: Request): PresentedAccessToken {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (header) return { token: match?.[1] ?? null, bearer: true };
  return { token: readCookie(request, cookieNames().access) ?? null, bearer: false };
}

export function refreshCookieOf(request: Request): string | null {
  return readCookie(request, cookieNames().refresh) ?? null;
}
