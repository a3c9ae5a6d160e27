// Which origins are trusted comes from configuration (AUTH_URL, AUTH_TRUSTED_ORIGINS), never
// from the request: an attacker who sets Host or X-Forwarded-Host to their own site (a
// misrouted proxy, DNS rebinding, a direct hit on the server) and sends a matching Origin
// gets neither past the CSRF check nor any CORS headers.
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import * as login from "@/app/api/auth/login/route";
import * as logout from "@/app/api/auth/logout/route";
import * as refresh from "@/app/api/auth/token/refresh/route";
import * as profile from "@/app/api/auth/user/route";
import { expectError, userRow } from "../helpers/account";
import { apiServer } from "../helpers/api-server";
import { cookieHeader, type CookieJar } from "../helpers/cookies";
import { BASE_URL, get } from "../helpers/http";
import { activeUser, loginWithCookies } from "../helpers/users";

vi.hoisted(() => {
  process.env.AUTH_TRUSTED_ORIGINS = "https://app.partner.example";
});

type Handler = (request: NextRequest, context: never) => Promise<Response>;

function build(
  method: string,
  path: string,
  headers: Record<string, string>,
  jar?: CookieJar,
  json?: unknown,
): NextRequest {
  const all = new Headers({ "user-agent": "vitest", "x-forwarded-for": "203.0.113.60", ...headers });
  if (jar?.size) all.set("cookie", cookieHeader(jar));
  if (json !== undefined) all.set("content-type", "application/json");
  // The URL a server behind a misrouted proxy would see: the attacker's host.
  const host = headers["x-forwarded-host"] ?? headers.host ?? "localhost:3000";
  return new NextRequest(new URL(path, `http://${host}`), {
    method,
    headers: all,
    body: json === undefined ? undefined : JSON.stringify(json),
  });
}

function send(
  handler: Handler,
  method: string,
  path: string,
  headers: Record<string, string>,
  jar?: CookieJar,
  json?: unknown,
): Promise<Response> {
  return handler(build(method, path, headers, jar, json), { params: Promise.resolve({}) } as never);
}

const FORGED_HOSTS: [string, Record<string, string>][] = [
  ["Host: evil.example", { host: "evil.example", origin: "http://evil.example" }],
  [
    "X-Forwarded-Host: evil.example",
    { host: "localhost:3000", "x-forwarded-host": "evil.example", origin: "http://evil.example" },
  ],
  [
    "both, over https",
    {
      host: "evil.example",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      origin: "https://evil.example",
    },
  ],
];

async function refused(response: Response): Promise<void> {
  await expectError(response, 403, "csrf_failed");
  expect(response.headers.getSetCookie()).toEqual([]);
  expect(response.headers.get("access-control-allow-origin")).toBeNull();
}

describe("an Origin matching a forged Host or X-Forwarded-Host", () => {
  it.each(FORGED_HOSTS)(
    "(%s) is refused on cookie-authenticated writes, in a parallel burst",
    async (_name, headers) => {
      const user = await activeUser();
      const jar = await loginWithCookies(user);
      const before = await userRow(user.email);
      const answers = await Promise.all([
        ...Array.from({ length: 10 }, () =>
          send(profile.PATCH, "PATCH", "/api/auth/user", headers, jar, { bio: "pwned" }),
        ),
        ...Array.from({ length: 10 }, () => send(logout.POST, "POST", "/api/auth/logout", headers, jar)),
        ...Array.from({ length: 10 }, () => send(refresh.POST, "POST", "/api/auth/token/refresh", headers, jar)),
      ]);
      for (const answer of answers) await refused(answer);
      expect(await userRow(user.email)).toEqual(before);
      expect((await get("/api/auth/user", { jar })).status).toBe(200);
    },
  );

  it.each(FORGED_HOSTS)("(%s) cannot log a victim's browser into the attacker's account", async (_name, headers) => {
    const user = await activeUser();
    await refused(
      await send(login.POST, "POST", "/api/auth/login", headers, undefined, {
        login: user.username,
        password: user.password,
      }),
    );
  });

  it.each(FORGED_HOSTS)(
    "(%s) gets no CORS headers from the edge, on a preflight or a request",
    async (_name, headers) => {
      const preflight = await apiServer(
        build("OPTIONS", "/api/auth/user", { ...headers, "access-control-request-method": "PATCH" }),
      );
      const request = await apiServer(build("GET", "/api/auth/user", headers));
      for (const response of [preflight, request]) {
        expect(response.headers.get("access-control-allow-origin")).toBeNull();
        expect(response.headers.get("access-control-allow-credentials")).toBeNull();
      }
    },
  );
});

describe("our configured origin", () => {
  it("passes whatever Host the request carries (an internal name behind a proxy)", async () => {
    const user = await activeUser();
    const jar = await loginWithCookies(user);
    const headers = { host: "auth-7f9c.internal:3000", origin: BASE_URL };
    const answer = await send(profile.PATCH, "PATCH", "/api/auth/user", headers, jar, { bio: "mine" });
    expect(answer.status, await answer.clone().text()).toBe(200);
    expect((await userRow(user.email)).bio).toBe("mine");
  });

  it("is same-origin, so it needs and gets no CORS headers; a listed origin gets them", async () => {
    expect(
      (await apiServer(build("GET", "/api/auth/user", { origin: BASE_URL }))).headers.get(
        "access-control-allow-origin",
      ),
    ).toBeNull();
    const partner = await apiServer(build("GET", "/api/auth/user", { origin: "https://app.partner.example" }));
    expect(partner.headers.get("access-control-allow-origin")).toBe("https://app.partner.example");
  });
});
