import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { refuseUnservedMethods } from "./method-refusal";

vi.hoisted(() => {
  process.env.AUTH_TRUSTED_ORIGINS = "https://app.partner.example";
});

let server: Server;
let undo: () => void;
const reached: string[] = [];

function send(
  method: string,
  path = "/api/auth/user",
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, method, path, headers: { cookie: "aw_access=secret-cookie", ...headers } },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  undo = refuseUnservedMethods();
  // Stands in for Next.js: answers whatever reaches it by echoing the request, as TRACE would.
  server = createServer((req, res) => {
    reached.push(req.method ?? "");
    res.end(JSON.stringify(req.headers));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  undo();
  await new Promise((resolve) => server.close(resolve));
});

describe("refuseUnservedMethods", () => {
  it("answers TRACE with the API's JSON 405 before the framework sees it, echoing nothing", async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => send("TRACE")));
    for (const answer of answers) {
      expect(answer.status).toBe(405);
      expect(JSON.parse(answer.body)).toEqual({ detail: "Method not allowed.", code: "method_not_allowed" });
      expect(answer.body).not.toContain("secret-cookie");
      expect(answer.headers.allow).toBe("GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE");
      expect(answer.headers.vary).toBe("Origin");
      expect(answer.headers["cache-control"]).toBe("no-store");
    }
    expect(reached).not.toContain("TRACE");
  });

  it("answers methods no route serves on /api/* with the JSON 405, in a parallel burst, CORS for a trusted origin", async () => {
    const methods = ["PROPFIND", "MKCOL", "LOCK", "PURGE", "QUERY"];
    const answers = await Promise.all(
      methods.flatMap((method) =>
        ["/api/auth/user", "/api/auth/login/", "/api/nothing-here?x=1"].map((path) =>
          send(method, path, { origin: "https://app.partner.example" }),
        ),
      ),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(405);
      expect(JSON.parse(answer.body)).toEqual({ detail: "Method not allowed.", code: "method_not_allowed" });
      expect(answer.headers.allow).toBe("GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE");
      expect(answer.headers.vary).toBe("Origin");
      expect(answer.headers["access-control-allow-origin"]).toBe("https://app.partner.example");
    }
    const untrusted = await send("PROPFIND", "/api/auth/user", { origin: "https://evil.example" });
    expect(untrusted.status).toBe(405);
    expect(untrusted.headers["access-control-allow-origin"]).toBeUndefined();
    expect(reached.filter((m) => methods.includes(m))).toEqual([]);
  });

  it("lets every other method through, and other verbs to pages (whose answers are not the API's)", async () => {
    for (const method of ["GET", "POST", "OPTIONS"]) expect((await send(method)).status).toBe(200);
    expect((await send("PROPFIND", "/login")).status).toBe(200);
    expect(reached).toEqual(["GET", "POST", "OPTIONS", "PROPFIND"]);
  });
});
