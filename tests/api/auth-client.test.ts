// The typed client (lib/client) against the real route handlers, in both transports, from
// another origin listed in AUTH_TRUSTED_ORIGINS: sign up, verify, log in, use the account,
// outlive the access token (2 s here), and log out.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAuthClient, type FetchLike } from "@/lib/client/auth-client";
import { openApiDocument } from "@/lib/openapi/served";
import { publicUserSchema } from "@/lib/schemas/user";
import { appFetch, browserFetch } from "../helpers/app-fetch";
import { BASE_URL } from "../helpers/http";
import { latestVerificationLink, newUser } from "../helpers/users";

const SPA = "http://localhost:5173";
vi.hoisted(() => {
  process.env.AUTH_TRUSTED_ORIGINS = "http://localhost:5173";
  process.env.ACCESS_TOKEN_TTL_SECONDS = "2";
});

/** Counts what reaches the server, by path. */
function counting(fetch: FetchLike) {
  const paths: string[] = [];
  const counted: FetchLike = (input, init) => {
    paths.push(new URL(input).pathname);
    return fetch(input, init);
  };
  return { fetch: counted, count: (path: string) => paths.filter((p) => p === path).length };
}

/**
 * Moves the clock 3.1 s on and holds it there: the 2 s access token is then expired, and the
 * renewed one cannot expire too while a loaded machine is still serving the parallel burst
 * (which would honestly need a second renewal). Only `Date` is faked; timers run as usual.
 */
function outlive() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + 3100);
}
afterEach(() => vi.useRealTimers());

describe.each([
  ["cookie", () => browserFetch(SPA) as FetchLike],
  ["body", () => appFetch as FetchLike],
] as const)("the typed client, %s transport, from another origin", (transport, makeFetch) => {
  it("signs up, verifies, logs in, edits the profile, renews once for parallel calls, and logs out", async () => {
    const server = counting(makeFetch());
    const onSessionExpired = vi.fn();
    const client = createAuthClient({ baseUrl: BASE_URL, transport, fetch: server.fetch, onSessionExpired });
    const person = newUser();

    const registered = await client.register({ ...person, password2: person.password });
    expect(registered.ok && registered.data.user.username).toBe(person.username);
    expect((await client.verifyEmail(await latestVerificationLink(person.email))).ok).toBe(true);
    const login = await client.login({ login: person.email, password: person.password });
    expect(login.ok).toBe(true);
    expect(Boolean(client.accessToken())).toBe(transport === "body");

    const me = await client.getUser();
    expect(me.ok && publicUserSchema.parse(me.data).email).toBe(person.email);
    const edited = await client.updateUser({ bio: "Stargazer" });
    expect(edited.ok && edited.data.bio).toBe("Stargazer");
    const badEdit = await client.updateUser({ profile_picture: "javascript:alert(1)" });
    expect(badEdit).toMatchObject({ ok: false, status: 400, error: { code: "validation_error" } });

    outlive();
    const parallel = await Promise.all([
      client.getUser(),
      client.listSessions(),
      client.listAuditEvents({ limit: 3 }),
      ...Array.from({ length: 7 }, () => client.getUser()),
    ]);
    expect(parallel.map((r) => r.ok)).toEqual(Array(10).fill(true));
    expect(server.count("/api/auth/token/refresh")).toBe(1);
    const sessions = parallel[1]!;
    expect(sessions.ok && sessions.data.sessions.filter((s) => s.current)).toHaveLength(1);

    expect((await client.logout()).ok).toBe(true);
    expect(client.accessToken()).toBeNull();
    const after = await client.getUser();
    expect(after).toMatchObject({ ok: false, status: 401 });
    // A deliberate logout is not an expiry (cookies: the refresh was refused; body: nothing to send).
    expect(onSessionExpired).not.toHaveBeenCalled();
  });

  it("a session revoked elsewhere ends in one refused refresh and one onSessionExpired", async () => {
    const server = counting(makeFetch());
    const onSessionExpired = vi.fn();
    const client = createAuthClient({ baseUrl: BASE_URL, transport, fetch: server.fetch, onSessionExpired });
    const person = newUser();
    await client.register({ ...person, password2: person.password });
    await client.verifyEmail(await latestVerificationLink(person.email));
    expect((await client.login({ login: person.username, password: person.password })).ok).toBe(true);
    // Another device signs out everywhere.
    const other = createAuthClient({ baseUrl: BASE_URL, transport: "body", fetch: appFetch });
    await other.login({ login: person.username, password: person.password });
    expect((await other.logoutAll()).ok).toBe(true);

    const results = await Promise.all(Array.from({ length: 10 }, () => client.listSessions()));
    for (const result of results) expect(result).toMatchObject({ ok: false, status: 401 });
    expect(server.count("/api/auth/token/refresh")).toBe(1);
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });
});

describe("the typed client and the OpenAPI document", () => {
  it("has a method for every operation", async () => {
    const client = createAuthClient();
    const operations = Object.values((await openApiDocument()).paths).flatMap((methods) =>
      Object.values(methods as Record<string, { operationId: string }>).map((o) => o.operationId),
    );
    // The provider redirects the browser to its callback; no client calls it.
    const navigatedTo = new Set(["finishOAuth"]);
    const missing = operations.filter(
      (id) => !navigatedTo.has(id) && typeof (client as Record<string, unknown>)[id] !== "function",
    );
    expect(missing).toEqual([]);
    expect(operations).toContain("finishOAuth");
  });

  it("builds the provider start as a URL to navigate to, on the API's origin", () => {
    const client = createAuthClient({ baseUrl: "https://auth.example.com/" });
    expect(client.startOAuth("github")).toBe("https://auth.example.com/api/auth/oauth/github");
    expect(client.startOAuth("google", { next: "/account?tab=1", intent: "link" })).toBe(
      "https://auth.example.com/api/auth/oauth/google?next=%2Faccount%3Ftab%3D1&intent=link",
    );
  });
});
