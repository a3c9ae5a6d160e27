// Helpers for the account endpoints (reset, resend, profile, password change, sessions,
// logout-all, audit). tests/helpers/http.ts serves the core endpoints; this file adds the
// rest, including the dynamic /api/auth/sessions/{id} route, on top of its request builder.
import { and, asc, eq, sql } from "drizzle-orm";
import type { NextRequest } from "next/server";
import { expect } from "vitest";
import * as audit from "@/app/api/auth/audit/route";
import * as resend from "@/app/api/auth/email-verify/resend/route";
import * as logoutAll from "@/app/api/auth/logout-all/route";
import * as passwordChange from "@/app/api/auth/password-change/route";
import * as passwordResetConfirm from "@/app/api/auth/password-reset-confirm/route";
import * as passwordReset from "@/app/api/auth/password-reset/route";
import * as sessionById from "@/app/api/auth/sessions/[id]/route";
import * as sessionList from "@/app/api/auth/sessions/route";
import { getDb, tables } from "@/db";
import { buildRequest, call, json, type RequestOptions } from "./http";
import type { CookieJar } from "./cookies";
import { loginForTokens, loginWithCookies, mailTo, type LinkToken, type TestUser } from "./users";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type RouteHandler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Partial<Record<Method, RouteHandler>>;

export const PATHS = {
  passwordReset: "/api/auth/password-reset",
  passwordResetConfirm: "/api/auth/password-reset-confirm",
  resend: "/api/auth/email-verify/resend",
  passwordChange: "/api/auth/password-change",
  sessions: "/api/auth/sessions",
  logoutAll: "/api/auth/logout-all",
  audit: "/api/auth/audit",
  user: "/api/auth/user",
  refresh: "/api/auth/token/refresh",
  login: "/api/auth/login",
  logout: "/api/auth/logout",
} as const;

const accountRoutes: Record<string, RouteModule> = {
  [PATHS.passwordReset]: passwordReset as RouteModule,
  [PATHS.passwordResetConfirm]: passwordResetConfirm as RouteModule,
  [PATHS.resend]: resend as RouteModule,
  [PATHS.passwordChange]: passwordChange as RouteModule,
  [PATHS.sessions]: sessionList as RouteModule,
  [PATHS.logoutAll]: logoutAll as RouteModule,
  [PATHS.audit]: audit as RouteModule,
};

/**
 * Calls the handler Next.js would route `path` to: the account routes here, the session
 * route with its `{id}` param, and everything else through tests/helpers/http.ts.
 */
export async function api(method: Method, path: string, options: RequestOptions = {}): Promise<Response> {
  const { pathname } = new URL(path, "http://localhost");
  const session = /^\/api\/auth\/sessions\/([^/]+)$/.exec(pathname);
  if (session) {
    const handler = (sessionById as RouteModule)[method];
    if (!handler) throw new Error(`No ${method} handler for ${pathname}`);
    return handler(buildRequest(method, path, options), {
      params: Promise.resolve({ id: decodeURIComponent(session[1]!) }),
    });
  }
  const routeModule = accountRoutes[pathname];
  if (!routeModule) return call(method, path, options);
  const handler = routeModule[method];
  if (!handler) throw new Error(`No ${method} handler for ${pathname} in tests/helpers/account.ts`);
  return handler(buildRequest(method, path, options), { params: Promise.resolve({}) });
}

/** How a test presents its session: a bearer token or a browser's cookie jar. */
export type Credentials = { bearer: string } | { jar: CookieJar };

export type Transport = "bearer" | "cookie";

/** Logs `user` in with the given transport and returns what to send on later calls. */
export async function signIn(user: TestUser, transport: Transport): Promise<Credentials> {
  if (transport === "bearer") return { bearer: (await loginForTokens(user)).access };
  return { jar: await loginWithCookies(user) };
}

/** The contract's error shape: {detail, code, fields?} and nothing else; returns the body. */
export async function expectError(
  response: Response,
  status: number,
  code: string,
  fieldNames?: string[],
): Promise<{ detail: string; code: string; fields?: Record<string, string[]> }> {
  const text = await response.clone().text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = await json<{ detail: string; code: string; fields?: Record<string, string[]> }>(response);
  expect(typeof body.detail).toBe("string");
  expect(body.detail.length).toBeGreaterThan(0);
  expect(body.code).toBe(code);
  for (const key of Object.keys(body)) expect(["detail", "code", "fields"]).toContain(key);
  if (body.fields !== undefined) {
    for (const messages of Object.values(body.fields)) {
      expect(Array.isArray(messages)).toBe(true);
      for (const message of messages) expect(typeof message).toBe("string");
    }
  }
  if (fieldNames) {
    expect(body.fields, text).toBeDefined();
    for (const name of fieldNames)
      expect(body.fields?.[name], `${name} in ${text}`).toEqual(expect.arrayContaining([expect.any(String)]));
  }
  expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
  return body;
}

/** The `{uid, token}` of the newest password-reset link mailed to `email`. */
export async function latestResetLink(email: string): Promise<LinkToken> {
  const mail = (await mailTo(email)).find((m) => m.text.includes("/reset-password?"));
  if (!mail) throw new Error(`No password-reset mail to ${email} in the outbox`);
  const href = /https?:\/\/\S+\/reset-password\?[^\s)\]"'<>]+/.exec(mail.text)?.[0];
  if (!href) throw new Error(`No reset link in: ${mail.text}`);
  const url = new URL(href.replaceAll("&amp;", "&"));
  return { uid: url.searchParams.get("uid") ?? "", token: url.searchParams.get("token") ?? "" };
}

/** Asks for a reset mail and returns its link. */
export async function requestResetLink(email: string): Promise<LinkToken> {
  const response = await api("POST", PATHS.passwordReset, { json: { email } });
  expect(response.status, await response.clone().text()).toBe(200);
  return latestResetLink(email);
}

export async function userRow(email: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(tables.users)
    .where(sql`lower(${tables.users.email}) = ${email.toLowerCase()}`);
  if (!row) throw new Error(`No user with email ${email}`);
  return row;
}

export async function userCount(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tables.users);
  return row!.n;
}

/** The user's audit events in insertion order. */
export async function auditEventsOf(userId: string) {
  const db = await getDb();
  return db
    .select()
    .from(tables.auditEvents)
    .where(eq(tables.auditEvents.userId, userId))
    .orderBy(asc(tables.auditEvents.id));
}

export async function sessionRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(tables.sessions).where(eq(tables.sessions.id, id));
  return row;
}

export async function oneTimeTokensOf(userId: string, purpose: "verify_email" | "password_reset") {
  const db = await getDb();
  return db
    .select()
    .from(tables.oneTimeTokens)
    .where(and(eq(tables.oneTimeTokens.userId, userId), eq(tables.oneTimeTokens.purpose, purpose)));
}

/** Sends a new password through the reset-confirm endpoint. */
export function confirmReset(link: LinkToken, password: string, confirmation = password): Promise<Response> {
  return api("POST", PATHS.passwordResetConfirm, {
    json: { ...link, new_password: password, new_password2: confirmation },
  });
}

export function loginAttempt(login: string, password: string): Promise<Response> {
  return api("POST", PATHS.login, { json: { login, password }, tokenTransport: true });
}

let passwordCounter = 0;

/** A fresh password that passes the policy for any test user. */
export function strongPassword(): string {
  passwordCounter += 1;
  return `Quasar-Drift-${passwordCounter}-${Math.random().toString(36).slice(2, 8)}!`;
}
