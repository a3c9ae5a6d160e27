import { describe, expect, it } from "vitest";
import { call, get, json } from "../helpers/http";
import { signingJwk } from "../helpers/tokens";

describe("GET /api/auth/jwks", () => {
  it("publishes the public signing key and nothing private", async () => {
    const response = await get("/api/auth/jwks");
    expect(response.status).toBe(200);
    const { keys } = await json<{ keys: Record<string, unknown>[] }>(response);
    const { kid, x, y } = signingJwk();

    expect(keys).toHaveLength(1);
    expect(keys[0]).toEqual({ kty: "EC", crv: "P-256", x, y, kid, alg: "ES256", use: "sig" });
    expect(JSON.stringify(keys)).not.toMatch(/"d"/);
  });

  it("may be cached briefly by verifiers, unlike every other API answer", async () => {
    expect((await get("/api/auth/jwks")).headers.get("cache-control")).toBe("public, max-age=300");
  });

  it("answers other methods with a JSON 405", async () => {
    const response = await call("POST", "/api/auth/jwks", { json: {} });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
    expect(await json(response)).toMatchObject({ code: "method_not_allowed" });
  });
});
