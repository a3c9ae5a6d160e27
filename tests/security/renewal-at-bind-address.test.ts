// The standalone server (`npm start`, the Docker image) knows itself by the address it is bound
// to: the URL a request has inside it is http://0.0.0.0:3000/… or http://[::]:3000/…, never
// the public origin. Silent renewal on protected pages must still work there: the guard's
// internal refresh goes to the server itself but says it comes from our public origin, the
// only one the CSRF check trusts (a forged Host or bind address vouches for nothing).
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as refreshRoute from "@/app/api/auth/token/refresh/route";
import { middleware } from "@/middleware";
import { cookieHeader, setCookiesOf } from "../helpers/cookies";
import { BASE_URL } from "../helpers/http";
import { activeUser, loginWithCookies } from "../helpers/users";

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The guard's internal fetch, answered by the real refresh handler; returns what it was sent. */
function routeFetchToRefresh(): Request[] {
  const calls: Request[] = [];
  vi.stubGlobal("fetch", async (input: URL | string, init?: RequestInit) => {
    const request = new NextRequest(input, init as ConstructorParameters<typeof NextRequest>[1]);
    calls.push(request.clone());
    return refreshRoute.POST(request, { params: Promise.resolve({}) } as never);
  });
  return calls;
}

describe("silent renewal when the server knows itself by its bind address", () => {
  it.each(["http://0.0.0.0:3000", "http://[::]:3100", "http://app:3000"])(
    "renews an expired access cookie for a page requested at %s",
    async (bound) => {
      const jar = await loginWithCookies(await activeUser());
      jar.delete("aw_access");
      const calls = routeFetchToRefresh();
      const response = await middleware(
        new NextRequest(`${bound}/account`, { headers: { cookie: cookieHeader(jar), host: "localhost:3000" } }),
      );
      expect(calls).toHaveLength(1);
      expect(new URL(calls[0]!.url).origin).toBe(bound);
      expect(calls[0]!.headers.get("origin")).toBe(BASE_URL);
      expect(response.status).toBe(200);
      expect(response.headers.get("x-middleware-next")).toBe("1");
      expect(setCookiesOf(response).get("aw_access")?.value).toBeTruthy();
    },
  );

  it("still sends a visitor whose refresh cookie is refused to /login, whatever the page's URL says", async () => {
    const calls = routeFetchToRefresh();
    const answers = await Promise.all(
      ["http://0.0.0.0:3000", "http://[::]:3100", "https://evil.example"].map((bound) =>
        middleware(new NextRequest(`${bound}/account`, { headers: { cookie: "aw_refresh=not-a-token" } })),
      ),
    );
    expect(calls).toHaveLength(3);
    for (const response of answers) {
      expect(response.status).toBe(307);
      expect(setCookiesOf(response).get("aw_access")).toBeUndefined();
    }
  });
});
