import { env } from "@/lib/env";
import { cookieNames, readCookie } from "./cookies";

// Edge-safe: used by the route wrapper (CSRF) and by middleware (CORS).

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Our own origin (AUTH_URL) and every origin listed in AUTH_TRUSTED_ORIGINS. */
export function isTrustedOrigin(origin: string): boolean {
  const e = env();
  return origin === new URL(e.AUTH_URL).origin || e.AUTH_TRUSTED_ORIGINS.some((o) => o.replace(/\/+$/, "") === origin);
}

function hostOrigin(request: Request): string | null {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!host) return null;
  return `${new URL(request.url).protocol}//${host}`;
}

/**
 * CSRF defence for cookie-authenticated requests (DESIGN.md §6). A browser always says where
 * a request comes from (Origin, or at least Sec-Fetch-Site); a cross-site one is refused.
 * Bearer calls carry no ambient credentials and are exempt; so are requests without our
 * cookies and without browser headers (curl, servers), which have nothing to forge.
 */
export function passesCsrfCheck(request: Request): boolean {
  if (!UNSAFE_METHODS.has(request.method)) return true;
  const names = cookieNames();
  const hasAuthCookie = Boolean(readCookie(request, names.access) || readCookie(request, names.refresh));
  // Logout and refresh fall back to the cookies, so a bearer header only exempts a request without them.
  if (!hasAuthCookie && request.headers.get("authorization")?.match(/^Bearer\s/i)) return true;
  const origin = request.headers.get("origin");
  if (origin && origin !== "null") return isTrustedOrigin(origin) || origin === hostOrigin(request);
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  if (origin === "null") return false;
  return !hasAuthCookie;
}

/** CORS response headers for a trusted cross-origin caller; none for anyone else. */
export function corsHeaders(request: Request): Record<string, string> | null {
  const origin = request.headers.get("origin");
  if (!origin || !isTrustedOrigin(origin) || origin === hostOrigin(request)) return null;
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-credentials": "true",
    "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
    "access-control-allow-headers": "content-type, authorization, x-auth-transport, x-request-id",
    "access-control-expose-headers": "retry-after, x-request-id, www-authenticate",
    "access-control-max-age": "600",
    vary: "Origin",
  };
}
