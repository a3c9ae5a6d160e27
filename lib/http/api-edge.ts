import { NextResponse, type NextRequest } from "next/server";
import { API_METHODS, isApiMethod } from "./api-methods";
import { corsHeaders, varyOnOrigin } from "./cors";
import { errorResponse } from "./errors";

// Edge-safe: runs in middleware, before any route handler.

/**
 * API paths answer with and without a trailing slash (rewritten, not redirected, so POST
 * bodies survive clients that do not follow 308s), carry CORS headers for trusted origins
 * only, and vary on Origin. Preflights and methods no route serves end here.
 */
export function apiEdge(request: NextRequest): NextResponse {
  const cors = corsHeaders(request);
  const url = new URL(request.url);
  const hasTrailingSlash = url.pathname.length > 5 && url.pathname.endsWith("/");
  let response: NextResponse;
  if (request.method === "OPTIONS") {
    response = new NextResponse(null, { status: 204 });
  } else if (!isApiMethod(request.method)) {
    // Next.js would answer an empty 400 (WebDAV verbs); TRACE never gets this far (lib/http/trace-refusal.ts).
    response = errorResponse("method_not_allowed", {
      headers: { allow: API_METHODS.join(", "), "cache-control": "no-store" },
    });
  } else if (hasTrailingSlash) {
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
