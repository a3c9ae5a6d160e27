// CORS on the API (lib/http/route.ts, in front of every route: apiServer in tests/helpers/api-server.ts),
// CSP and transport headers from middleware.ts (lib/http/page-headers.ts, lib/auth/guard.ts), the
// static headers and rewrites of next.config.ts, and silent renewal on protected pages.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as refreshRoute from "@/app/api/auth/token/refresh/route";
import { middleware } from "@/middleware";
import { ACCESS_TYP, verifyToken } from "@/lib/auth/jwt";
import nextConfig from "@/next.config";
import { apiServer, rewrittenPath } from "../helpers/api-server";
import { cookieHeader, setCookiesOf } from "../helpers/cookies";
import { BASE_URL } from "../helpers/http";
import { activeUser, loginWithCookies } from "../helpers/users";

vi.hoisted(() => {
  process.env.AUTH_TRUSTED_ORIGINS = "https://app.partner.example,http://localhost:5173";
});

const TRUSTED = "https://app.partner.example";
const EVIL = "https://evil.example";

function at(path: string, init: { method?: string; headers?: Record<string, string> } = {}): NextRequest {
  return new NextRequest(new URL(path, BASE_URL), { method: init.method ?? "GET", headers: init.headers });
}

function preflight(path: string, origin: string): NextRequest {
  return at(path, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type, authorization, x-auth-transport",
    },
  });
}

const CORS_HEADERS = [
  "access-control-allow-origin",
  "access-control-allow-credentials",
  "access-control-allow-methods",
  "access-control-allow-headers",
];

function listOf(value: string | null): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

function nonceOf(csp: string): string {
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  if (!nonce) throw new Error(`No nonce in ${csp}`);
  return nonce;
}

function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name = "", ...values] = d.split(/\s+/);
        return [name, values.join(" ")];
      }),
  );
}

describe("CORS preflight", () => {
  it("answers a trusted origin with 204 and credentialed CORS headers", async () => {
    const response = await apiServer(preflight("/api/auth/login", TRUSTED));
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(TRUSTED);
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(listOf(response.headers.get("access-control-allow-headers"))).toEqual(
      expect.arrayContaining(["authorization", "content-type", "x-auth-transport"]),
    );
    expect(listOf(response.headers.get("access-control-allow-methods"))).toEqual(
      expect.arrayContaining(["post", "patch", "delete"]),
    );
    expect(listOf(response.headers.get("vary"))).toContain("origin");
    expect(Number(response.headers.get("access-control-max-age"))).toBeGreaterThan(0);
    // Ends there: no CSRF check, caller or database for a preflight.
    expect(response.headers.get("x-middleware-next")).toBeNull();
    expect(await response.text()).toBe("");
  });

  it("works on a trailing-slash path and for the other trusted origin too", async () => {
    const response = await apiServer(preflight("/api/auth/user/", "http://localhost:5173"));
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
  });

  it.each([
    ["an untrusted origin", EVIL],
    ["Origin: null", "null"],
    ["a look-alike of a trusted origin", "https://app.partner.example.evil.example"],
    ["a trusted host over http", "http://app.partner.example"],
  ])("gives %s no CORS headers at all", async (_name, origin) => {
    const response = await apiServer(preflight("/api/auth/login", origin));
    expect(response.status).toBe(204);
    for (const name of CORS_HEADERS) expect(response.headers.get(name), name).toBeNull();
  });
});

/** What the login route itself answers to an empty POST (the wrapper's body check). */
async function loginAnswerStatus(): Promise<number> {
  const { POST } = await import("@/app/api/auth/login/route");
  return (await POST(at("/api/auth/login", { method: "POST" }), { params: Promise.resolve({}) })).status;
}

describe("CORS on API requests", () => {
  it("adds ACAO, credentials and Vary: Origin for a trusted origin, and exposes Retry-After", async () => {
    const response = await apiServer(at("/api/auth/user", { headers: { origin: TRUSTED } }));
    // The route's own answer (401 here): only the route wrapper sets a request id.
    expect(response.headers.get("x-request-id")).toBeTruthy();
    expect(response.headers.get("access-control-allow-origin")).toBe(TRUSTED);
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(listOf(response.headers.get("vary"))).toContain("origin");
    expect(listOf(response.headers.get("access-control-expose-headers"))).toEqual(
      expect.arrayContaining(["retry-after", "www-authenticate"]),
    );
  });

  it("keeps CORS headers on a rewritten trailing-slash path", async () => {
    expect(await rewrittenPath("/api/auth/login/")).toBe("/api/auth/login");
    const response = await apiServer(at("/api/auth/login/", { method: "POST", headers: { origin: TRUSTED } }));
    // The login route's answer to an empty body, not the catch-all's 404.
    expect(response.status).toBe(await loginAnswerStatus());
    expect(response.headers.get("access-control-allow-origin")).toBe(TRUSTED);
  });

  it("adds nothing for an untrusted origin, for our own origin, or without Origin", async () => {
    // A real request always carries Host; same-origin requests are not CORS requests.
    for (const headers of [{ origin: EVIL }, { origin: BASE_URL, host: "localhost:3000" }, {}] as Record<
      string,
      string
    >[]) {
      const response = await apiServer(at("/api/auth/user", { headers }));
      for (const name of CORS_HEADERS)
        expect(response.headers.get(name), `${name} for ${JSON.stringify(headers)}`).toBeNull();
    }
  });

  it("never answers with a wildcard origin", async () => {
    for (const origin of [TRUSTED, EVIL, "*"]) {
      const response = await apiServer(preflight("/api/auth/login", origin));
      expect(response.headers.get("access-control-allow-origin")).not.toBe("*");
    }
  });
});

