import { z } from "zod";
import type { ErrorCode } from "@/lib/http/errors";
import type { RouteHandler } from "@/lib/http/route";
import { errorBodySchema } from "@/lib/schemas/errors";
import { mfaRequiredSchema } from "@/lib/schemas/two-factor";
import { failuresOf } from "./failures";
import { SchemaCollector, type JsonSchema } from "./json-schema";
import { API_DESCRIPTION, securitySchemes, tagOf, TAGS } from "./prose";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];
export type RouteModule = Record<Method, RouteHandler>;
/** Route modules by their OpenAPI path (`/api/auth/sessions/{id}`). */
export type RouteRegistry = Record<string, RouteModule>;

export interface DocumentOptions {
  /** The origin clients call (AUTH_URL). */
  serverUrl: string;
  /** The access cookie's name, which depends on AUTH_URL's scheme. */
  accessCookie: string;
  version: string;
}

type Operation = Record<string, unknown>;

/** The OpenAPI 3.1 document of every declared method of every route module. */
export function buildOpenApiDocument(registry: RouteRegistry, options: DocumentOptions) {
  const schemas = new SchemaCollector();
  const paths: Record<string, Partial<Record<Lowercase<Method>, Operation>>> = {};
  for (const [path, routeModule] of Object.entries(registry).sort(([a], [b]) => a.localeCompare(b))) {
    for (const method of METHODS) {
      const handler = routeModule[method];
      if (handler.declared === false) continue;
      (paths[path] ??= {})[method.toLowerCase() as Lowercase<Method>] = operation(path, method, handler, schemas);
    }
  }
  return {
    openapi: "3.1.1",
    info: { title: "ASTROWORLD Auth API", version: options.version, description: API_DESCRIPTION },
    servers: [{ url: options.serverUrl }],
    tags: TAGS,
    paths,
    components: { schemas: schemas.components, securitySchemes: securitySchemes(options.accessCookie) },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

function operation(path: string, method: Method, handler: RouteHandler, schemas: SchemaCollector): Operation {
  const spec = handler.spec;
  const parameters = [
    ...[...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name,
      in: "path",
      required: true,
      schema: { type: "string" },
    })),
    ...(spec.query ? queryParameters(schemas.convert(spec.query, "input")) : []),
    ...(spec.transport ? [TRANSPORT_HEADER] : []),
  ];
  const body = spec.body ? schemas.convert(spec.body, "input") : null;
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [tagOf(path)],
    ...(parameters.length ? { parameters } : {}),
    ...(body
      ? {
          requestBody: {
            // An empty body counts as {}: only a schema with required fields needs one.
            required: Array.isArray(body.required) && body.required.length > 0,
            // A URL-encoded form is read into the same object and checked by the same schema.
            content: { "application/json": { schema: body }, "application/x-www-form-urlencoded": { schema: body } },
          },
        }
      : {}),
    responses: {
      ...successes(spec, schemas),
      ...formRedirect(spec),
      ...redirects(spec),
      ...failures(method, spec, schemas),
    },
    security: security(spec),
  };
}

const TRANSPORT_HEADER = {
  name: "X-Auth-Transport",
  in: "header",
  required: false,
  description: "`body`: answer the tokens in the body (no cookies), for SPAs keeping them in memory, apps and servers.",
  schema: { type: "string", enum: ["body"] },
};

const REQUEST_ID = {
  description: "Quote it when reporting a problem.",
  schema: { type: "string" },
};

function queryParameters(query: JsonSchema) {
  const properties = (query.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((query.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: "query",
    required: required.has(name),
    schema,
  }));
}

function successes(spec: RouteHandler["spec"], schemas: SchemaCollector) {
  const cookies = spec.transport
    ? {
        "Set-Cookie": {
          description: "Cookie transport: the access and refresh tokens (HttpOnly, SameSite=Lax).",
          schema: { type: "string" },
        },
      }
    : {};
  return Object.fromEntries(
    Object.entries(spec.responses ?? {}).map(([status, schema]) => [
      status,
      {
        description: status === "201" ? "Created" : "OK",
        headers: { "X-Request-Id": REQUEST_ID, ...cookies },
        content: { "application/json": { schema: schemas.convert(schema, "output") } },
      },
    ]),
  );
}

/** Routes with pages behind them answer a browser's form post (no JavaScript) with a redirect. */
function formRedirect(spec: RouteHandler["spec"]) {
  if (!spec.form) return {};
  return {
    "303": {
      description: `A browser's form post (URL-encoded, \`Accept: text/html\`): to \`${spec.form.success}\` on success, back to \`${spec.form.failure}\` on failure, the outcome in a one-time flash cookie.`,
      headers: { Location: { description: "The page to show next.", schema: { type: "string" } } },
    },
  };
}

/** Routes a browser navigates to (an OAuth start and callback) answer with redirects only. */
function redirects(spec: RouteHandler["spec"]) {
  return Object.fromEntries(
    Object.entries(spec.redirects ?? {}).map(([status, description]) => [
      status,
      {
        description,
        headers: {
          Location: { description: "Where the browser goes next.", schema: { type: "string" } },
          "Set-Cookie": { description: "The flow's cookies, or the session's on success.", schema: { type: "string" } },
        },
      },
    ]),
  );
}

function failures(method: Method, spec: RouteHandler["spec"], schemas: SchemaCollector) {
  return Object.fromEntries(
    [...failuresOf(method, spec)].map(([status, codes]) => [
      String(status),
      {
        description: codes.map((code) => `\`${code}\``).join(", "),
        headers: { "X-Request-Id": REQUEST_ID, ...failureHeaders(status, codes) },
        content: { "application/json": { schema: schemas.convert(failureBody(codes), "output") } },
      },
    ]),
  );
}

/** An `mfa_required` answer (a sign-in's first factor was right) also carries the token for the second step. */
function failureBody(codes: ErrorCode[]) {
  if (!codes.includes("mfa_required")) return errorBodySchema(codes);
  const others = codes.filter((code) => code !== "mfa_required");
  return others.length ? z.union([errorBodySchema(others), mfaRequiredSchema]) : mfaRequiredSchema;
}

function failureHeaders(status: number, codes: ErrorCode[]) {
  if (status === 429 || status === 503) {
    return { "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer" } } };
  }
  if (codes.includes("not_authenticated")) {
    return {
      "WWW-Authenticate": {
        description: 'On bearer calls: `Bearer error="invalid_token"`.',
        schema: { type: "string" },
      },
    };
  }
  return {};
}

function security(spec: RouteHandler["spec"]) {
  if (spec.secret === "CRON_SECRET") return [{ cronSecret: [] }];
  if (spec.secret === "AUTH_INTROSPECTION_SECRET") return [{ introspectionSecret: [] }];
  if (spec.auth === "user") return [{ bearerAuth: [] }, { cookieAuth: [] }];
  return [];
}
