import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { decodeJwt } from "jose";
import { uniqueUser, type TestUser } from "./support/helpers";
import { deploy, servicesMissing, type Deployment, type Instance } from "./support/instances";
import { verificationLinkFor } from "./support/mail";

// Two production instances of the build (the standalone server) on one Postgres database and
// one Upstash stand-in, started at the same moment on an empty database, as a load-balanced
// deployment runs them. Whatever one instance decides, the other must respect: migrations,
// refresh rotation, rate limits and the account throttle. Requests go to the instances
// directly, alternating, as a balancer would spread them.

test.describe.configure({ mode: "serial" });

const PORTS = [3110, 3111];
const journal = JSON.parse(readFileSync(new URL("../db/migrations/meta/_journal.json", import.meta.url), "utf8")) as {
  entries: { when: number; tag: string }[];
};
const LOGIN_LIMIT = 10; // RATE_LIMIT_LOGIN: per client IP and login name, per minute
const THROTTLE_FAILURES = 10; // LOGIN_THROTTLE_FAILURES: password checks per account and window

let deployment: Deployment;
let a: Instance;
let b: Instance;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const missing = await servicesMissing();
  if (missing && process.env.CI) throw new Error(missing);
  test.skip(Boolean(missing), `${missing}: start them to run the many-instance tests`);
  deployment = await deploy(PORTS);
  [a, b] = deployment.instances as [Instance, Instance];
});

test.afterAll(async () => {
  await deployment?.stop();
});

type Answer = { status: number; body: Record<string, unknown>; headers: Headers };

