import { NextResponse, type NextRequest } from "next/server";
import { cookieNames } from "@/lib/http/cookies";
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
    return url.origin === "http://same.origin" ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}

export async function hasValidAccessToken(request: NextRequest): Promise<boolean> {
  const token = request.cookies.get(cookieNames().access)?.value;
  return token ? (await verifyToken(ACCESS_TYP, token)).ok : false;
}

export async function guard(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;

  // API paths answer with and without a trailing slash: rewrite rather than redirect so
  // that POST bodies are not lost on clients that do not follow 308s.
  if (pathname.startsWith("/api/") && pathname.length > 5 && pathname.endsWith("/")) {
    const url = request.nextUrl.clone();
    url.pathname = pathname.replace(/\/+$/, "");
    return NextResponse.rewrite(url);
  }

  if (isProtectedPath(pathname) && !(await hasValidAccessToken(request))) {
    const renewed = await renewSession(request);
    if (renewed) return renewed;
    const login = new URL("/login", request.url);
    login.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  return NextResponse.next();
}

/**
 * An expired access token with a live refresh cookie is renewed in place: the refresh
 * endpoint rotates the pair, the page sees the new access cookie in this same request and
 * the browser stores both. The user never notices.
 */
async function renewSession(request: NextRequest): Promise<NextResponse | null> {
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
  const headers = new Headers(request.headers);
  const others = (request.headers.get("cookie") ?? "").split(/;\s*/).filter((c) => c && !c.startsWith(`${names.access}=`));
  headers.set("cookie", [...others, access].join("; "));
  const response = NextResponse.next({ request: { headers } });
  for (const cookie of setCookies) response.headers.append("set-cookie", cookie);
  return response;
}
