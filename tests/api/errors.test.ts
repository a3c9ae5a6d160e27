import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "@/lib/http/body";
import { call, json, post } from "../helpers/http";
import { newUser, registrationBody } from "../helpers/users";

const JSON_ROUTES = [
  "/api/auth/register",
  "/api/auth/email-verify",
  "/api/auth/login",
  "/api/auth/token/refresh",
  "/api/auth/logout",
];

async function expectError(response: Response, status: number, code: string): Promise<Record<string, unknown>> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = await json(response);
  expect(body).toMatchObject({ code, detail: expect.any(String) });
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts:\d+/);
  return body;
}

describe("error handling shared by the JSON endpoints", () => {
  it.each(JSON_ROUTES)("%s answers malformed JSON with 400 invalid_json", async (path) => {
    const response = await call("POST", path, {
      body: '{"login": "a",',
      headers: { "content-type": "application/json" },
    });
    await expectError(response, 400, "invalid_json");
  });

  it.each(JSON_ROUTES)("%s answers a text/plain body with 415", async (path) => {
    const response = await call("POST", path, {
      body: JSON.stringify(registrationBody(newUser())),
      headers: { "content-type": "text/plain" },
    });
    await expectError(response, 415, "unsupported_media_type");
  });

  it("reads a form-encoded body with the same schema, and answers a non-browser caller in JSON", async () => {
    const response = await call("POST", "/api/auth/login", {
      body: "login=nobody&password=whatever-it-is",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    await expectError(response, 401, "invalid_credentials");
    const invalid = await call("POST", "/api/auth/login", {
      body: "login=nobody",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect((await expectError(invalid, 400, "validation_error")).fields).toHaveProperty("password");
  });

  it("accepts application/json with a charset", async () => {
    const response = await call("POST", "/api/auth/login", {
      body: JSON.stringify({ login: "nobody", password: "whatever-it-is" }),
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    await expectError(response, 401, "invalid_credentials");
  });

  it.each(JSON_ROUTES)("%s answers a body over 64 KiB with 413", async (path) => {
    const body = JSON.stringify({ login: "x", password: "y".repeat(MAX_BODY_BYTES) });
    await expectError(
      await call("POST", path, { body, headers: { "content-type": "application/json" } }),
      413,
      "payload_too_large",
    );
  });

  it("answers a declared Content-Length over 64 KiB with 413 before reading", async () => {
    const response = await call("POST", "/api/auth/login", {
      body: "{}",
      headers: { "content-type": "application/json", "content-length": String(MAX_BODY_BYTES + 1) },
    });
    await expectError(response, 413, "payload_too_large");
  });

  it("accepts a body of exactly 64 KiB", async () => {
    const filler = "y".repeat(MAX_BODY_BYTES - JSON.stringify({ login: "nobody", password: "" }).length);
    const body = JSON.stringify({ login: "nobody", password: filler });
    expect(Buffer.byteLength(body)).toBe(MAX_BODY_BYTES);
    // Over the 256-character password limit, so a field error rather than 413 proves the body was read.
    await expectError(
      await call("POST", "/api/auth/login", { body, headers: { "content-type": "application/json" } }),
      400,
      "validation_error",
    );
  });

  it("answers wrong types with 400 validation_error and per-field messages", async () => {
    const response = await post("/api/auth/register", {
      username: 123,
      email: ["a@b.c"],
      password: { x: 1 },
      password2: null,
      first_name: 7,
    });
    const body = await expectError(response, 400, "validation_error");
    expect(body.fields).toMatchObject({
      username: [expect.any(String)],
      email: [expect.any(String)],
      password: [expect.any(String)],
      password2: [expect.any(String)],
      first_name: [expect.any(String)],
    });
  });

  it.each([
    ["an array", []],
    ["a string", "hello"],
    ["null", null],
    ["a number", 42],
  ])("answers %s as the body with 400, not 500", async (_label, value) => {
    const response = await call("POST", "/api/auth/login", {
      body: JSON.stringify(value),
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ code: "validation_error" });
  });

  it.each([
    ["GET", "/api/auth/register", "POST"],
    ["PUT", "/api/auth/login", "POST"],
    ["DELETE", "/api/auth/logout", "POST"],
    ["GET", "/api/auth/token/refresh", "POST"],
    ["PATCH", "/api/auth/email-verify", "POST"],
    ["POST", "/api/auth/user/export", "GET"],
  ] as const)("%s %s answers 405 in the JSON error format", async (method, path, allow) => {
    const response = await call(method, path);
    await expectError(response, 405, "method_not_allowed");
    expect(response.headers.get("allow")).toBe(allow);
  });

  it.each([
    ["POST", "/api/auth/token/refresh", 401],
    ["POST", "/api/auth/logout", 200],
    ["GET", "/api/auth/user", 401],
  ] as const)("%s %s treats a malformed cookie as no credential, never a 500", async (method, path, status) => {
    const response = await call(method, path, {
      headers: { cookie: "aw_access=%E0%A4%A; aw_refresh=%zz", origin: "http://localhost:3000" },
    });
    expect(response.status).toBe(status);
  });

  it("tags every response with a request id and no-store", async () => {
    const response = await post("/api/auth/login", {}, { headers: { "x-request-id": "trace-123" } });
    expect(response.headers.get("x-request-id")).toBe("trace-123");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
