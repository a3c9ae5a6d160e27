import type { NextRequest } from "next/server";
import { guard } from "@/lib/auth/guard";

// A thin shell over lib/auth/guard.ts (edge-safe), so the Next.js 16 rename to proxy.ts
// stays a one-file change.
export function middleware(request: NextRequest) {
  return guard(request);
}

export const config = {
  // Every page (CSP nonce, protection) and the API (trailing slash, CORS); not static assets.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
