import { expect, test } from "@playwright/test";

// The API without middleware, over a real socket against the production build: the trailing
// slash is rewritten (a POST body survives), preflights are answered by the routes, and methods
// no route serves get the JSON 405 from the Node server, not an empty 400 or a 500.

test("a trailing slash reaches the route, with its POST body", async ({ request }) => {
  const login = await request.post("/api/auth/login/", { data: { login: "nobody-e2e-edge", password: "wrong" } });
  expect(login.status()).toBe(401);
  expect(await login.json()).toMatchObject({ code: "invalid_credentials" });
  const user = await request.get("/api/auth/user/");
  expect(user.status()).toBe(401);
  expect(await user.json()).toMatchObject({ code: "not_authenticated" });
  expect(user.headers()["vary"]).toMatch(/Origin/);
});

test("a preflight is answered 204 by the route, varying on Origin", async ({ request }) => {
  const answer = await request.fetch("/api/auth/login", {
    method: "OPTIONS",
    headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
  });
  expect(answer.status()).toBe(204);
  expect(answer.headers()["vary"]).toMatch(/Origin/);
  expect(answer.headers()["access-control-allow-origin"]).toBeUndefined();
});

test("methods no route serves get the JSON 405 with Allow", async ({ request }) => {
  for (const method of ["PROPFIND", "MKCOL", "TRACE"]) {
    const answer = await request.fetch("/api/auth/user", { method });
    expect(answer.status(), method).toBe(405);
    expect(answer.headers()["allow"]).toBe("GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE");
    expect(await answer.json()).toEqual({ detail: "Method not allowed.", code: "method_not_allowed" });
  }
});
