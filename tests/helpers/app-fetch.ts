// A `fetch` answered by the route handlers themselves, found through the OpenAPI registry
// (lib/openapi/registry.ts), so anything that takes a fetch (the typed client, a spec check)
// can drive the whole API in-process. `browserFetch` adds what a browser adds: a cookie jar
// and its Origin header.
import { NextRequest } from "next/server";
import type { Method } from "@/lib/openapi/document";
import { ROUTES } from "@/lib/openapi/registry";
import { cookieHeader, storeCookies, type CookieJar } from "./cookies";
import { BASE_URL } from "./http";

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The registry path (`/api/auth/sessions/{id}`) serving `pathname`, with its parameters. */
export function routeOf(pathname: string): { path: string; params: Record<string, string> } | null {
  const bare = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  for (const path of Object.keys(ROUTES)) {
    const names: string[] = [];
    const source = path.replace(/[.]/g, "\\.").replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    const match = new RegExp(`^${source}$`).exec(bare);
    if (match) {
      return { path, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)])) };
    }
  }
  return null;
}

/** Server-side fetch: the request as given, with a client address like the proxy would add. */
export const appFetch: Fetch = async (input, init = {}) => {
  const request = new Request(new URL(String(input instanceof Request ? input.url : input), BASE_URL), init);
  const url = new URL(request.url);
  const found = routeOf(url.pathname);
  if (!found) return Response.json({ detail: "Not found.", code: "not_found" }, { status: 404 });
  const headers = new Headers(request.headers);
  if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", "203.0.113.9");
  const body = ["GET", "HEAD"].includes(request.method) ? undefined : await request.text();
  const nextRequest = new NextRequest(url, { method: request.method, headers, body });
  const handler = ROUTES[found.path]![request.method as Method];
  return handler(nextRequest, { params: Promise.resolve(found.params) });
};

/**
 * A browser page on `origin`: cookies are kept per jar and sent when the request says
 * `credentials: "include"` (or "same-origin" from our own origin), and Origin is always sent.
 */
export function browserFetch(origin: string, jar: CookieJar = new Map()): Fetch & { jar: CookieJar } {
  const run: Fetch = async (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("origin", origin);
    const credentials = init.credentials ?? "same-origin";
    const sendsCookies = credentials === "include" || (credentials === "same-origin" && origin === BASE_URL);
    if (sendsCookies && jar.size > 0) headers.set("cookie", cookieHeader(jar));
    const response = await appFetch(input, { ...init, headers });
    if (sendsCookies) storeCookies(jar, response);
    return response;
  };
  return Object.assign(run, { jar });
}
