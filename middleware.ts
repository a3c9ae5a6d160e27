import type { NextRequest, NextResponse } from "next/server";
import { guardPage } from "@/lib/auth/guard";
import { clearFlashOnce } from "@/lib/http/flash";
import { withPageHeaders } from "@/lib/http/page-headers";
import { withTransportSecurity } from "@/lib/http/transport-security";

// A thin shell (edge-safe, like everything it calls), so the Next.js 16 rename to proxy.ts
// stays a one-file change: the page guard with its CSP, for pages only.
export async function middleware(request: NextRequest): Promise<NextResponse> {
  const response = await withPageHeaders(request, (headers) => guardPage(request, headers));
  return withTransportSecurity(clearFlashOnce(request, response));
}

export const config = {
  // Pages only. The API pays for no middleware: the route wrapper (lib/http/route.ts) adds CORS,
  // Vary and HSTS and answers preflights, next.config.ts rewrites trailing slashes, and the Node
  // server refuses methods no route serves (lib/http/method-refusal.ts). Nor static assets, nor
  // the benchmark's yardstick route (app/bench/noop), which measures a route without middleware.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|bench/).*)"],
};
