import { cookieNames, readCookie } from "./cookies";
import { isTrustedOrigin } from "./trusted-origins";

// Edge-safe: used by the route wrapper.

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * CSRF defence for cookie-authenticated requests. A browser always says where a request
 * comes from (Origin, or at least Sec-Fetch-Site); a cross-site one is refused. Bearer calls
 * carry no ambient credentials and are exempt; so are requests without our cookies and
 * without browser headers (curl, servers), which have nothing to forge.
 */
export function passesCsrfCheck(request: Request): boolean {
  if (!UNSAFE_METHODS.has(request.method)) return true;
  const names = cookieNames();
  const hasAuthCookie = Boolean(readCookie(request, names.access) || readCookie(request, names.refresh));
  // Logout and refresh fall back to the cookies, so a bearer header only exempts a request without them.
  if (!hasAuthCookie && request.headers.get("authorization")?.match(/^Bearer\s/i)) return true;
  const origin = request.headers.get("origin");
  if (origin && origin !== "null") return isTrustedOrigin(origin);
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  if (origin === "null") return false;
  return !hasAuthCookie;
}
