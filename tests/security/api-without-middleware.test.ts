// The API pays for no middleware (middleware.ts matches pages only), so what middleware did for
// /api/* is done in front of every route instead: a preflight from every route module, CORS for
// trusted origins only, and the trailing-slash rewrite in next.config.ts. The same over a real
// socket, against the production build: e2e/api-edge.spec.ts.
import { readdirSync } from "node:fs";
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { config } from "@/middleware";
import { rewrittenPath } from "../helpers/api-server";
import { BASE_URL } from "../helpers/http";

vi.hoisted(() => {
  process.env.AUTH_TRUSTED_ORIGINS = "https://app.partner.example";
});

const ROOT = new URL("../../", import.meta.url).pathname;
const ROUTE_FILES = (readdirSync(`${ROOT}app/api`, { recursive: true }) as string[])
  .filter((path) => path.endsWith("route.ts"))
  .map((path) => `app/api/${path}`)
  .sort();

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const matchesMiddleware = (path: string) => config.matcher.some((m) => new RegExp(`^${m}$`).test(path));

function preflight(origin: string): NextRequest {
  return new NextRequest(new URL("/api/x", BASE_URL), {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
  });
}

describe("the API without middleware", () => {
  it("is not matched by middleware, while every page is", () => {
    for (const path of ["/api/auth/login", "/api/auth/user/", "/api/auth/sessions/abc", "/api/nothing-here"])
      expect(matchesMiddleware(path), path).toBe(false);
    for (const path of ["/", "/login", "/account", "/account/", "/dashboard", "/apis", "/unlock"])
      expect(matchesMiddleware(path), path).toBe(true);
  });

  it.each(ROUTE_FILES)("%s answers a parallel burst of preflights, CORS for a trusted origin only", async (file) => {
    const routeModule = (await import(/* @vite-ignore */ `${ROOT}${file}`)) as Record<string, Handler | undefined>;
    expect(typeof routeModule.OPTIONS, `${file} exports OPTIONS`).toBe("function");
    const origins = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0 ? "https://app.partner.example" : i % 3 === 1 ? "https://evil.example" : "null",
    );
    const answers = await Promise.all(
      origins.map((origin) => routeModule.OPTIONS!(preflight(origin), { params: Promise.resolve({}) })),
    );
    for (const [i, answer] of answers.entries()) {
      expect(answer.status).toBe(204);
      expect(answer.headers.get("vary")).toMatch(/\bOrigin\b/);
      const trusted = origins[i] === "https://app.partner.example";
      expect(answer.headers.get("access-control-allow-origin")).toBe(trusted ? origins[i] : null);
      expect(answer.headers.get("access-control-allow-credentials")).toBe(trusted ? "true" : null);
    }
  });

  it("rewrites a trailing slash on API paths only, keeping every segment", async () => {
    expect(await rewrittenPath("/api/auth/login/")).toBe("/api/auth/login");
    expect(await rewrittenPath("/api/auth/sessions/0b6f1d1e-4c57-4f3a-9d5e-3f1f1b2d7c11/")).toBe(
      "/api/auth/sessions/0b6f1d1e-4c57-4f3a-9d5e-3f1f1b2d7c11",
    );
    expect(await rewrittenPath("/api/auth/login")).toBe("/api/auth/login");
    expect(await rewrittenPath("/login/")).toBe("/login/");
  });
});
