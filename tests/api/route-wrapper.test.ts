// The route declaration (lib/http/route.ts) on its own: what it checks before a handler runs,
// and how it answers what a handler returns or throws.
import { NextRequest } from "next/server";
import { z } from "zod";
import { describe, expect, it, vi } from "vitest";
import { fail } from "@/lib/http/errors";
import { json, route } from "@/lib/http/route";
import { BASE_URL } from "../helpers/http";

function request(
  method: string,
  init: { body?: unknown; headers?: Record<string, string>; path?: string } = {},
): NextRequest {
  const headers = new Headers({ "x-forwarded-for": "198.51.100.9", ...init.headers });
  if (init.body !== undefined) headers.set("content-type", "application/json");
  return new NextRequest(new URL(init.path ?? "/api/x", BASE_URL), {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

const context = { params: Promise.resolve({ id: "42" }) };

describe("route(spec, handler)", () => {
  it("answers a handler's Failure through the error table, with fields and Retry-After", async () => {
    const handler = route({}, async () => fail("login_throttled", { retryAfter: 17, fields: { login: ["x"] } }));
    const answer = await handler(request("POST", { headers: { origin: BASE_URL } }), context);
    expect(answer.status).toBe(429);
    expect(answer.headers.get("retry-after")).toBe("17");
    expect(await answer.json()).toMatchObject({
      code: "login_throttled",
      fields: { login: ["x"] },
      detail: expect.any(String),
    });
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.headers.get("x-request-id")).toBeTruthy();
  });

  it("runs a Failure's follow-up, after the answer is built", async () => {
    const followUp = vi.fn(async () => {});
    const handler = route({}, async () => ({ ...fail("invalid_credentials"), followUp }));
    expect((await handler(request("POST", { headers: { origin: BASE_URL } }), context)).status).toBe(401);
    expect(followUp).toHaveBeenCalledTimes(1);
  });

  it("parses the body and query with their schemas and hands over params, client and credentials", async () => {
    const seen = vi.fn();
    const handler = route({ body: z.object({ n: z.number() }), query: z.object({ q: z.string() }) }, async (input) => {
      seen({
        body: input.body,
        query: input.query,
        params: input.params,
        client: input.client,
        credentials: input.credentials,
      });
      return json({ ok: true });
    });
    const answer = await handler(
      request("POST", {
        body: { n: 1, extra: true },
        path: "/api/x?q=hi",
        headers: { origin: BASE_URL, "user-agent": "t" },
      }),
      context,
    );
    expect(answer.status).toBe(200);
    expect(seen).toHaveBeenCalledWith({
      body: { n: 1 },
      query: { q: "hi" },
      params: { id: "42" },
      client: { ip: "198.51.100.9", userAgent: "t" },
      credentials: { access: null, refresh: null },
    });
  });

  it("refuses a bad body or query before the handler runs", async () => {
    const handler = vi.fn(async () => json({}));
    const declared = route({ body: z.object({ n: z.number() }), query: z.object({ q: z.string() }) }, handler);
    const badBody = await declared(
      request("POST", { body: { n: "one" }, path: "/api/x?q=1", headers: { origin: BASE_URL } }),
      context,
    );
    expect(badBody.status).toBe(400);
    expect(await badBody.json()).toMatchObject({ code: "validation_error", fields: { n: [expect.any(String)] } });
    const badQuery = await declared(request("POST", { body: { n: 1 }, headers: { origin: BASE_URL } }), context);
    expect(await badQuery.json()).toMatchObject({ code: "validation_error", fields: { q: [expect.any(String)] } });
    expect(handler).not.toHaveBeenCalled();
  });

  it("asks for a caller before anything else, and says so to bearer clients", async () => {
    const handler = vi.fn(async () => json({}));
    const declared = route({ auth: "user", body: z.object({ n: z.number() }) }, handler);
    const cookieless = await declared(request("POST", { body: { n: "bad" }, headers: { origin: BASE_URL } }), context);
    expect(cookieless.status).toBe(401);
    expect(cookieless.headers.get("www-authenticate")).toBeNull();
    const bearer = await declared(
      request("POST", { body: { n: 1 }, headers: { authorization: "Bearer nope" } }),
      context,
    );
    expect(bearer.status).toBe(401);
    expect(bearer.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(handler).not.toHaveBeenCalled();
  });

  it("applies its rate limits with the client IP and body, and answers 429 with Retry-After", async () => {
    const name = `t-${crypto.randomUUID()}`;
    const declared = route(
      { body: z.object({ n: z.number() }), limits: ({ ip, body }) => [["password_change", `${name}|${ip}|${body.n}`]] },
      async () => json({}),
    );
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        declared(request("POST", { body: { n: 7 }, headers: { origin: BASE_URL } }), context),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(10);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(2);
    expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("refuses a cross-site write before it reads anything", async () => {
    const handler = vi.fn(async () => json({}));
    const answer = await route({}, handler)(
      request("POST", { headers: { origin: "https://evil.example", cookie: "aw_access=x" } }),
      context,
    );
    expect(answer.status).toBe(403);
    expect(handler).not.toHaveBeenCalled();
  });

  it("turns a thrown error into a logged, detail-free 500", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const answer = await route({}, async () => {
      throw new Error("secret detail");
    })(request("GET"), context);
    expect(answer.status).toBe(500);
    expect(await answer.text()).not.toContain("secret");
    expect(log).toHaveBeenCalledTimes(1);
    log.mockRestore();
  });
});
