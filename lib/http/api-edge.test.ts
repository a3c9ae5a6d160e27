import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { apiEdge } from "./api-edge";

const BASE = "http://localhost:3000";

function request(path: string): NextRequest {
  return new NextRequest(new URL(path, BASE));
}

describe("apiEdge", () => {
  it("rewrites an API path with a trailing slash to the path without it, keeping the query", async () => {
    const response = apiEdge(request("/api/auth/login/?x=1"));
    expect(response.headers.get("x-middleware-rewrite")).toBe(`${BASE}/api/auth/login?x=1`);
    expect(response.headers.get("location")).toBeNull();
    expect(response.status).toBe(200);
  });

  it("rewrites rather than redirects, so a POST body survives", async () => {
    const response = apiEdge(new NextRequest(`${BASE}/api/auth/token/refresh/`, { method: "POST", body: "{}" }));
    expect(response.headers.get("x-middleware-rewrite")).toBe(`${BASE}/api/auth/token/refresh`);
  });

  it("passes API paths without a trailing slash through untouched", async () => {
    const response = apiEdge(request("/api/auth/login"));
    expect(response.headers.get("x-middleware-rewrite")).toBeNull();
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });
});
