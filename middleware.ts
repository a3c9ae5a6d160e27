import type { NextRequest, NextResponse } from "next/server";
import { guardPage } from "@/lib/auth/guard";
import { apiEdge } from "@/lib/http/api-edge";
import { withPageHeaders } from "@/lib/http/page-headers";
import { withTransportSecurity } from "@/lib/http/transport-security";

// A thin shell (edge-safe, like everything it calls), so the Next.js 16 rename to proxy.ts
// stays a one-file change: the API edge for /api/*, the page guard with its CSP for pages.
export async function middleware(request: NextRequest): Promise<NextResponse> {
  const response = request.nextUrl.pathname.startsWith("/api/")
    ? apiEdge(request)
    : await withPageHeaders(request, (headers) => guardPage(request, headers));
  return withTransportSecurity(response);
}

export const config = {
  // Every page (CSP nonce, protection) and the API (trailing slash, CORS); not static assets,
  // nor the benchmark's yardstick route (app/bench/noop), which measures a route without middleware.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|bench/).*)"],
};
