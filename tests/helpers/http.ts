import { NextRequest } from "next/server";
import { ROUTES } from "@/lib/openapi/registry";
import { cookieHeader, type CookieJar } from "./cookies";

export const BASE_URL = "http://localhost:3000";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
// `never`: each handler declares its own `{ params }` shape; `call` builds the right one.
type RouteHandler = (request: NextRequest, context: never) => Promise<Response>;

// The route modules under test: the registry the OpenAPI document is built from, by path
// pattern ("/api/auth/sessions/{id}"), so a route added there is callable here too.
const routes = ROUTES as unknown as Record<string, Partial<Record<Method, RouteHandler>>>;

/** The route module for a concrete path, and the dynamic segments it fills in. */
export function resolveRoute(
  pathname: string,
): { module: Partial<Record<Method, RouteHandler>>; params: Record<string, string> } | null {
  for (const [pattern, routeModule] of Object.entries(routes)) {
    const names: string[] = [];
    const source = pattern.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    const match = new RegExp(`^${source}$`).exec(pathname);
    if (match)
      return {
        module: routeModule,
        params: Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)])),
      };
  }
  return null;
}

export interface RequestOptions {
  /** Serialised as the JSON body, with `content-type: application/json`. */
  json?: unknown;
  /** A raw body, sent as is (set `content-type` yourself). */
  body?: string;
  headers?: Record<string, string>;
  jar?: CookieJar;
  bearer?: string;
  /** `X-Auth-Transport: body`: tokens in the body instead of cookies. */
  tokenTransport?: boolean;
}

export function buildRequest(method: Method, path: string, options: RequestOptions = {}): NextRequest {
  const headers = new Headers({ "user-agent": "vitest", "x-forwarded-for": "203.0.113.7", ...options.headers });
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  if (options.jar && options.jar.size > 0) {
    headers.set("cookie", cookieHeader(options.jar));
    // What a browser sends with a same-origin fetch; cookie-authenticated writes need it.
    if (!headers.has("origin")) headers.set("origin", BASE_URL);
  }
  if (options.bearer !== undefined) headers.set("authorization", `Bearer ${options.bearer}`);
  if (options.tokenTransport) headers.set("x-auth-transport", "body");
  return new NextRequest(new URL(path, BASE_URL), { method, headers, body });
}

/** Calls the route handler exported for `method` by the module serving `path` (query strings allowed). */
export async function call(method: Method, path: string, options: RequestOptions = {}): Promise<Response> {
  const resolved = resolveRoute(new URL(path, BASE_URL).pathname);
  const handler = resolved?.module[method];
  if (!resolved || !handler) throw new Error(`No ${method} handler for ${path} in tests/helpers/http.ts`);
  const context = { params: Promise.resolve(resolved.params) } as never;
  return handler(buildRequest(method, path, options), context);
}

export function post(path: string, json?: unknown, options: Omit<RequestOptions, "json"> = {}): Promise<Response> {
  return call("POST", path, { ...options, json });
}

export function get(path: string, options: RequestOptions = {}): Promise<Response> {
  return call("GET", path, options);
}

/** The parsed JSON body; fails the test with the raw text if it is not JSON. */
export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  const text = await response.clone().text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`Expected a JSON body, got ${response.status}: ${text.slice(0, 200)}`);
  }
}
