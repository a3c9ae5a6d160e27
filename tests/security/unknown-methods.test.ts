// Methods no route serves get the API's JSON 405 with Allow, never a 500 or an empty 400.
// The Node server refuses them before Next.js builds a Request (lib/http/method-refusal.ts,
// tested over a socket in lib/http/method-refusal.test.ts); apiServer (tests/helpers/api-server.ts)
// puts that refusal, next.config.ts's rewrites and the route modules together as the server does.
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import * as unknownPath from "@/app/api/[...path]/route";
import { expectError } from "../helpers/account";
import { apiServer } from "../helpers/api-server";
import { BASE_URL } from "../helpers/http";

vi.hoisted(() => {
  process.env.AUTH_TRUSTED_ORIGINS = "https://app.partner.example";
});

const WEBDAV_AND_OTHERS = [
  "PROPFIND",
  "PROPPATCH",
  "MKCOL",
  "COPY",
  "MOVE",
  "LOCK",
  "UNLOCK",
  "PURGE",
  "SEARCH",
  "REPORT",
  "LINK",
  "QUERY",
];
const PATHS = ["/api/auth/login", "/api/auth/user/", "/api/auth/sessions/abc", "/api/auth/jwks", "/api/nothing-here"];

function at(method: string, path: string, headers: Record<string, string> = {}): NextRequest {
  return new NextRequest(new URL(path, BASE_URL), { method, headers });
}

async function expect405(response: Response): Promise<void> {
  await expectError(response, 405, "method_not_allowed");
  expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE");
  expect(response.headers.get("vary")).toMatch(/\bOrigin\b/);
  expect(response.headers.get("cache-control")).toBe("no-store");
  // Answered before Next.js: no route handler runs, no rewrite happens.
  expect(response.headers.get("x-middleware-next")).toBeNull();
  expect(response.headers.get("x-middleware-rewrite")).toBeNull();
}

describe("methods no API route serves", () => {
  it("answer 405 JSON with Allow on every API path, in a parallel burst", async () => {
    const requests = WEBDAV_AND_OTHERS.flatMap((method) =>
      PATHS.map((path) => at(method, path, { cookie: "aw_access=x" })),
    );
    const answers = await Promise.all(requests.map((request) => apiServer(request)));
    for (const answer of answers) await expect405(answer);
  });

  it("still carry CORS headers for a trusted origin, so its page can read the 405", async () => {
    const answer = await apiServer(at("PROPFIND", "/api/auth/user", { origin: "https://app.partner.example" }));
    await expect405(answer);
    expect(answer.headers.get("access-control-allow-origin")).toBe("https://app.partner.example");
  });

  it("never include TRACE, TRACK or CONNECT: fetch refuses to build them, so only the Node server can answer them", () => {
    for (const method of ["TRACE", "TRACK", "CONNECT"])
      expect(() => at(method, "/api/auth/user"), method).toThrow(TypeError);
  });

  it("leave the methods routes do serve to the routes", async () => {
    for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      // Only the route wrapper sets a request id.
      expect((await apiServer(at(method, "/api/auth/user"))).headers.get("x-request-id"), method).toBeTruthy();
    }
  });
});

describe("unknown API paths", () => {
  it("answer 404 in the API's JSON format with Vary: Origin, for every method", async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) {
      const answer = await unknownPath[method](at(method, "/api/auth/nope", { "content-type": "application/json" }), {
        params: Promise.resolve({ path: ["auth", "nope"] }),
      });
      await expectError(answer, 404, "not_found");
      expect(answer.headers.get("vary"), method).toBe("Origin");
    }
  });
});
