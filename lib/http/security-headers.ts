import { env, isSecureUrl } from "@/lib/env";

// Edge-safe. Static headers (nosniff, frame options, referrer, permissions) live in
// next.config.ts; these depend on the request (nonce) or on runtime config (HSTS).

/** A per-request nonce-based CSP: only scripts Next.js stamps with the nonce may run. */
export function contentSecurityPolicy(nonce: string): string {
  const dev = env().NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React style={...} props become style attributes; they cannot carry a nonce.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: https:${isSecureUrl() ? "" : " http:"}`,
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
    ...(isSecureUrl() ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** HSTS once the app is served over https in production. */
export function transportSecurityHeaders(): Record<string, string> {
  return env().NODE_ENV === "production" && isSecureUrl()
    ? { "strict-transport-security": "max-age=63072000; includeSubDomains" }
    : {};
}
