// The OpenAPI document is generated from the route declarations: it must name every route
// module and every declared method (and nothing else), be a valid OpenAPI 3.1 document, and
// describe what the handlers really answer, errors included.
import { readdirSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { METHODS, type OpenApiDocument } from "@/lib/openapi/document";
import { ROUTES } from "@/lib/openapi/registry";
import { openApiDocument } from "@/lib/openapi/served";
import { appFetch, browserFetch, routeOf } from "../helpers/app-fetch";
import { latestResetLink } from "../helpers/account";
import { BASE_URL } from "../helpers/http";
import { activeUser, latestVerificationLink, newUser, registrationBody } from "../helpers/users";

const ROOT = new URL("../../", import.meta.url).pathname;
/** app/api/auth/sessions/[id]/route.ts → /api/auth/sessions/{id}; the catch-all 404 is no endpoint. */
const ROUTE_FILES = (readdirSync(`${ROOT}app/api`, { recursive: true }) as string[])
  .filter((path) => path.endsWith("route.ts") && !path.includes("[..."))
  .map((path) => `/api/${path.replace(/\/?route\.ts$/, "").replace(/\[(\w+)\]/g, "{$1}")}`)
  .sort();

type Operation = {
  operationId?: string;
  summary?: string;
  responses: Record<string, { content?: Record<string, { schema: object }>; headers?: Record<string, unknown> }>;
};
type Paths = Record<string, Record<string, Operation>>;

let doc: OpenApiDocument;
let paths: Paths;
let ajv: Ajv2020;

beforeAll(async () => {
  doc = await openApiDocument();
  paths = doc.paths as Paths;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "doc", components: doc.components }, "doc");
});

/** The document's schema for `method path` answering `status`, with its $refs pointing into the document. */
function responseSchema(method: string, path: string, status: number): object {
  const operation = paths[path]?.[method.toLowerCase()];
  const response = operation?.responses[String(status)];
  const schema = response?.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`${method} ${path} documents no ${status} answer`);
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')) as object;
}

/** Checks a real answer against the document; returns its body. */
async function conforms(method: string, url: string, response: Response): Promise<Record<string, unknown>> {
  const route = routeOf(new URL(url, BASE_URL).pathname);
  if (!route) throw new Error(`no route for ${url}`);
  const body = (await response.clone().json()) as Record<string, unknown>;
  const validate = ajv.compile(responseSchema(method, route.path, response.status));
  const valid = validate(body);
  expect(
    valid,
    `${method} ${url} ${response.status}: ${JSON.stringify(validate.errors)}\n${JSON.stringify(body)}`,
  ).toBe(true);
  const documented = paths[route.path]![method.toLowerCase()]!.responses[String(response.status)]!;
  if (response.status === 429) {
    expect(documented.headers).toHaveProperty("Retry-After");
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  }
  return body;
}

const JSON_HEADERS = { "content-type": "application/json" };

