// HSTS and the production shape of the CSP and cookies: NODE_ENV=production with an https AUTH_URL.
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { middleware } from "@/middleware";
import { apiServer } from "../helpers/api-server";
import { setCookiesOf } from "../helpers/cookies";
import { post } from "../helpers/http";
import { eq } from "drizzle-orm";
import { getDb, tables } from "@/db";
import { registerUser } from "../helpers/users";

vi.hoisted(() => {
  Object.assign(process.env, { NODE_ENV: "production", AUTH_URL: "https://auth.astroworld.example" });
});

const HSTS = "max-age=63072000; includeSubDomains";

function at(path: string, method = "GET"): NextRequest {
  return new NextRequest(new URL(path, "https://auth.astroworld.example"), { method });
}

describe("production over https", () => {
  it.each(["/login", "/account", "/api/auth/user", "/api/auth/login/"])("sends HSTS on %s", async (path) => {
    const response = await (path.startsWith("/api/") ? apiServer : middleware)(at(path));
    const hsts = response.headers.get("strict-transport-security");
    expect(hsts).toBe(HSTS);
    expect(Number(/max-age=(\d+)/.exec(hsts!)?.[1])).toBeGreaterThanOrEqual(31_536_000);
  });

  it("sends HSTS on a CORS preflight too", async () => {
    expect((await apiServer(at("/api/auth/login", "OPTIONS"))).headers.get("strict-transport-security")).toBe(HSTS);
  });

  it("tightens the CSP: no eval, no http: images, upgrade-insecure-requests", async () => {
    const csp = (await middleware(at("/login"))).headers.get("content-security-policy")!;
    expect(csp).toMatch(/(^|; )upgrade-insecure-requests($|;)/);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/img-src[^;]* http:/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("sets __Host- cookies that are Secure, HttpOnly, SameSite=Lax and Path=/", async () => {
    // Vitest compiles JSX for development, which React's production build cannot render, so the
    // verification mail is not sent here: mark the address verified directly.
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const user = await registerUser();
    quiet.mockRestore();
    await (await getDb()).update(tables.users).set({ emailVerified: true }).where(eq(tables.users.email, user.email));
    const response = await post("/api/auth/login", { login: user.username, password: user.password });
    expect(response.status, await response.clone().text()).toBe(200);
    const cookies = setCookiesOf(response);
    expect([...cookies.keys()].sort()).toEqual(["__Host-aw_access", "__Host-aw_device", "__Host-aw_refresh"]);
    for (const cookie of cookies.values()) {
      expect(cookie.attributes).toMatchObject({ secure: true, httponly: true, path: "/" });
      expect(String(cookie.attributes.samesite).toLowerCase()).toBe("lax");
      expect(cookie.attributes.domain).toBeUndefined();
    }
  });
});

describe("HSTS needs both production and https", () => {
  /** The middleware of a fresh module instance (lib/env.ts caches), under other settings. */
  async function guardUnder(vars: Record<string, string>, url: string): Promise<Response> {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, vars);
      vi.resetModules();
      const { middleware: other } = await import("@/middleware");
      return await other(new NextRequest(url));
    } finally {
      process.env = saved;
      vi.resetModules();
    }
  }

  it("sends none in production over plain http (AUTH_ALLOW_HTTP), which HSTS would break", async () => {
    const response = await guardUnder(
      { AUTH_URL: "http://intranet.astroworld.example", AUTH_ALLOW_HTTP: "true" },
      "http://intranet.astroworld.example/login",
    );
    expect(response.headers.get("strict-transport-security")).toBeNull();
    expect(response.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
  });

  it("sends none over https outside production (a staging box pinned to HSTS is hard to undo)", async () => {
    for (const NODE_ENV of ["development", "test"]) {
      const response = await guardUnder({ NODE_ENV }, "https://auth.astroworld.example/login");
      expect(response.headers.get("strict-transport-security"), NODE_ENV).toBeNull();
    }
  });
});
