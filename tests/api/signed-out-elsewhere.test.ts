// A browser whose session was ended on another device (sign out everywhere, that device signed
// out here, a password change there) opens a protected page: /login tells it why.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as refreshRoute from "@/app/api/auth/token/refresh/route";
import { middleware } from "@/middleware";
import { PATHS, api } from "../helpers/account";
import { cookieHeader } from "../helpers/cookies";
import { BASE_URL } from "../helpers/http";
import { activeUser, loginWithCookies } from "../helpers/users";

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The guard's internal refresh, answered by the real route. */
function refreshByRoute(): void {
  vi.stubGlobal("fetch", async (input: URL | string, init?: RequestInit) =>
    refreshRoute.POST(new NextRequest(input, init as ConstructorParameters<typeof NextRequest>[1]), {
      params: Promise.resolve({}),
    } as never),
  );
}

async function openPage(cookie: string): Promise<URL> {
  const response = await middleware(new NextRequest(`${BASE_URL}/account`, { headers: { cookie } }));
  expect(response.status).toBe(307);
  return new URL(response.headers.get("location")!);
}

describe("a protected page after the session ended elsewhere", () => {
  it("an expired access token whose session was revoked: /login with signed_out=elsewhere", async () => {
    const user = await activeUser();
    const phone = await loginWithCookies(user);
    const laptop = await loginWithCookies(user);
    expect((await api("POST", PATHS.logoutAll, { jar: laptop })).status).toBe(200);
    phone.delete("aw_access");
    refreshByRoute();
    const login = await openPage(cookieHeader(phone));
    expect(login.pathname).toBe("/login");
    expect(login.searchParams.get("next")).toBe("/account");
    expect(login.searchParams.get("signed_out")).toBe("elsewhere");
  });

  it("a refresh token that is merely invalid (expired, forged) says nothing of other devices", async () => {
    refreshByRoute();
    const login = await openPage("aw_refresh=not-a-token");
    expect(login.searchParams.get("next")).toBe("/account");
    expect(login.searchParams.has("signed_out")).toBe(false);
  });
});
