import { Server, type IncomingMessage, type ServerResponse } from "node:http";
import { API_METHODS, isApiMethod } from "./api-methods";
import { corsHeaders } from "./cors";
import { ERRORS } from "./errors";
import { transportSecurityHeaders } from "./transport-security";

// Node-only. Two kinds of request never reach a route handler, so the Node server answers them:
// TRACE and TRACK anywhere (fetch forbids them: Next.js throws building its Request and answers
// 500), and on /api/* any other method no route can serve (PROPFIND, MKCOL…: Next.js answers an
// empty 400). Middleware does not run for /api/* (middleware.ts), so it cannot answer them.
const NEVER_SERVED = new Set(["TRACE", "TRACK"]);

export interface Refusal {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const isApiPath = (path: string) => path === "/api" || path.startsWith("/api/");

/** The API's JSON 405 for a method nothing serves at `path`, or null when a route or page answers. */
export function methodRefusal(method: string, path: string, origin: string | null): Refusal | null {
  const api = isApiPath(path);
  if (!NEVER_SERVED.has(method) && !(api && !isApiMethod(method))) return null;
  const [status, detail] = ERRORS.method_not_allowed;
  const body = JSON.stringify({ detail, code: "method_not_allowed" });
  // A trusted origin's page can read the 405 like any other API answer.
  const cors = api && origin ? corsHeaders(new Request("http://refusal.invalid", { headers: { origin } })) : null;
  return {
    status,
    body,
    headers: {
      ...cors,
      ...transportSecurityHeaders(),
      allow: API_METHODS.join(", "),
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
      "cache-control": "no-store",
      vary: "Origin",
      "x-content-type-options": "nosniff",
      // The request body, if any, is not read: close rather than parse it as the next request.
      connection: "close",
    },
  };
}

/** Answers every such request on every Node HTTP server of this process; returns the undo. */
export function refuseUnservedMethods(): () => void {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [request, response] = args as [IncomingMessage, ServerResponse];
      const path = new URL(request.url ?? "/", "http://request.invalid").pathname;
      const refusal = methodRefusal(request.method ?? "", path, request.headers.origin ?? null);
      if (refusal) {
        response.writeHead(refusal.status, refusal.headers);
        response.end(refusal.body);
        return true;
      }
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  };
  return () => {
    Server.prototype.emit = emit;
  };
}