/** A JSON call to `instance`, from the client address `ip` (the proxy's X-Forwarded-For). */
async function call(instance: Instance, path: string, opts: { ip: string; body?: unknown; bearer?: string }) {
  const headers: Record<string, string> = {
    "x-forwarded-for": opts.ip,
    "x-auth-transport": "body",
    origin: new URL(a.url).origin,
  };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  const response = await fetch(`${instance.url}${path}`, {
    method: opts.body === undefined ? "GET" : "POST",
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, headers: response.headers };
}

const ip = (n: number) => `198.51.100.${n % 250}`;
const alternate = (i: number) => (i % 2 === 0 ? a : b);
const count = (answers: Answer[], status: number, code?: string) =>
  answers.filter((x) => x.status === status && (code === undefined || x.body.code === code)).length;

/** Registers on one instance and confirms the address on the other. */
async function verifiedUser(label: string, n: number): Promise<TestUser> {
  const user = uniqueUser(label);
  const registered = await call(a, "/api/auth/register", {
    ip: ip(n),
    body: { username: user.username, email: user.email, password: user.password, password2: user.password },
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  const link = new URL(await verificationLinkFor(user.email));
  const verified = await call(b, "/api/auth/email-verify", {
    ip: ip(n),
    body: { uid: link.searchParams.get("uid"), token: link.searchParams.get("token") },
  });
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  return user;
}

test("both instances, started together on an empty database, apply each migration once and serve", async () => {
  const rows = await deployment.sql<{ hash: string; created_at: string }[]>`
    select hash, created_at from drizzle.__drizzle_migrations order by created_at`;
  expect(rows.map((row) => Number(row.created_at))).toEqual(journal.entries.map((entry) => entry.when));
  expect(new Set(rows.map((row) => row.hash)).size).toBe(journal.entries.length);
  for (const instance of [a, b]) {
    const health = await call(instance, "/api/health", { ip: ip(1) });
    expect(health.status, instance.output()).toBe(200);
    expect(health.body).toEqual({ status: "ok" });
  }
});

test("a refresh race split across the instances yields one successor and keeps the session", async () => {
  const user = await verifiedUser("race", 10);
  const login = await call(a, "/api/auth/login", {
    ip: ip(10),
    body: { login: user.username, password: user.password },
  });
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  const refresh = login.body.refresh as string;
  const { sid } = decodeJwt(refresh) as { sid: string };

  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      call(alternate(i), "/api/auth/token/refresh", { ip: ip(10), body: { refresh } }),
    ),
  );
  expect(answers.map((x) => x.status)).toEqual(Array(20).fill(200));
  // Every answer, from either instance, carries the one successor: losers of the race get it
  // through the grace window instead of a second rotation or a reuse alarm.
  const successors = new Set(answers.map((x) => decodeJwt(x.body.refresh as string).jti));
  expect(successors.size).toBe(1);

  const tokens = await deployment.sql<{ used: boolean }[]>`
    select used_at is not null as used from refresh_tokens where session_id = ${sid}`;
  expect(tokens.map((t) => t.used).sort()).toEqual([false, true]);
  const [session] = await deployment.sql<{ revoked_at: Date | null }[]>`
    select revoked_at from sessions where id = ${sid}`;
  expect(session?.revoked_at).toBeNull();

  // The family lives on: each instance accepts what the other issued.
  const successor = answers[1]!;
  expect((await call(a, "/api/auth/user", { ip: ip(10), bearer: successor.body.access as string })).status).toBe(200);
  const onward = await call(b, "/api/auth/token/refresh", { ip: ip(10), body: { refresh: successor.body.refresh } });
  expect(onward.status, JSON.stringify(onward.body)).toBe(200);
  expect((await call(a, "/api/auth/user", { ip: ip(10), bearer: onward.body.access as string })).status).toBe(200);
});

test("a login burst split across the instances gets the limit once, not once per instance", async () => {
  const user = await verifiedUser("limit", 20);
  const answers = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      call(alternate(i), "/api/auth/login", { ip: ip(21), body: { login: user.username, password: user.password } }),
    ),
  );
  const signedIn = count(answers, 200);
  expect(signedIn).toBeGreaterThan(0);
  expect(signedIn).toBeLessThanOrEqual(LOGIN_LIMIT);
  expect(count(answers, 429, "rate_limited")).toBe(30 - signedIn);
  for (const refused of answers.filter((x) => x.status === 429))
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  // Both instances refused some: each consulted the shared count, not one of its own.
  expect(
    count(
      answers.filter((_, i) => i % 2 === 0),
      429,
    ),
  ).toBeGreaterThan(0);
  expect(
    count(
      answers.filter((_, i) => i % 2 === 1),
      429,
    ),
  ).toBeGreaterThan(0);
  const [sessions] = await deployment.sql<{ n: number }[]>`
    select count(*)::int as n from sessions join users on users.id = sessions.user_id where users.username = ${user.username}`;
  expect(sessions?.n).toBe(signedIn);
});

test("an account throttle earned on one instance holds on the other: one shared count of password checks", async () => {
  const user = await verifiedUser("throttle", 30);
  // A distributed guesser: every attempt from its own address, so only the account throttle applies.
  const answers = await Promise.all(
    Array.from({ length: 36 }, (_, i) =>
      call(alternate(i), "/api/auth/login", {
        ip: ip(40 + i),
        body: { login: user.username, password: `Wrong-guess-${i}-xyz` },
      }),
    ),
  );
  expect(count(answers, 200)).toBe(0);
  expect(count(answers, 401, "invalid_credentials")).toBeLessThanOrEqual(THROTTLE_FAILURES);
  expect(count(answers, 429, "login_throttled")).toBeGreaterThanOrEqual(36 - THROTTLE_FAILURES);
  expect(count(answers, 401) + count(answers, 429, "login_throttled")).toBe(36);
  // The owner's right password, from a fresh address, is held back by both instances alike.
  for (const [i, instance] of [a, b, a, b].entries()) {
    const owner = await call(instance, "/api/auth/login", {
      ip: ip(100 + i),
      body: { login: user.username, password: user.password },
    });
    expect(owner.status, JSON.stringify(owner.body)).toBe(429);
    expect(owner.body.code).toBe("login_throttled");
  }
});
