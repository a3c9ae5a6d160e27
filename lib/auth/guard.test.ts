import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { guardPage, isProtectedPath } from "./guard";
import { ACCESS_TYP, REFRESH_TYP, signToken } from "./jwt";

const BASE = "http://localhost:3000";

function request(path: string, cookie?: string): NextRequest {
  return new NextRequest(new URL(path, BASE), { headers: cookie ? { cookie } : {} });
}

/** The page guard as middleware runs it, passing the request's own headers on. */
function guard(request: NextRequest) {
  return guardPage(request, new Headers(request.headers));
}

async function token(typ: typeof ACCESS_TYP | typeof REFRESH_TYP): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return signToken(typ, {
    sub: crypto.randomUUID(),
    sid: crypto.randomUUID(),
    jti: crypto.randomUUID(),
    iat: now,
    exp: now + 60,
  });
}

describe("isProtectedPath", () => {
  it("covers the account and dashboard trees only", () => {
    expect(isProtectedPath("/account")).toBe(true);
    expect(isProtectedPath("/account/sessions")).toBe(true);
    expect(isProtectedPath("/dashboard")).toBe(true);
    expect(isProtectedPath("/accounting")).toBe(false);
    expect(isProtectedPath("/login")).toBe(false);
  });
});

describe("guardPage", () => {
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
