import { Server, type IncomingMessage, type ServerResponse } from "node:http";
import { API_METHODS } from "./api-methods";
import { ERRORS } from "./errors";

// Node-only. Next.js hands every request to middleware as a fetch Request, and fetch
// forbids TRACE and TRACK: such a request throws inside Next.js, before middleware or a
// route runs, and is answered 500. They are refused here, at the Node server, instead.
const REFUSED_METHODS = new Set(["TRACE", "TRACK"]);

/** Answers TRACE and TRACK with the API's JSON 405 on every Node HTTP server; returns the undo. */
export function refuseTraceRequests(): () => void {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [request, response] = args as [IncomingMessage, ServerResponse];
      if (REFUSED_METHODS.has(request.method ?? "")) {
        refuse(response);
        return true;
      }
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  };
  return () => {
    Server.prototype.emit = emit;
  };
}

function refuse(response: ServerResponse): void {
  const [status, detail] = ERRORS.method_not_allowed;
  const body = JSON.stringify({ detail, code: "method_not_allowed" });
  response.writeHead(status, {
    allow: API_METHODS.join(", "),
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    vary: "Origin",
    "x-content-type-options": "nosniff",
    // The request body, if any, is not read: close rather than parse it as the next request.
    connection: "close",
  });
  response.end(body);
}