describe("the OpenAPI document", () => {
  it("has a path for every route module under app/api, and a route module for every path", () => {
    expect(ROUTE_FILES.length).toBeGreaterThanOrEqual(18);
    expect(Object.keys(ROUTES).sort()).toEqual(ROUTE_FILES);
    expect(Object.keys(paths).sort()).toEqual(ROUTE_FILES);
  });

  it("documents exactly the methods each module declares, each with an id, a summary and a success body", () => {
    const ids = new Set<string>();
    for (const [path, routeModule] of Object.entries(ROUTES)) {
      const declared = METHODS.filter((m) => routeModule[m].declared !== false).map((m) => m.toLowerCase());
      expect(Object.keys(paths[path]!).sort(), path).toEqual(declared.sort());
      for (const [method, operation] of Object.entries(paths[path]!)) {
        const name = `${method} ${path}`;
        expect(operation.operationId, name).toMatch(/^[a-z][A-Za-z]+$/);
        expect(ids.has(operation.operationId!), `${name}: operationId used twice`).toBe(false);
        ids.add(operation.operationId!);
        expect(operation.summary, name).toBeTruthy();
        const success = Object.keys(operation.responses).filter((status) => status.startsWith("2"));
        // A route a browser navigates to (OAuth start and callback) succeeds with a redirect.
        const redirects = Object.keys(operation.responses).filter((status) => /^30[23]$/.test(status));
        expect(success.length + redirects.length, name).toBeGreaterThan(0);
        for (const status of success) expect(operation.responses[status]!.content, name).toBeDefined();
        expect(operation.responses, `${name} documents its bugs' 500`).toHaveProperty("500");
      }
    }
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("names both transports, the bearer scheme, the error format and Retry-After", () => {
    const text = JSON.stringify(doc);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.cookieAuth).toMatchObject({
      type: "apiKey",
      in: "cookie",
      name: "aw_access",
    });
    expect(paths["/api/auth/login"]!.post).toHaveProperty("parameters", [
      expect.objectContaining({ name: "X-Auth-Transport", in: "header" }),
    ]);
    expect(paths["/api/auth/user"]!.get).toHaveProperty("security", [{ bearerAuth: [] }, { cookieAuth: [] }]);
    expect(
      Object.keys(
        (paths["/api/auth/introspect"]!.post as unknown as { requestBody: { content: object } }).requestBody.content,
      ),
    ).toEqual(["application/json", "application/x-www-form-urlencoded"]);
    expect(paths["/api/auth/login"]!.post!.responses["429"]!.headers).toHaveProperty("Retry-After");
    expect(text).toContain('"login_throttled"');
    expect(doc.servers).toEqual([{ url: BASE_URL }]);
  });

  it("is served at GET /api/auth/openapi.json, cacheable, the same for everyone", async () => {
    const response = await appFetch("/api/auth/openapi.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(await conforms("GET", "/api/auth/openapi.json", response)).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});

describe("real answers match their documented schemas", () => {
  it("across sign-up, both login transports, the account endpoints and logout", async () => {
    const user = newUser();
    await conforms(
      "POST",
      "/api/auth/register",
      await appFetch("/api/auth/register", {
        method: "POST",
        headers: JSON_HEADERS,
        body: JSON.stringify(registrationBody(user)),
      }),
    );
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      appFetch(path, { method: "POST", headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) });
    const link = await latestVerificationLink(user.email);
    await conforms("POST", "/api/auth/email-verify", await post("/api/auth/email-verify", link));
    // Errors too: the link again (token_used), a bad body, an unknown user.
    await conforms("POST", "/api/auth/email-verify", await post("/api/auth/email-verify", link));
    await conforms("POST", "/api/auth/email-verify", await post("/api/auth/email-verify", { uid: 1 }));
    await conforms("POST", "/api/auth/login", await post("/api/auth/login", { login: "nobody", password: "x" }));

    const browser = browserFetch(BASE_URL);
    const login = { login: user.username, password: user.password };
    const cookieLogin = await browser("/api/auth/login", {
      method: "POST",
      headers: JSON_HEADERS,
      body: JSON.stringify(login),
    });
    expect(await conforms("POST", "/api/auth/login", cookieLogin)).not.toHaveProperty("access");
    const tokens = await conforms(
      "POST",
      "/api/auth/login",
      await post("/api/auth/login", login, { "x-auth-transport": "body" }),
    );
    expect(tokens).toHaveProperty("access");
    const bearer = { authorization: `Bearer ${String(tokens.access)}` };
    const send = (method: string, path: string, body?: unknown) =>
      appFetch(path, {
        method,
        headers: { ...bearer, ...(body === undefined ? {} : JSON_HEADERS) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    for (const path of ["/api/auth/user", "/api/auth/sessions", "/api/auth/audit?limit=2", "/api/auth/jwks"]) {
      await conforms("GET", path, await send("GET", path));
    }
    await conforms("GET", "/api/auth/audit", await send("GET", "/api/auth/audit?limit=0"));
    await conforms("PATCH", "/api/auth/user", await send("PATCH", "/api/auth/user", { bio: "Orbiting" }));
    await conforms("PATCH", "/api/auth/user", await send("PATCH", "/api/auth/user", { profile_picture: "ftp://x" }));
    const profile = { username: user.username, first_name: "Ada", last_name: "L", bio: "", profile_picture: null };
    await conforms("PUT", "/api/auth/user", await send("PUT", "/api/auth/user", profile));
    await conforms("GET", "/api/auth/user", await appFetch("/api/auth/user"));
    await conforms(
      "DELETE",
      "/api/auth/sessions/{id}",
      await send("DELETE", `/api/auth/sessions/${crypto.randomUUID()}`),
    );

    const refreshed = await conforms(
      "POST",
      "/api/auth/token/refresh",
      await post("/api/auth/token/refresh", { refresh: tokens.refresh }, { "x-auth-transport": "body" }),
    );
    await conforms(
      "POST",
      "/api/auth/token/refresh",
      await post("/api/auth/token/refresh", { refresh: tokens.refresh }),
    );
    await conforms("POST", "/api/auth/token/refresh", await browser("/api/auth/token/refresh", { method: "POST" }));
    // A cookie write from a site that is not trusted.
    await conforms(
      "POST",
      "/api/auth/logout-all",
      await browserFetch("https://evil.example", browser.jar)("/api/auth/logout-all", {
        method: "POST",
        credentials: "include",
      }),
    );

    await conforms(
      "POST",
      "/api/auth/password-change",
      await send("POST", "/api/auth/password-change", {
        current_password: "wrong",
        new_password: "a",
        new_password2: "b",
      }),
    );
    await conforms("POST", "/api/auth/password-reset", await post("/api/auth/password-reset", { email: user.email }));
    await conforms(
      "POST",
      "/api/auth/password-reset-confirm",
      await post("/api/auth/password-reset-confirm", {
        ...(await latestResetLink(user.email)),
        new_password: "x",
        new_password2: "x",
      }),
    );
    await conforms(
      "POST",
      "/api/auth/email-verify/resend",
      await post("/api/auth/email-verify/resend", { email: user.email }),
    );
    await conforms("POST", "/api/auth/login/unlock", await post("/api/auth/login/unlock", { uid: "AA", token: "BB" }));
    await conforms("GET", "/api/cron/prune", await appFetch("/api/cron/prune"));

    const fresh = { authorization: `Bearer ${String(refreshed.access)}` };
    await conforms(
      "POST",
      "/api/auth/logout-all",
      await appFetch("/api/auth/logout-all", { method: "POST", headers: fresh }),
    );
    await conforms("POST", "/api/auth/logout", await browser("/api/auth/logout", { method: "POST" }));
    await conforms("GET", "/api/auth/sessions", await appFetch("/api/auth/sessions", { headers: fresh }));
  });

  it("a rate-limited burst answers the documented 429 with Retry-After", async () => {
    const email = (await activeUser()).email;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        appFetch("/api/auth/password-reset", {
          method: "POST",
          headers: JSON_HEADERS,
          body: JSON.stringify({ email }),
        }),
      ),
    );
    const limited = answers.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const response of answers) await conforms("POST", "/api/auth/password-reset", response);
  });
});
