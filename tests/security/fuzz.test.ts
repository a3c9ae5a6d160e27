// Fuzz pass over every route and method: generated bodies (wrong types, unicode with emoji,
// RTL marks, NUL bytes and lone surrogates, 1 MB strings, 10k-level nesting, arrays, scalars)
// with and without auth. Never a 5xx, always the contract's error shape, and a rejected call
// writes nothing. Reproduce a failure with FUZZ_SEED=<seed printed in the message>.
import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb, tables } from "@/db";
import { ERRORS } from "@/lib/http/errors";
import { storeCookies, type CookieJar } from "../helpers/cookies";
import { call, json, post, type Method, type RequestOptions } from "../helpers/http";
import { claimsOf } from "../helpers/tokens";
import { activeUser, type TestUser, type TokenPair } from "../helpers/users";

vi.hoisted(() => {
  // Re-logins after the fuzzer ends its own session must not hit the login limits; the limiter
  // still runs (and sees every fuzzed key), it just never says no to the harness itself.
  process.env.RATE_LIMIT_LOGIN = "100000/60";
  process.env.RATE_LIMIT_LOGIN_IP = "100000/60";
});

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_a570);
const BODIES = 30;
const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

// Every route tests/helpers/http.ts serves, with the methods each one implements.
const ROUTES: { path: string; serves: Method[] }[] = [
  { path: "/api/auth/register", serves: ["POST"] },
  { path: "/api/auth/email-verify", serves: ["POST"] },
  { path: "/api/auth/email-verify/resend", serves: ["POST"] },
  { path: "/api/auth/login", serves: ["POST"] },
  { path: "/api/auth/token/refresh", serves: ["POST"] },
  { path: "/api/auth/logout", serves: ["POST"] },
  { path: "/api/auth/logout-all", serves: ["POST"] },
  { path: "/api/auth/user", serves: ["GET", "PUT", "PATCH"] },
  { path: "/api/auth/password-reset", serves: ["POST"] },
  { path: "/api/auth/password-reset-confirm", serves: ["POST"] },
  { path: "/api/auth/password-change", serves: ["POST"] },
  { path: "/api/auth/sessions", serves: ["GET"] },
  { path: "/api/auth/sessions/[id]", serves: ["DELETE"] },
  { path: "/api/auth/audit", serves: ["GET"] },
  { path: "/api/auth/jwks", serves: ["GET"] },
];

/** Handlers that parse the body before anything else can refuse (given a live session when `authed`). */
function readsBody(method: Method, path: string, authed: boolean): boolean {
  if (method === "POST") {
    if (["/api/auth/logout-all"].includes(path)) return false;
    if (path === "/api/auth/password-change") return authed;
    return ROUTES.some((r) => r.path === path && r.serves.includes("POST"));
  }
  return (method === "PUT" || method === "PATCH") && path === "/api/auth/user" && authed;
}

// ---- seeded generation -------------------------------------------------------------------

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return h >>> 0;
}

const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)]!;

const NASTY = [
  "",
  " ",
  "\u0000",
  "pilot\u0000admin",
  "\u202Egnp.exe\u202C",
  "🚀🌌👩‍🚀",
  "مرحبا بالعالم",
  "שלום",
  "\uFEFFbom",
  "\uD800",
  "x\uDFFFy",
  "e\u0301",
  "ﬁ",
  "𝕒𝕕𝕞𝕚𝕟",
  "Ａｄｍｉｎ",
  "<script>alert(1)</script>",
  "' OR '1'='1",
  "admin'--",
  "../../etc/passwd",
  "%00",
  "${jndi:ldap://x/a}",
  "{{7*7}}",
  "null",
  "undefined",
  "true",
  "0",
  "-1",
  "NaN",
  "1e309",
  "\r\nX-Injected: 1",
  "\t\n\u000b\f",
  "a".repeat(300),
  "x@y",
  "@",
  "http://",
  "javascript:alert(1)",
  "data:text/html,hi",
  "https://example.com/a.png",
  "AAAA",
  "eyJhbGciOiJub25lIn0.e30.",
  "__proto__",
];

