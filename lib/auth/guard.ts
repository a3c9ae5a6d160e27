import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { cookieNames } from "@/lib/http/cookies";
import { ACCESS_TYP, verifyToken } from "./jwt";

// Edge-safe page protection: jose and env only, no Node APIs, no database.

export const PROTECTED_PREFIXES = ["/account", "/dashboard"];

export function isProtectedPath(pathname: string): boolean {
  return PROTECTED_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

export async function hasValidAccessToken(request: NextRequest): Promise<boolean> {
  const token = request.cookies.get(cookieNames().access)?.value;
  return token ? (await verifyToken(ACCESS_TYP, token)).ok : false;
}

/**
 * A protected page without a valid access token is renewed in place, or sent to /login with
 * `next`. `headers` are the request headers the page is rendered with (they carry its CSP
 * nonce, lib/http/page-headers.ts).
 */
export async function guardPage(request: NextRequest, headers: Headers): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const needsSignIn = isProtectedPath(pathname) && !(await hasValidAccessToken(request));
  if (!needsSignIn) return NextResponse.next({ request: { headers } });
  const renewed = await renewSession(request, headers);
  if (renewed instanceof NextResponse) return renewed;
  const login = new URL("/login", request.url);
  login.searchParams.set("next", `${pathname}${search}`);
  // Ended elsewhere (another device, a password change there): /login says so.
  if (renewed === "ended") login.searchParams.set("signed_out", "elsewhere");
  return NextResponse.redirect(login);
}

/**
 * An expired access token with a live refresh cookie is renewed in place: the refresh
 * endpoint rotates the pair, the page sees the new access cookie in this same request and
 * the browser stores both. The user never notices.
 */
async function renewSession(request: NextRequest, headers: Headers): Promise<NextResponse | "ended" | null> {
  const names = cookieNames();
  if (!request.cookies.get(names.refresh)) return null;
  // To this server, as it knows itself (the standalone server by its bind address, so
  // http://0.0.0.0:3000), from our public origin: the only one the CSRF check trusts.
  const answer = await fetch(new URL("/api/auth/token/refresh", request.nextUrl.origin), {
    method: "POST",
    headers: {
      cookie: request.headers.get("cookie") ?? "",
      origin: new URL(env().AUTH_URL).origin,
      "user-agent": request.headers.get("user-agent") ?? "",
      "x-forwarded-for": request.headers.get("x-forwarded-for") ?? "",
    },
    cache: "no-store",
  }).catch(() => null);
  if (!answer?.ok) return (await refusalCode(answer)) === "session_revoked" ? "ended" : null;
  const setCookies = answer.headers.getSetCookie();
  const access = setCookies.map((c) => c.split(";")[0]!).find((c) => c.startsWith(`${names.access}=`));
  if (!access) return null;
  const others = (request.headers.get("cookie") ?? "")
    .split(/;\s*/)
    .filter((c) => c && !c.startsWith(`${names.access}=`));
  headers.set("cookie", [...others, access].join("; "));
  const response = NextResponse.next({ request: { headers } });
  for (const cookie of setCookies) response.headers.append("set-cookie", cookie);
  return response;
}

async function refusalCode(answer: Response | null): Promise<string | null> {
  const body = (await answer?.json().catch(() => null)) as { code?: unknown } | null;
  return typeof body?.code === "string" ? body.code : null;
}
