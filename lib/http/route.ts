import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { getDb, type Database } from "@/db";
import type { DeviceOptions } from "@/lib/auth/known-device";
import type { ClientInfo } from "@/lib/auth/client-info";
import { afterResponse } from "./after-response";
import { parseBody, validate } from "./body";
import { callerOf, isFailure, type Caller } from "./caller";
import { rateLimitSubject } from "./client-ip";
import { corsHeaders, varyOnOrigin } from "./cors";
import { accessTokenOf, refreshCookieOf } from "./credentials";
import { deviceOptionsOf } from "./device-cookie";
import {
  DATABASE_RETRY_AFTER_SECONDS,
  databaseMayBeBack,
  isDatabaseOutage,
  reportDatabaseOutage,
} from "./database-outage";
import { passesCsrfCheck } from "./csrf";
import { errorResponse, fail, failureResponse, type Failure } from "./errors";
import { formAnswer, isBrowserFormPost, type FormTargets } from "./form-post";
export type { FormTargets } from "./form-post";
import { withMfaCookie } from "./mfa-step";
import { enforceRateLimits, type LimitCheck } from "./rate-limit";
import { requestContext } from "./request-context";
import type { RouteDocs } from "./route-docs";
import { withTransportSecurity } from "./transport-security";

type Schema = z.ZodType | undefined;
type Output<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;
export type AuthMode = "user" | "none";
type CallerOf<A extends AuthMode> = A extends "user" ? Caller : null;

/**
 * What a route takes and needs, declared once: the wrapper parses and checks it all before
 * the handler runs, and the API description is read from the same declaration.
 */
export interface RouteSpec<
  B extends Schema = undefined,
  Q extends Schema = undefined,
  A extends AuthMode = "none",
> extends RouteDocs {
  /** The body's schema, JSON or a URL-encoded form (over 64 KiB, other types and bad JSON are refused first). */
  body?: B;
  /** The query string's schema. */
  query?: Q;
  /** "user": a valid access token (cookie or bearer) whose session is live; 401 otherwise. */
  auth?: A;
  /** Rate limits, checked in order once the caller and body are known. */
  limits?: (input: LimitInput<B, A>) => LimitCheck[] | Promise<LimitCheck[]>;
  /** Answers tokens in cookies, or in the body for `X-Auth-Transport: body` clients. */
  transport?: boolean;
  /** Where a browser's form post without JavaScript lands (a 303), on success and on failure. */
  form?: FormTargets;
}

interface LimitInput<B extends Schema, A extends AuthMode> {
  /** The client address as limits count it: IPv4 as is, IPv6 by its /64, "unknown" without one (lib/http/client-ip.ts). */
  ip: string;
  body: Output<B>;
  caller: CallerOf<A>;
  credentials: Credentials;
  /** For a limit keyed on something the request carries beside its body (a cookie). */
  request: Request;
}

type Credentials = { access: string | null; refresh: string | null };

export interface RouteInput<B extends Schema, Q extends Schema, A extends AuthMode> {
  request: NextRequest;
  db: Database;
  body: Output<B>;
  query: Output<Q>;
  caller: CallerOf<A>;
  client: ClientInfo;
  /** The tokens the request presents: access (bearer or cookie) and the refresh cookie. */
  credentials: Credentials;
  /** Runs `task` after the answer is sent, so its cost (mail, say) does not show in the timing. */
  later: (task: () => Promise<void>) => Promise<void>;
  /** The browser's known-device cookie, and whether this caller keeps cookies at all. */
  device: DeviceOptions;
  params: Params;
}

type Params = Record<string, string | string[]>;
type NextContext = { params?: Promise<Params> };
export type RouteHandler = ((request: NextRequest, context: NextContext) => Promise<Response>) & {
  spec: RouteSpec<Schema, Schema, AuthMode>;
  /** false for the 405 `methods()` answers in place of a method the module does not declare. */
  declared?: false;
};

/**
 * A route handler from its declaration. In order: the CSRF check, the caller, the body and
 * query, the rate limits, then `handler`, whose `Failure` (or any step's) is answered through
 * the one error table. Every answer gets a request id, `Vary: Origin` and (unless it says
 * otherwise) `Cache-Control: no-store`; a thrown error is a bug, logged and answered with a
 * detail-free 500, unless it says the database cannot be reached: then a 503 with Retry-After.
 */
export function route<B extends Schema = undefined, Q extends Schema = undefined, A extends AuthMode = "none">(
  spec: RouteSpec<B, Q, A>,
  handler: (input: RouteInput<B, Q, A>) => Promise<Response | Failure>,
): RouteHandler {
  const run = guarded(async (request, context) => {
    // A browser's own form post is answered with a 303 from the same JSON answer.
    const form = spec.form && isBrowserFormPost(request) ? request.clone() : null;
    const input = await prepare(spec, request, context);
    const outcome = isFailure(input) ? input : await handler(input);
    let answer: Response = outcome as Response;
    if (isFailure(outcome)) {
      if (outcome.followUp)
        await afterResponse(`${request.method} ${request.nextUrl.pathname} follow-up`, outcome.followUp);
      // A sign-in that needs its second factor: the browser also keeps the mfa_token in a cookie.
      answer = withMfaCookie(request, outcome, failureResponse(outcome));
    }
    return form && spec.form ? formAnswer(spec.form, form, answer) : answer;
  });
  return Object.assign(run, { spec: spec as RouteSpec<Schema, Schema, AuthMode> });
}