const KNOWN_FIELDS = [
  "username",
  "email",
  "password",
  "password2",
  "first_name",
  "last_name",
  "login",
  "uid",
  "token",
  "refresh",
  "new_password",
  "new_password2",
  "current_password",
  "bio",
  "profile_picture",
  "limit",
  "before",
];
const HOSTILE_FIELDS = [
  "id",
  "email_verified",
  "is_active",
  "is_staff",
  "password_hash",
  "__proto__",
  "constructor",
  "prototype",
  "",
  "😀",
];

function codePoints(rng: Rng): string {
  const ranges: [number, number][] = [
    [0, 0x20],
    [0x20, 0x7f],
    [0x80, 0x800],
    [0x590, 0x700],
    [0x200b, 0x2070],
    [0xd800, 0xe000],
    [0xfff0, 0x10000],
    [0x1f300, 0x1fa00],
    [0xe0000, 0xe0080],
  ];
  let out = "";
  for (let i = int(rng, 40); i > 0; i--) {
    const [lo, hi] = pick(rng, ranges);
    out += String.fromCodePoint(lo + int(rng, hi - lo));
  }
  return out;
}

interface Plants {
  email: string;
  password: string;
  refresh: string;
  victim: string;
}

function randomString(rng: Rng, plants: Plants): string {
  switch (int(rng, 8)) {
    case 0:
    case 1:
      return pick(rng, NASTY);
    case 2:
      return codePoints(rng);
    case 3:
      return "ab🚀".repeat(int(rng, 3000));
    case 4:
      return `${pick(rng, ["pilot", "Ünïcødé", "x".repeat(200), "a\u0000b", "🚀"])}${int(rng, 1000)}@${pick(rng, ["example.test", "ex ample.test", "例え.テスト", "a", ""])}`;
    case 5:
      return `Nebula-${codePoints(rng)}-${int(rng, 1e6)}!`;
    case 6:
      return pick(rng, [
        plants.email,
        plants.email.toUpperCase(),
        plants.victim,
        plants.refresh,
        plants.password,
        ` ${plants.email} `,
      ]);
    default:
      return Buffer.from(Array.from({ length: int(rng, 64) }, () => int(rng, 256))).toString("base64url");
  }
}

function randomValue(rng: Rng, plants: Plants, depth = 0): unknown {
  switch (int(rng, depth > 2 ? 6 : 8)) {
    case 0:
    case 1:
      return randomString(rng, plants);
    case 2:
      return pick(rng, [0, -1, 1, 2 ** 53, -(2 ** 63), 1e308, -1e-308, 0.5, 20, 101, 3.14159]);
    case 3:
      return rng() < 0.5;
    case 4:
      return null;
    case 5:
      return int(rng, 2 ** 31) * (rng() < 0.5 ? -1 : 1);
    case 6:
      return Array.from({ length: int(rng, 4) }, () => randomValue(rng, plants, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = int(rng, 4); i > 0; i--)
        object[pick(rng, [...KNOWN_FIELDS, ...HOSTILE_FIELDS])] = randomValue(rng, plants, depth + 1);
      return object;
    }
  }
}

function randomObject(rng: Rng, plants: Plants): string {
  const pairs: string[] = [];
  for (const field of KNOWN_FIELDS)
    if (rng() < 0.6) pairs.push(`${JSON.stringify(field)}:${JSON.stringify(randomValue(rng, plants))}`);
  for (let i = int(rng, 3); i > 0; i--)
    pairs.push(`${JSON.stringify(pick(rng, HOSTILE_FIELDS))}:${JSON.stringify(randomValue(rng, plants))}`);
  // Sometimes a body good enough to reach the deeper code: matching strong passwords, the real current one.
  if (rng() < 0.3) {
    const strong = `Quasar-${int(rng, 1e9)}-Drift!`;
    pairs.push(`"password":${JSON.stringify(strong)}`, `"password2":${JSON.stringify(strong)}`);
    pairs.push(`"new_password":${JSON.stringify(strong)}`, `"new_password2":${JSON.stringify(strong)}`);
    if (rng() < 0.5) pairs.push(`"current_password":${JSON.stringify(plants.password)}`);
  }
  return `{${pairs.join(",")}}`;
}

