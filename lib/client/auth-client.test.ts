import { describe, expect, it, vi } from "vitest";
import { createAuthClient, type RefreshTokenStore } from "./auth-client";

// A scripted server behind a fake fetch: every request is recorded, and the test decides
// the answers. Access tokens are "A1", "A2", …; refresh tokens "R1", "R2", … rotate.

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

const REFRESH = "https://auth.example/api/auth/token/refresh";
const USER = { id: "u1", username: "ada" };

function fakeServer() {
  const seen: Seen[] = [];
  let generation = 1;
  let refreshWorks = true;
  let cookieLive = true;
  let gate: Promise<void> | null = null;
  let release = () => {};
  const reply = (status: number, data: unknown, extra: Record<string, string> = {}) =>
    new Response(JSON.stringify(data), { status, headers: { "content-type": "application/json", ...extra } });
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = init.body ? (JSON.parse(String(init.body)) as unknown) : undefined;
    seen.push({ method: init.method ?? "GET", url, headers, body, credentials: init.credentials });
    const path = new URL(url).pathname;
    if (path === "/api/auth/login") {
      return reply(200, { user: USER, access: `A${generation}`, refresh: `R${generation}`, token_type: "Bearer" });
    }
    if (path === "/api/auth/token/refresh") {
      if (gate) await gate;
      if (!refreshWorks) return reply(401, { detail: "no", code: "invalid_refresh_token" });
      generation += 1;
      cookieLive = true;
      return reply(200, { access: `A${generation}`, refresh: `R${generation}`, token_type: "Bearer" });
    }
    if (path === "/api/auth/logout") return reply(200, { detail: "Logged out." });
    if (path === "/api/auth/password-reset") {
      return reply(429, { detail: "slow", code: "rate_limited" }, { "retry-after": "42" });
    }
    const bearer = headers.authorization;
    const live = bearer ? bearer === `Bearer A${generation}` : init.credentials === "include" && cookieLive;
    if (!live) return reply(401, { detail: "expired", code: "not_authenticated" });
    return reply(200, path === "/api/auth/user" ? USER : { sessions: [] });
  });
  return {
    seen,
    fetch,
    /** Pauses refreshes until `resume()`. */
    holdRefresh: () => void (gate = new Promise<void>((resolve) => (release = resolve))),
    resume: () => {
      gate = null;
      release();
    },
    refuseRefresh: () => void (refreshWorks = false),
    /** Every access token (and the access cookie) issued so far is expired. */
    expireAccess: () => {
      generation += 1;
      cookieLive = false;
    },
    to: (url: string) => seen.filter((s) => s.url === url),
  };
}

function memoryStore(initial: string | null = null): RefreshTokenStore & { value: string | null } {
  // Asynchronous on purpose, like a native keychain.
  const store = {
    value: initial,
    get: async () => store.value,
    set: async (token: string | null) => void (store.value = token),
  };
  return store;
}