/**
 * Request id, CORS for a trusted origin, `Vary: Origin`, HSTS (production over https),
 * `Cache-Control: no-store` by default, thrown errors as logged 500s (503s for outages).
 * Middleware does not run for /api/* (middleware.ts): every API answer gets its headers here.
 */
function guarded(produce: (request: NextRequest, context: NextContext) => Promise<Response>) {
  return async (request: NextRequest, context: NextContext): Promise<Response> => {
    const requestId = request.headers.get("x-request-id")?.slice(0, 64) || randomUUID();
    let response: Response;
    try {
      response = await produce(request, context);
      void databaseMayBeBack();
    } catch (error) {
      response = isDatabaseOutage(error) ? databaseUnavailable(error) : internalError(requestId, request, error);
    }
    response.headers.set("x-request-id", requestId);
    for (const [name, value] of Object.entries(corsHeaders(request) ?? {})) response.headers.set(name, value);
    varyOnOrigin(response.headers);
    if (!response.headers.has("cache-control")) response.headers.set("cache-control", "no-store");
    return withTransportSecurity(response);
  };
}

/** The database cannot be reached: a 503 the client may retry, logged once per outage. */
function databaseUnavailable(error: unknown): Response {
  reportDatabaseOutage(error);
  return failureResponse(fail("service_unavailable", { retryAfter: DATABASE_RETRY_AFTER_SECONDS }));
}

function internalError(requestId: string, request: NextRequest, error: unknown): Response {
  console.error(`[${requestId}] ${request.method} ${new URL(request.url).pathname} failed: ${describeError(error)}`);
  return errorResponse("internal_error");
}

async function prepare<B extends Schema, Q extends Schema, A extends AuthMode>(
  spec: RouteSpec<B, Q, A>,
  request: NextRequest,
  context: NextContext,
): Promise<RouteInput<B, Q, A> | Failure> {
  if (!passesCsrfCheck(request)) return fail("csrf_failed");
  const db = await getDb();
  let caller: Caller | null = null;
  if (spec.auth === "user") {
    const found = await callerOf(request, db);
    if (isFailure(found)) return found;
    caller = found;
  }
  const body = spec.body ? await parseBody(request, spec.body) : { ok: true as const, data: undefined };
  if (!body.ok) return fail(body.code, { fields: body.fields });
  const query = spec.query
    ? validate(spec.query, Object.fromEntries(request.nextUrl.searchParams))
    : { ok: true as const, data: undefined };
  if (!query.ok) return fail(query.code, { fields: query.fields });
  const client = requestContext(request);
  const credentials = { access: accessTokenOf(request).token, refresh: refreshCookieOf(request) };
  const input = { body: body.data as Output<B>, caller: caller as CallerOf<A>, credentials };
  const limited = spec.limits
    ? await enforceRateLimits(await spec.limits({ ip: rateLimitSubject(client.ip), request, ...input }))
    : null;
  if (limited) return limited;
  const params = (await context.params) ?? {};
  const later = (task: () => Promise<void>) => afterResponse(`${request.method} ${request.nextUrl.pathname}`, task);
  return {
    request,
    db,
    client,
    device: deviceOptionsOf(request),
    params,
    query: query.data as Output<Q>,
    later,
    ...input,
  };
}

/** A JSON answer (200 unless `init` says otherwise). */
export function json(body: unknown, init?: ResponseInit): NextResponse {
  return NextResponse.json(body, init);
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/**
 * Every HTTP method a route module exports: the declared ones, a JSON 405 with an `Allow` built
 * from them for the rest, and the CORS preflight.
 * `export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({ POST: … })`.
 */
export function methods(
  handlers: Partial<Record<Method, RouteHandler>>,
): Record<Method, RouteHandler> & { OPTIONS: RouteHandler } {
  const allow = METHODS.filter((m) => handlers[m]).join(", ");
  // No CSRF check, caller or database: the answer is the same for anyone.
  const refuse = guarded(async () => failureResponse(fail("method_not_allowed", { headers: { allow } })));
  const notAllowed = Object.assign(refuse, { spec: {}, declared: false as const });
  const declared = Object.fromEntries(METHODS.map((m) => [m, handlers[m] ?? notAllowed])) as Record<
    Method,
    RouteHandler
  >;
  return { ...declared, OPTIONS: preflight };
}

/**
 * A CORS preflight: 204, with the CORS headers for a trusted origin only (the wrapper adds
 * them); no CSRF check, caller or database, like the browser's question it answers.
 */
export const preflight: RouteHandler = Object.assign(
  guarded(async () => new Response(null, { status: 204 })),
  { spec: {}, declared: false as const },
);

/**
 * What a bug report needs without what a log must never hold: a failed query's message
 * carries its parameters (password hashes, token hashes, emails), so only the driver's own
 * error and the stack are logged.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 200);
  const cause = error.cause instanceof Error ? error.cause : null;
  const summary = cause
    ? `${error.name} caused by ${cause.name}: ${cause.message}`
    : `${error.name}: ${error.message.split("\n")[0]!.slice(0, 200)}`;
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .slice(0, 8);
  return [summary, ...frames].join("\n");
}