// Text Postgres cannot store (NUL), JSON it cannot parse into jsonb (lone surrogates), and the
// bidi and zero-width characters that survive everywhere but mislead people.
const POISONS = ["\u0000", "a\u0000", "\uD800", "\uDC00x", "\u202E", "\u200D\uFEFF", "\u0000\uD83D"];

/** A body good enough to pass most schemas, with `poison` in every free-text field. */
function poisoned(rng: Rng, plants: Plants, poison: string): string {
  const tag = int(rng, 1e9);
  const strong = `Quasar-${tag}-Drift!`;
  const body: Record<string, unknown> = {
    username: rng() < 0.5 ? `pilot${tag}${poison}` : `pilot${tag}`,
    email: rng() < 0.5 ? `pilot${tag}${poison}@example.test` : `pilot${tag}@example.test`,
    login: `pilot${tag}${poison}`,
    password: strong,
    password2: strong,
    new_password: strong,
    new_password2: strong,
    current_password: rng() < 0.5 ? plants.password : `${strong}${poison}`,
    first_name: `Travis${poison}`,
    last_name: `${poison}Scott`,
    bio: `Astro${poison}world`,
    profile_picture: `https://example.com/${poison}.png`,
    uid: "AAAA",
    token: "BBBB",
  };
  for (const field of Object.keys(body)) if (rng() < 0.15) delete body[field];
  return JSON.stringify(body);
}

interface Body {
  kind: string;
  body?: string;
  contentType?: string;
}

const DEEP = 10_000;

function bodyFor(rng: Rng, i: number, plants: Plants): Body {
  const json = (kind: string, body: string): Body => ({ kind, body, contentType: "application/json" });
  switch (i) {
    case 0:
      return json("huge", JSON.stringify({ [pick(rng, KNOWN_FIELDS)]: "x".repeat(1024 * 1024) }));
    case 1:
      return json("deep", "[".repeat(DEEP) + "]".repeat(DEEP));
    case 2:
      // Under a key no schema knows: stripped, so this may well succeed; it must just not crash.
      return json("deep-unknown-key", '{"a":'.repeat(DEEP) + "1" + "}".repeat(DEEP));
    case 3:
      return json(
        "deep-in-field",
        `{${JSON.stringify(pick(rng, KNOWN_FIELDS))}:${"[".repeat(DEEP)}${"]".repeat(DEEP)}}`,
      );
    case 4:
      return json(
        "badjson",
        pick(rng, ["{", '{"a":}', "nul", "[1,]", "{'a':1}", '{"a":1}garbage', "\u0000", '{"email":"\\ud800"']),
      );
    case 5: {
      const body = randomObject(rng, plants);
      const contentType = pick(rng, [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonx",
      ]);
      // URL-encoded forms are read like JSON (forms post without JavaScript); other types are refused.
      return { kind: contentType === "application/x-www-form-urlencoded" ? "form" : "wrongtype", body, contentType };
    }
    case 6:
      return json("scalar", "null");
    case 7:
      return json("scalar", JSON.stringify(Array.from({ length: int(rng, 5) }, () => randomValue(rng, plants))));
    case 8:
      return json("scalar", String(pick(rng, [0, -1, 1e308, 3.5])));
    case 9:
      return json("scalar", pick(rng, ["true", "false"]));
    case 10:
      return json("scalar", JSON.stringify(randomString(rng, plants)));
    case 11:
      return json("object", "{}");
    case 12:
      return { kind: "empty" };
    case 14:
    case 15:
    case 16:
      return json("poisoned", poisoned(rng, plants, pick(rng, POISONS)));
    case 13:
      return {
        kind: "object",
        body: randomObject(rng, plants),
        contentType: pick(rng, ["application/json; charset=utf-8", "application/problem+json", "APPLICATION/JSON"]),
      };
    default:
      return json("object", randomObject(rng, plants));
  }
}

function encode(rng: Rng, plants: Plants): string {
  const value = randomString(rng, plants);
  try {
    return encodeURIComponent(value) || "x";
  } catch {
    return "x"; // a lone surrogate cannot be percent-encoded
  }
}

