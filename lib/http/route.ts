import { randomUUID } from "node:crypto";
import type { NextRequest, NextResponse } from "next/server";
import { errorResponse } from "./errors";
import { passesCsrfCheck } from "./origin";

type Handler<C> = (request: NextRequest, context: C) => Promise<Response | NextResponse>;

/**
 * Wraps a route handler: a thrown error is a bug, logged with a request id and answered
 * with a detail-free 500. Expected failures never throw; they are returned as responses.
 */
export function route<C = unknown>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const requestId = request.headers.get("x-request-id")?.slice(0, 64) || randomUUID();
    try {
      if (!passesCsrfCheck(request)) return withId(errorResponse("csrf_failed"), requestId);
      const response = await handler(request, context);
      response.headers.set("x-request-id", requestId);
      response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      console.error(`[${requestId}] ${request.method} ${new URL(request.url).pathname} failed:`, error);
      return withId(errorResponse("internal_error"), requestId);
    }
  };
}

function withId(response: Response, requestId: string): Response {
  response.headers.set("x-request-id", requestId);
  return response;
}

/** JSON 405s in the contract's error format for the methods a route does not serve. */
export function methodsNotAllowed(allowed: string[]) {
  const handler = route(async () => errorResponse("method_not_allowed", { headers: { allow: allowed.join(", ") } }));
  return { GET: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler };
}
