import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { guard, isProtectedPath, safeNextPath } from "./guard";
import { ACCESS_TYP, REFRESH_TYP, signToken } from "./jwt";

const BASE = "http://localhost:3000";

function request(path: string, cookie?: string): NextRequest {
  return new NextRequest(new URL(path, BASE), { headers: cookie ? { cookie } : {} });
}

async function token(typ: typeof ACCESS_TYP | typeof REFRESH_TYP): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return signToken(typ, { sub: crypto.randomUUID(), sid: crypto.randomUUID(), jti: crypto.randomUUID(), iat: now, exp: now + 60 });
}

describe("safeNextPath", () => {
  it.each([
    "/account",
    "/account?x=1",
    "/account/sessions?tab=all#top",
    "/dashboard/a/b",
    "/search?q=https://example.com",
  ])("keeps the same-origin path %s", (next) => {
    expect(safeNextPath(next)).toBe(next);
  });

  it.each([
    ["protocol-relative", "//evil.com"],
    ["protocol-relative with path", "//evil.com/account"],
    ["absolute URL", "https://evil.com"],
    ["absolute URL with path", "https://evil.com/account"],
    ["javascript: URL", "javascript:alert(1)"],
    ["data: URL", "data:text/html,hi"],
    ["backslash", "/\\evil.com"],
    ["double backslash", "\\\\evil.com"],
    ["backslash after slash", "/\\/evil.com"],
    ["encoded tab", "/%09/evil.com"],
    ["raw tab", "/\t/evil.com"],
    ["raw newline", "/\n/evil.com"],
    ["encoded slashes", "/%2F%2Fevil.com"],
    ["encoded backslash", "/%5Cevil.com"],
    ["dot segment into //", "/.//evil.com"],
    ["parent segment into //", "/a/..//evil.com"],
    ["relative path", "account"],
    ["malformed escape", "/%E0%A4%A"],
  ])("rejects a %s (%j)", (_name, next) => {
    expect(safeNextPath(next)).toBe("/account");
  });

  it("falls back for a missing value and honours a custom fallback", () => {
    expect(safeNextPath(null)).toBe("/account");
    expect(safeNextPath(undefined)).toBe("/account");
    expect(safeNextPath("")).toBe("/account");
    expect(safeNextPath("//evil.com", "/")).toBe("/");
  });
});

describe("isProtectedPath", () => {
  it("covers the account and dashboard trees only", () => {
    expect(isProtectedPath("/account")).toBe(true);
    expect(isProtectedPath("/account/sessions")).toBe(true);
    expect(isProtectedPath("/dashboard")).toBe(true);
    expect(isProtectedPath("/accounting")).toBe(false);
    expect(isProtectedPath("/login")).toBe(false);
  });
});

describe("guard", () => {
  it("rewrites an API path with a trailing slash to the path without it, keeping the query", async () => {
    const response = await guard(request("/api/auth/login/?x=1"));
    expect(response.headers.get("x-middleware-rewrite")).toBe(`${BASE}/api/auth/login?x=1`);
    expect(response.headers.get("location")).toBeNull();
    expect(response.status).toBe(200);
  });

  it("rewrites rather than redirects, so a POST body survives", async () => {
    const response = await guard(new NextRequest(`${BASE}/api/auth/token/refresh/`, { method: "POST", body: "{}" }));
    expect(response.headers.get("x-middleware-rewrite")).toBe(`${BASE}/api/auth/token/refresh`);
  });

  it("passes API paths without a trailing slash through untouched", async () => {
    const response = await guard(request("/api/auth/login"));
    expect(response.headers.get("x-middleware-rewrite")).toBeNull();
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it("sends a visitor without a session from a protected page to /login with next", async () => {
    const response = await guard(request("/account/sessions?tab=all"));
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location")!);
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("next")).toBe("/account/sessions?tab=all");
  });

  it("lets a valid access cookie through to a protected page", async () => {
    const response = await guard(request("/account", `aw_access=${await token(ACCESS_TYP)}`));
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it("does not accept a refresh token or garbage in the access cookie", async () => {
    expect((await guard(request("/account", `aw_access=${await token(REFRESH_TYP)}`))).status).toBe(307);
    expect((await guard(request("/account", "aw_access=garbage"))).status).toBe(307);
  });

  it("leaves public pages alone", async () => {
    expect((await guard(request("/login"))).headers.get("x-middleware-next")).toBe("1");
  });
});