function queryFor(rng: Rng, plants: Plants): string {
  const params: string[] = [];
  for (const name of ["limit", "before", pick(rng, ["x", "limit", "__proto__", "email"])]) {
    if (rng() < 0.6)
      params.push(`${name}=${pick(rng, [encode(rng, plants), String(int(rng, 200) - 50), "1e3", "0x10", "", "-0"])}`);
  }
  return params.length ? `?${params.join("&")}` : "";
}

function randomIp(rng: Rng): string {
  return pick(rng, [
    `198.51.100.${int(rng, 256)}`,
    `2001:db8::${int(rng, 65536).toString(16)}`,
    "unknown",
    `${int(rng, 256)}.0.0.1, 10.0.0.${int(rng, 256)}`,
    "x".repeat(200),
  ]);
}

// ---- the session the "with auth" half uses ------------------------------------------------

interface Auth {
  owner: TestUser;
  ownerId: string;
  pair: TokenPair;
  jar: CookieJar;
}

async function signIn(owner: TestUser): Promise<TokenPair> {
  const response = await post(
    "/api/auth/login",
    { login: owner.email, password: owner.password },
    { tokenTransport: true },
  );
  expect(response.status, await response.clone().text()).toBe(200);
  return json<TokenPair>(response);
}

async function signInBrowser(owner: TestUser): Promise<CookieJar> {
  const response = await post("/api/auth/login", { login: owner.email, password: owner.password });
  expect(response.status, await response.clone().text()).toBe(200);
  return storeCookies(new Map(), response);
}

async function sessionAlive(accessToken: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ revokedAt: tables.sessions.revokedAt })
    .from(tables.sessions)
    .where(sql`${tables.sessions.id} = ${claimsOf(accessToken).sid}`);
  return row !== undefined && row.revokedAt === null;
}

/** What a rejected call must leave alone: row counts, used/revoked markers, the owner's row. */
async function snapshot(ownerId: string): Promise<Record<string, unknown>> {
  const db = await getDb();
  const count = (table: unknown, where = sql`true`) => sql<number>`(select count(*)::int from ${table} where ${where})`;
  const [row] = await db
    .select({
      users: count(tables.users),
      sessions: count(tables.sessions),
      revoked: count(tables.sessions, sql`revoked_at is not null`),
      refreshTokens: count(tables.refreshTokens),
      refreshUsed: count(tables.refreshTokens, sql`used_at is not null`),
      oneTimeTokens: count(tables.oneTimeTokens),
      oneTimeUsed: count(tables.oneTimeTokens, sql`used_at is not null`),
      audit: count(tables.auditEvents),
      outbox: count(tables.devOutbox),
      throttles: sql<number>`(select coalesce(sum(failures), 0)::int + count(*)::int from ${tables.loginThrottles})`,
      owner: sql<string>`(select row_to_json(u)::text from ${tables.users} u where u.id = ${ownerId})`,
    })
    .from(sql`(select 1) as one`);
  return row!;
}

// Statuses of calls that must not have changed anything (401 may: a failed login is audited).
const NO_WRITE = new Set([400, 403, 404, 405, 413, 415, 429]);

function describeCall(seed: number, method: Method, path: string, auth: string, i: number, body: Body): string {
  const preview =
    body.body === undefined
      ? "(no body)"
      : `${body.body.slice(0, 120)}${body.body.length > 120 ? `… (${body.body.length} chars)` : ""}`;
  return `FUZZ_SEED=${seed} ${method} ${path} [${auth}] #${i} ${body.kind} ${body.contentType ?? ""} ${JSON.stringify(preview)}`;
}