describe("page headers", () => {
  it("sends a nonce-based CSP with frame-ancestors 'none' and hands the same nonce to Next.js", async () => {
    const response = await middleware(at("/login"));
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toBeTruthy();
    const nonce = nonceOf(csp);
    expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    const d = directives(csp);
    expect(d.get("frame-ancestors")).toBe("'none'");
    expect(d.get("script-src")).toContain(`'nonce-${nonce}'`);
    expect(d.get("script-src")).not.toContain("'unsafe-inline'");
    expect(d.get("script-src")).not.toContain("'unsafe-eval'");
    expect(d.get("object-src")).toBe("'none'");
    expect(d.get("base-uri")).toBe("'self'");
    expect(d.get("form-action")).toBe("'self'");
    expect(d.get("default-src")).toBe("'self'");
    // Next.js reads the policy and nonce from the (overridden) request headers.
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(response.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
  });

  it("uses a fresh nonce for every request", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 20; i++)
      nonces.add(nonceOf((await middleware(at("/"))).headers.get("content-security-policy")!));
    expect(nonces.size).toBe(20);
  });

  it("puts the CSP on protected-page redirects too", async () => {
    const response = await middleware(at("/account"));
    expect(response.status).toBe(307);
    expect(directives(response.headers.get("content-security-policy")!).get("frame-ancestors")).toBe("'none'");
  });

  it("sends no HSTS outside production", async () => {
    expect((await middleware(at("/login"))).headers.get("strict-transport-security")).toBeNull();
    expect((await apiServer(at("/api/auth/user"))).headers.get("strict-transport-security")).toBeNull();
  });
});

describe("next.config.ts static headers", () => {
  async function rules() {
    return (await nextConfig.headers!()) as { source: string; headers: { key: string; value: string }[] }[];
  }
  const valueIn = (rule: { headers: { key: string; value: string }[] } | undefined, key: string) =>
    rule?.headers.find((h) => h.key.toLowerCase() === key.toLowerCase())?.value;

  it("sends nosniff, a referrer policy, frame denial and a permissions policy on every path", async () => {
    const all = (await rules()).find((r) => r.source === "/:path*");
    expect(valueIn(all, "X-Content-Type-Options")).toBe("nosniff");
    expect(valueIn(all, "Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(valueIn(all, "X-Frame-Options")).toBe("DENY");
    expect(valueIn(all, "Permissions-Policy")).toMatch(/camera=\(\)/);
    expect(valueIn(all, "Permissions-Policy")).toMatch(/geolocation=\(\)/);
  });

  it.each(["/verify-email", "/reset-password"])(
    "sends Referrer-Policy: no-referrer on %s, after (so overriding) the catch-all rule",
    async (page) => {
      const list = await rules();
      const index = list.findIndex((r) => r.source === page);
      expect(index).toBeGreaterThan(list.findIndex((r) => r.source === "/:path*"));
      expect(valueIn(list[index], "Referrer-Policy")).toBe("no-referrer");
    },
  );

  it("does not advertise the framework", () => {
    expect(nextConfig.poweredByHeader).toBe(false);
  });
});

describe("silent renewal on protected pages", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** The guard's internal fetch goes to the real refresh handler. */
  function routeFetchToRefresh() {
    const calls: Request[] = [];
    vi.stubGlobal("fetch", async (input: URL | string, init?: RequestInit) => {
      const request = new NextRequest(input, init as ConstructorParameters<typeof NextRequest>[1]);
      calls.push(request.clone());
      expect(request.nextUrl.pathname).toBe("/api/auth/token/refresh");
      return refreshRoute.POST(request, { params: Promise.resolve({}) } as never);
    });
    return calls;
  }

  it("renews an expired access cookie from the refresh cookie within the same request", async () => {
    const jar = await loginWithCookies(await activeUser());
    jar.delete("aw_access");
    const calls = routeFetchToRefresh();
    const response = await middleware(at("/account", { headers: { cookie: cookieHeader(jar) } }));
    expect(calls).toHaveLength(1);
    // The internal call carries the browser's cookies and our own origin (so it passes CSRF).
    expect(calls[0]!.headers.get("origin")).toBe(BASE_URL);
    expect(calls[0]!.headers.get("cookie")).toContain("aw_refresh=");
    expect(response.headers.get("x-middleware-next")).toBe("1");
    const set = setCookiesOf(response);
    const access = set.get("aw_access")!;
    expect(access.attributes.httponly).toBe(true);
    expect(set.get("aw_refresh")?.value).not.toBe(jar.get("aw_refresh"));
    expect((await verifyToken(ACCESS_TYP, access.value)).ok).toBe(true);
    // The page rendered behind the guard already sees the new access cookie.
    expect(response.headers.get("x-middleware-request-cookie")).toContain(`aw_access=${access.value}`);
    expect(response.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
  });

  it("sends the visitor to /login when the refresh cookie is not accepted", async () => {
    routeFetchToRefresh();
    const response = await middleware(
      at("/account/sessions?tab=all", { headers: { cookie: "aw_refresh=not-a-token" } }),
    );
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location")!);
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("next")).toBe("/account/sessions?tab=all");
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("does not call the refresh endpoint when the access cookie is valid", async () => {
    const jar = await loginWithCookies(await activeUser());
    const calls = routeFetchToRefresh();
    const response = await middleware(at("/account", { headers: { cookie: cookieHeader(jar) } }));
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(calls).toHaveLength(0);
  });
});
