import { NextResponse, type NextRequest } from "next/server";
import { cookieNames } from "@/lib/http/cookies";
import { API_METHODS, isApiMethod } from "@/lib/http/api-methods";
import { corsHeaders, varyOnOrigin } from "@/lib/http/cors";
import { errorResponse } from "@/lib/http/errors";
import { contentSecurityPolicy, newNonce, transportSecurityHeaders } from "@/lib/http/security-headers";
import { ACCESS_TYP, verifyToken } from "./jwt";

// Edge-safe route protection: jose and env only, no Node APIs, no database.

export const PROTECTED_PREFIXES = ["/account", "/dashboard"];

export function isProtectedPath(pathname: string): boolean {
  return PROTECTED_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

/** A `next=` target is honoured only when it is a same-origin relative path. */
export function safeNextPath(next: string | null | undefined, fallback = "/account"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return fallback;
  // Control characters would let a browser reinterpret the path (e.g. "/\t/evil.com").
  if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
  try {
    const url = new URL(next, "http://same.origin");
    if (url.origin !== "http://same.origin") return fallback;
    // Dot segments can normalise "/.//evil.com" into "//evil.com", and a router that decodes
    // once turns "/%2F%2Fevil.com" or "/%09/evil.com" into the same trick.
    const path = decodeURIComponent(url.pathname);
    if (path.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(path)) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

export async function hasValidAccessToken(request: NextRequest): Promise<boolean> {
  const token = request.cookies.get(cookieNames().access)?.value;
  return token ? (await verifyToken(ACCESS_TYP, token)).ok : false;
}

export async function guard(request: NextRequest): Promise<NextResponse> {
  const response = request.nextUrl.pathname.startsWith("/api/") ? apiGuard(request) : await pageGuard(request);
  for (const [name, value] of Object.entries(transportSecurityHeaders())) response.headers.set(name, value);
  return response;
}

async function pageGuard(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  // Next.js reads the CSP from the request headers and stamps its own scripts with the nonce.
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  headers.set("x-nonce", nonce);

  let response: NextResponse;
  if (isProtectedPath(pathname) && !(await hasValidAccessToken(request))) {
    const renewed = await renewSession(request, headers);
    if (renewed) response = renewed;
    else {
      const login = new URL("/login", request.url);
      login.searchParams.set("next", `${pathname}${search}`);
      response = NextResponse.redirect(login);
    }
  } else {
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set("content-security-policy", csp);
  return response;
}

/**
 * An expired access token with a live refresh cookie is renewed in place: the refresh
 * endpoint rotates the pair, the page sees the new access cookie in this same request and
 * the browser stores both. The user never notices.
 */
async function renewSession(request: NextRequest, headers: Headers): Promise<NextResponse | null> {
  const names = cookieNames();
  if (!request.cookies.get(names.refresh)) return null;
  const origin = request.nextUrl.origin;
  const answer = await fetch(new URL("/api/auth/token/refresh", origin), {
    method: "POST",
    headers: {
      cookie: request.headers.get("cookie") ?? "",
      origin,
      "user-agent": request.headers.get("user-agent") ?? "",
      "x-forwarded-for": request.headers.get("x-forwarded-for") ?? "",
    },
    cache: "no-store",
  }).catch(() => null);
  if (!answer?.ok) return null;
  const setCookies = answer.headers.getSetCookie();
  const access = setCookies.map((c) => c.split(";")[0]!).find((c) => c.startsWith(`${names.access}=`));
  if (!access) return null;
  const others = (request.headers.get("cookie") ?? "").split(/;\s*/).filter((c) => c && !c.startsWith(`${names.access}=`));
  headers.set("cookie", [...others, access].join("; "));
  const response = NextResponse.next({ request: { headers } });
  for (const cookie of setCookies) response.headers.append("set-cookie", cookie);
  return response;
}

/**
 * API paths answer with and without a trailing slash (rewritten, not redirected, so POST
 * bodies survive clients that do not follow 308s), carry CORS headers for trusted origins
 * only, and vary on Origin. Preflights and methods no route serves end here.
 */
function apiGuard(request: NextRequest): NextResponse {
  const cors = corsHeaders(request);
  const url = new URL(request.url);
  let response: NextResponse;
  if (request.method === "OPTIONS") {
    response = new NextResponse(null, { status: 204 });
  } else if (!isApiMethod(request.method)) {
    // Next.js would answer an empty 400 (WebDAV verbs); TRACE never gets this far (lib/http/trace-refusal.ts).
    response = errorResponse("method_not_allowed", { headers: { allow: API_METHODS.join(", "), "cache-control": "no-store" } });
  } else if (url.pathname.length > 5 && url.pathname.endsWith("/")) {
    // A plain URL: a NextURL clone remembers the trailing slash and would put it back.
    url.pathname = url.pathname.replace(/\/+$/, "");
    response = NextResponse.rewrite(url);
  } else {
    response = NextResponse.next();
  }
  for (const [name, value] of Object.entries(cors ?? {})) response.headers.set(name, value);
  varyOnOrigin(response.headers);
  return response;
}
