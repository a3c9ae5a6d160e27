import type { NextResponse } from "next/server";
import { env, isSecureUrl } from "@/lib/env";

// Edge-safe. Static headers (nosniff, frame options, referrer, permissions) live in
// next.config.ts; the CSP depends on the request (nonce) and on runtime config.

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

/** Set on every page request by the edge (never taken from the client): the path and query asked for. */
export const PAGE_PATH_HEADER = "x-page-path";

export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Runs a page request's edge step with a fresh nonce. Next.js reads the CSP from the request
 * headers the page is rendered with and stamps its own scripts with the nonce, so `next` gets
 * those headers to pass on; the browser gets the same CSP on the response.
 */
export async function withPageHeaders(
  request: Request,
  next: (headers: Headers) => Promise<NextResponse>,
): Promise<NextResponse> {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  headers.set("x-nonce", nonce);
  // Where the page was asked for, so a page that cannot reach the database can offer to come back.
  const { pathname, search } = new URL(request.url);
  headers.set(PAGE_PATH_HEADER, `${pathname}${search}`);
  const response = await next(headers);
  response.headers.set("content-security-policy", csp);
  return response;
}
