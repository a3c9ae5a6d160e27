import { isListedOrigin } from "./trusted-origins";

// Edge-safe: used by middleware (every API answer) and the route wrapper.

/**
 * CORS response headers for an AUTH_TRUSTED_ORIGINS caller; none for anyone else. Our own
 * origin needs none: its requests are same-origin.
 */
export function corsHeaders(request: Request): Record<string, string> | null {
  const origin = request.headers.get("origin");
  if (!origin || !isListedOrigin(origin)) return null;
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-credentials": "true",
    "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
    "access-control-allow-headers": "content-type, authorization, x-auth-transport, x-request-id",
    "access-control-expose-headers": "retry-after, x-request-id, www-authenticate",
    "access-control-max-age": "600",
  };
}

/**
 * Every API answer depends on Origin (CORS headers for some, CSRF refusals for others), so
 * every one says so: a shared cache must never hand one origin's answer to another.
 */
export function varyOnOrigin(headers: Headers): void {
  const vary = headers.get("vary");
  const listed = (vary ?? "").split(",").map((v) => v.trim().toLowerCase());
  if (listed.includes("origin") || listed.includes("*")) return;
  headers.set("vary", vary ? `${vary}, Origin` : "Origin");
}