async function checkContract(response: Response, where: string): Promise<void> {
  const text = await response.clone().text();
  expect(response.status, `${where}\n→ ${response.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(text, where).not.toMatch(/\bat .*\.(ts|js|mjs):\d+|node_modules|Error:/);
  if (response.status < 400) {
    if (text) expect(() => JSON.parse(text), where).not.toThrow();
    return;
  }
  expect(response.headers.get("content-type"), where).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { detail?: unknown; code?: unknown; fields?: unknown };
  expect(
    Object.keys(body).filter((k) => !["detail", "code", "fields"].includes(k)),
    where,
  ).toEqual([]);
  expect(typeof body.detail === "string" && body.detail.length > 0, where).toBe(true);
  expect(Object.keys(ERRORS), where).toContain(body.code);
  expect(ERRORS[body.code as keyof typeof ERRORS][0], where).toBe(response.status);
  if (body.fields !== undefined) {
    expect(typeof body.fields, where).toBe("object");
    for (const messages of Object.values(body.fields as Record<string, unknown>)) {
      expect(Array.isArray(messages) && messages.every((m) => typeof m === "string"), where).toBe(true);
    }
  }
  if (response.status === 405) expect(response.headers.get("allow"), where).toBeTruthy();
  if (response.status === 429) expect(response.headers.get("retry-after"), where).toMatch(/^[1-9]\d*$/);
}

function expectKind(status: number, body: Body, method: Method, path: string, reads: boolean, where: string): void {
  if (!reads) return;
  if (body.kind === "huge") expect(status, where).toBe(413);
  if (body.kind === "deep") expect(path === "/api/auth/logout" ? [200, 400, 413] : [400, 413], where).toContain(status);
  if (body.kind === "badjson") expect(status, where).toBe(400);
  if (body.kind === "wrongtype") expect(status, where).toBe(415);
  if (body.kind === "form") expect(status, where).not.toBe(415);
}

describe("fuzz: every route and method", () => {
  it.each(ROUTES)(
    "$path never answers 5xx, keeps the error contract and writes nothing on rejection",
    { timeout: 120_000 },
    async ({ path, serves }) => {
      const owner = await activeUser();
      const victim = await activeUser();
      const pair = await signIn(owner);
      const auth: Auth = { owner, ownerId: claimsOf(pair.access).sub, pair, jar: await signInBrowser(owner) };
      const { ownerId } = auth;
      const seed = (SEED ^ hash(path)) >>> 0;
      const rng = mulberry32(seed);
      const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

      // A rejected call is verified to change nothing, so only after another outcome can the
      // harness's sessions have ended, and only then is a fresh "before" snapshot needed.
      const suspect = new Set<"bearer" | "cookie">();
      let unchanged: Record<string, unknown> | undefined;
      for (const method of METHODS) {
        // Methods a route does not serve answer 405 without reading anything: fewer samples suffice.
        const count = serves.includes(method) ? BODIES : 5;
        for (const mode of ["none", "bearer", "cookie"] as const) {
          for (let i = 0; i < count; i++) {
            if (mode !== "none" && suspect.has(mode)) {
              suspect.delete(mode);
              if (mode === "bearer" && !(await sessionAlive(auth.pair.access))) auth.pair = await signIn(auth.owner);
              if (mode === "cookie" && !(await sessionAlive(auth.jar.get("aw_access")!)))
                auth.jar = await signInBrowser(auth.owner);
              unchanged = undefined;
            }
            const plants: Plants = {
              email: owner.email,
              password: auth.owner.password,
              refresh: auth.pair.refresh,
              victim: victim.username,
            };
            const body = method === "GET" ? { kind: "query" } : bodyFor(rng, i, plants);
            let target = path;
            if (path.includes("[id]")) {
              const ownSid = claimsOf(auth.pair.access).sid;
              target = path.replace(
                "[id]",
                pick(rng, [
                  ownSid,
                  ownSid.toUpperCase(),
                  crypto.randomUUID(),
                  "not-a-uuid",
                  encode(rng, plants),
                  "%F0%9F%9A%80",
                  "0".repeat(300),
                ]),
              );
            }
            if (method === "GET") target += queryFor(rng, plants);

            const options: RequestOptions = { headers: { "x-forwarded-for": randomIp(rng) } };
            if (body.body !== undefined) {
              options.body = body.body;
              if (body.contentType) options.headers!["content-type"] = body.contentType;
            }
            if (mode === "bearer") options.bearer = auth.pair.access;
            if (mode === "cookie") options.jar = auth.jar;
            if (rng() < 0.3) options.tokenTransport = true;

            const where = describeCall(seed, method, target, mode, i, body);
            const before = unchanged ?? (await snapshot(ownerId));
            const response = await call(method, target, options);
            await checkContract(response, where);
            expectKind(response.status, body, method, path, readsBody(method, path, mode !== "none"), where);
            if (!NO_WRITE.has(response.status)) {
              unchanged = undefined;
              suspect.add("bearer").add("cookie");
            } else {
              unchanged = await snapshot(ownerId);
              expect(unchanged, `${where}\n→ ${response.status} changed the database`).toEqual(before);
            }

            // A planted current password may have changed it: keep signing in with the new one.
            if (path === "/api/auth/password-change" && response.status === 200 && body.body) {
              auth.owner = {
                ...auth.owner,
                password: (JSON.parse(body.body) as { new_password: string }).new_password.normalize("NFKC"),
              };
            }
          }
        }
      }
      expect(Object.getOwnPropertyNames(Object.prototype).sort(), "Object.prototype was polluted").toEqual(
        prototypeKeys,
      );
    },
  );
});

// Pinned cases of what the fuzzer found: text Postgres cannot store (NUL) or the jsonb audit log
// cannot hold (unpaired surrogates) used to reach the database and come back as a 500.
describe("unstorable text is a validation error, not a 500", () => {
  const POISONED = [
    ["a NUL byte", "pilot\u0000admin"],
    ["a lone low surrogate", "pilot\uDC00x"],
    ["a lone high surrogate", "pilot\uD83D"],
  ] as const;

  it.each(POISONED)("login with %s in the name: 400 validation_error, nothing recorded", async (_name, login) => {
    const before = await snapshot(crypto.randomUUID());
    const response = await post("/api/auth/login", { login, password: "Wrong-password-1" }, { tokenTransport: true });
    await checkContract(response, `login ${JSON.stringify(login)}`);
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({
      code: "validation_error",
      fields: { login: [expect.stringMatching(/not allowed/)] },
    });
    expect(await snapshot(crypto.randomUUID())).toEqual(before);
  });

  it.each(POISONED)("register with %s in a name: 400, nobody created", async (_name, poison) => {
    const before = await snapshot(crypto.randomUUID());
    const body = {
      username: `fresh_${Date.now()}`,
      email: `fresh_${Date.now()}@example.test`,
      password: "Quasar-Drift-9!x",
      password2: "Quasar-Drift-9!x",
      first_name: `Tra${poison}vis`,
    };
    const response = await post("/api/auth/register", body);
    await checkContract(response, "register");
    expect(response.status).toBe(400);
    expect(Object.keys((await json<{ fields: object }>(response)).fields)).toEqual(["first_name"]);
    expect(await snapshot(crypto.randomUUID())).toEqual(before);
  });

  it.each(POISONED)("PATCH /user with %s in bio, names or picture: 400, profile unchanged", async (_name, poison) => {
    const user = await activeUser();
    const pair = await signIn(user);
    const ownerId = claimsOf(pair.access).sub;
    for (const field of ["bio", "first_name", "last_name", "profile_picture"]) {
      const value = field === "profile_picture" ? `https://example.com/${poison}.png` : `Astro${poison}world`;
      const before = await snapshot(ownerId);
      const response = await call("PATCH", "/api/auth/user", { bearer: pair.access, json: { [field]: value } });
      await checkContract(response, `PATCH ${field}`);
      expect(response.status, field).toBe(400);
      expect(Object.keys((await json<{ fields: object }>(response)).fields)).toEqual([field]);
      expect(await snapshot(ownerId)).toEqual(before);
    }
  });

  it("still takes every well-formed script: emoji, RTL, combining marks, astral letters", async () => {
    const user = await activeUser();
    const pair = await signIn(user);
    const profile = { first_name: "مرحبا", last_name: "שלום e\u0301", bio: "🚀👩‍🚀 𝕒𝕤𝕥𝕣𝕠 \u202Eworld\u202C" };
    const response = await call("PATCH", "/api/auth/user", { bearer: pair.access, json: profile });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await json(response)).toMatchObject(profile);
  });
});
