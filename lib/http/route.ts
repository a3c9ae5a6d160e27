import { randomUUID } from "node:crypto";
import type { NextRequest, NextResponse } from "next/server";
import { errorResponse } from "./errors";
import { varyOnOrigin } from "./cors";
import { passesCsrfCheck } from "./csrf";

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
      varyOnOrigin(response.headers);
      if (!response.headers.has("cache-control")) response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      console.error(`[${requestId}] ${request.method} ${new URL(request.url).pathname} failed: ${describeError(error)}`);
      return withId(errorResponse("internal_error"), requestId);
    }
  };
}

function withId(response: Response, requestId: string): Response {
  response.headers.set("x-request-id", requestId);
  varyOnOrigin(response.headers);
  return response;
}

/** JSON 405s in the contract's error format for the methods a route does not serve. */
export function methodsNotAllowed(allowed: string[]) {
  const handler = route(async () => errorResponse("method_not_allowed", { headers: { allow: allowed.join(", ") } }));
  return { GET: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler };
}

/**
 * What a bug report needs without what a log must never hold: a failed query's message
 * carries its parameters (password hashes, token hashes, emails), so only the driver's own
 * error and the stack are logged.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 200);
  const cause = error.cause instanceof Error ? error.cause : null;
  const summary = cause ? `${error.name} caused by ${cause.name}: ${cause.message}` : `${error.name}: ${error.message.split("\n")[0]!.slice(0, 200)}`;
  const frames = (error.stack ?? "").split("\n").filter((line) => line.trimStart().startsWith("at ")).slice(0, 8);
  return [summary, ...frames].join("\n");
}