describe("the typed client, body transport (tokens in memory, refresh token in a store)", () => {
  it("keeps the pair from login and calls with Authorization and X-Auth-Transport: body", async () => {
    const server = fakeServer();
    const store = memoryStore();
    const client = createAuthClient({
      baseUrl: "https://auth.example/",
      transport: "body",
      fetch: server.fetch,
      refreshTokenStore: store,
    });
    expect((await client.login({ login: "ada", password: "pw" })).ok).toBe(true);
    expect(client.accessToken()).toBe("A1");
    expect(store.value).toBe("R1");
    expect(await client.getUser()).toEqual({ ok: true, data: USER });
    const call = server.to("https://auth.example/api/auth/user")[0]!;
    expect(call.headers).toMatchObject({ authorization: "Bearer A1", "x-auth-transport": "body" });
    expect(call.credentials).toBe("omit");
  });

  it("ten parallel calls that get 401 cause exactly ONE refresh, then each is retried once with the new token", async () => {
    const server = fakeServer();
    const store = memoryStore();
    const client = createAuthClient({
      baseUrl: "https://auth.example",
      transport: "body",
      fetch: server.fetch,
      refreshTokenStore: store,
    });
    await client.login({ login: "ada", password: "pw" });
    server.expireAccess();
    server.holdRefresh();
    const pending = Promise.all(Array.from({ length: 10 }, () => client.getUser()));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.to(REFRESH)).toHaveLength(1);
    server.resume();
    const results = await pending;

    expect(results.every((r) => r.ok)).toBe(true);
    expect(server.to(REFRESH)).toHaveLength(1);
    expect(server.to(REFRESH)[0]!.body).toEqual({ refresh: "R1" });
    const userCalls = server.to("https://auth.example/api/auth/user");
    expect(userCalls).toHaveLength(20);
    expect(userCalls.filter((c) => c.headers.authorization === "Bearer A1")).toHaveLength(10);
    expect(userCalls.filter((c) => c.headers.authorization === "Bearer A3")).toHaveLength(10);
    // The rotated refresh token replaced the spent one.
    expect(store.value).toBe("R3");
    expect(client.accessToken()).toBe("A3");
  });

  it("a refused refresh forgets the session and calls onSessionExpired once, however many calls were waiting", async () => {
    const server = fakeServer();
    const store = memoryStore();
    const onSessionExpired = vi.fn();
    const client = createAuthClient({
      baseUrl: "https://auth.example",
      transport: "body",
      fetch: server.fetch,
      refreshTokenStore: store,
      onSessionExpired,
    });
    await client.login({ login: "ada", password: "pw" });
    server.expireAccess();
    server.refuseRefresh();

    const results = await Promise.all(Array.from({ length: 10 }, () => client.listSessions()));
    for (const result of results)
      expect(result).toMatchObject({ ok: false, status: 401, error: { code: "not_authenticated" } });
    expect(server.to(REFRESH)).toHaveLength(1);
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
    expect(client.accessToken()).toBeNull();
    expect(store.value).toBeNull();
    // Signed out now: later calls do not refresh (there is nothing to refresh with) nor report again.
    expect((await client.getUser()).ok).toBe(false);
    expect(server.to(REFRESH)).toHaveLength(1);
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });

  it("restores a session from a stored refresh token on the first call (an app started again)", async () => {
    const server = fakeServer();
    const client = createAuthClient({
      baseUrl: "https://auth.example",
      transport: "body",
      fetch: server.fetch,
      refreshTokenStore: memoryStore("R1"),
    });
    expect(await client.getUser()).toEqual({ ok: true, data: USER });
    expect(server.to(REFRESH)).toHaveLength(1);
  });

  it("logout sends the refresh token and forgets both tokens", async () => {
    const server = fakeServer();
    const store = memoryStore();
    const client = createAuthClient({
      baseUrl: "https://auth.example",
      transport: "body",
      fetch: server.fetch,
      refreshTokenStore: store,
    });
    await client.login({ login: "ada", password: "pw" });
    expect((await client.logout()).ok).toBe(true);
    const logout = server.to("https://auth.example/api/auth/logout")[0]!;
    expect(logout.body).toEqual({ refresh: "R1" });
    expect(logout.headers.authorization).toBe("Bearer A1");
    expect(client.accessToken()).toBeNull();
    expect(store.value).toBeNull();
  });

  it("a refresh that cannot reach the server keeps the session and returns the original 401", async () => {
    const server = fakeServer();
    const store = memoryStore();
    const onSessionExpired = vi.fn();
    const client = createAuthClient({
      baseUrl: "https://auth.example",
      transport: "body",
      fetch: server.fetch,
      refreshTokenStore: store,
      onSessionExpired,
    });
    await client.login({ login: "ada", password: "pw" });
    server.expireAccess();
    server.fetch.mockImplementationOnce(async () => {
      throw new TypeError("Failed to fetch");
    });
    // The first call's own request fails at the network: no renewal for that.
    expect(await client.getUser()).toMatchObject({ ok: false, status: 0 });
    server.fetch.mockImplementation(async (url: string) => {
      if (url === REFRESH) throw new TypeError("Failed to fetch");
      return new Response(JSON.stringify({ detail: "expired", code: "not_authenticated" }), { status: 401 });
    });
    expect(await client.getUser()).toMatchObject({ ok: false, status: 401 });
    expect(onSessionExpired).not.toHaveBeenCalled();
    expect(store.value).toBe("R1");
  });
});

describe("the typed client, cookie transport", () => {
  it("a first visit without a session is not an expiry: one refused refresh, no onSessionExpired", async () => {
    const server = fakeServer();
    const onSessionExpired = vi.fn();
    const client = createAuthClient({ baseUrl: "https://auth.example", fetch: server.fetch, onSessionExpired });
    server.expireAccess();
    server.refuseRefresh();
    expect(await client.getUser()).toMatchObject({ ok: false, status: 401 });
    expect(server.to(REFRESH)).toHaveLength(1);
    expect(onSessionExpired).not.toHaveBeenCalled();
  });

  it("a session seen (an answered account call) and then refused is an expiry, reported once", async () => {
    const server = fakeServer();
    const onSessionExpired = vi.fn();
    const client = createAuthClient({ baseUrl: "https://auth.example", fetch: server.fetch, onSessionExpired });
    expect((await client.getUser()).ok).toBe(true);
    server.expireAccess();
    server.refuseRefresh();
    await Promise.all(Array.from({ length: 10 }, () => client.getUser()));
    expect(server.to(REFRESH)).toHaveLength(1);
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });

  it("sends credentials: include and no token, and refreshes with the cookie alone", async () => {
    const server = fakeServer();
    const client = createAuthClient({ baseUrl: "https://auth.example", fetch: server.fetch });
    expect(client.transport).toBe("cookie");
    server.expireAccess();
    const results = await Promise.all(Array.from({ length: 10 }, () => client.getUser()));
    for (const result of results) expect(result).toEqual({ ok: true, data: USER });
    expect(server.to(REFRESH)).toHaveLength(1);
    const refresh = server.to(REFRESH)[0]!;
    expect(refresh.body).toBeUndefined();
    expect(refresh.headers.authorization).toBeUndefined();
    for (const call of server.seen) {
      expect(call.credentials).toBe("include");
      expect(call.headers["x-auth-transport"]).toBeUndefined();
    }
    expect(server.to("https://auth.example/api/auth/user")).toHaveLength(20);
  });

  it("returns expected failures as values, with Retry-After", async () => {
    const server = fakeServer();
    const client = createAuthClient({ baseUrl: "https://auth.example", fetch: server.fetch });
    expect(await client.requestPasswordReset("ada@example.com")).toEqual({
      ok: false,
      status: 429,
      error: { detail: "slow", code: "rate_limited" },
      retryAfter: 42,
    });
  });
});
