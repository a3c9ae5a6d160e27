// Every API answer depends on Origin (CORS for trusted origins, CSRF refusals for others), so
// every one carries Vary: Origin: a shared cache must never serve one origin's answer to
// another. Checked on route answers of every kind, on preflights and trailing-slash paths, and on
// the 405 the Node server gives for methods no route serves (middleware never runs for /api/*).
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import * as jwks from "@/app/api/auth/jwks/route";
import * as login from "@/app/api/auth/login/route";
import * as profile from "@/app/api/auth/user/route";
import { apiServer } from "../helpers/api-server";
import { BASE_URL } from "../helpers/http";
import { activeUser, loginForTokens } from "../helpers/users";

vi.hoisted(() => {
  process.env.AUTH_TRUSTED_ORIGINS = "https://app.partner.example";
});

type Handler = (request: NextRequest, context: never) => Promise<Response>;

const ORIGINS: (string | null)[] = [null, BASE_URL, "https://app.partner.example", "https://evil.example"];

function at(
  method: string,
  path: string,
  origin: string | null,
  extra: Record<string, string> = {},
  body?: unknown,
): NextRequest {
  const headers: Record<string, string> = { "x-forwarded-for": "203.0.113.70", ...extra };
  if (origin) headers.origin = origin;
  if (body !== undefined) headers["content-type"] = "application/json";
  return new NextRequest(new URL(path, BASE_URL), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const call = (handler: Handler, request: NextRequest) => handler(request, { params: Promise.resolve({}) } as never);

function varyOf(response: Response): string[] {
  return (response.headers.get("vary") ?? "")
    .split(",")
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
}

describe("Vary: Origin", () => {
  it.each(ORIGINS)("is on route answers of every kind (Origin: %s)", async (origin) => {
    const user = await activeUser();
    const { access } = await loginForTokens(user);
    const answers: [string, Response][] = [
      [
        "200 profile",
        await call(profile.GET, at("GET", "/api/auth/user", origin, { authorization: `Bearer ${access}` })),
      ],
      ["200 public JWKS", await call(jwks.GET, at("GET", "/api/auth/jwks", origin))],
      ["401", await call(profile.GET, at("GET", "/api/auth/user", origin))],
      ["400", await call(login.POST, at("POST", "/api/auth/login", origin, {}, { login: "" }))],
      ["405", await call(login.GET, at("GET", "/api/auth/login", origin))],
    ];
    for (const [name, answer] of answers) expect(varyOf(answer), `${name} for ${origin}`).toEqual(["origin"]);
  });

  it("is on a CSRF refusal", async () => {
    const answer = await call(
      login.POST,
      at("POST", "/api/auth/login", "https://evil.example", {}, { login: "a", password: "b" }),
    );
    expect(answer.status).toBe(403);
    expect(varyOf(answer)).toEqual(["origin"]);
  });

  it("is on a 500, which names nothing", async () => {
    const { route } = await import("@/lib/http/route");
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const answer = await call(
      route({}, async () => {
        throw new Error("boom");
      }),
      at("GET", "/api/auth/user", "https://evil.example"),
    );
    errors.mockRestore();
    expect(answer.status).toBe(500);
    expect(varyOf(answer)).toEqual(["origin"]);
  });

  it.each(ORIGINS)("is on what the server answers before or around the routes (Origin: %s)", async (origin) => {
    const answers: [string, Response][] = [
      [
        "preflight",
        await apiServer(at("OPTIONS", "/api/auth/login", origin, { "access-control-request-method": "POST" })),
      ],
      ["pass-through", await apiServer(at("GET", "/api/auth/user", origin))],
      ["trailing-slash rewrite", await apiServer(at("POST", "/api/auth/login/", origin))],
      ["405 for an unknown method", await apiServer(at("PROPFIND", "/api/auth/user", origin))],
    ];
    for (const [name, answer] of answers) expect(varyOf(answer), `${name} for ${origin}`).toContain("origin");
  });

  it("is said once, next to what a route already varies on", async () => {
    const { route } = await import("@/lib/http/route");
    const handler = route({}, async () => new Response("{}", { headers: { vary: "Accept-Encoding, origin" } }));
    expect((await call(handler, at("GET", "/api/auth/user", null))).headers.get("vary")).toBe(
      "Accept-Encoding, origin",
    );
    const other = route({}, async () => new Response("{}", { headers: { vary: "Accept-Encoding" } }));
    expect((await call(other, at("GET", "/api/auth/user", null))).headers.get("vary")).toBe("Accept-Encoding, Origin");
  });
});
