// npm run bench: the production build against its limits, measured in one run on this machine.
// Builds once (skip with --no-build), then for PGlite and for the local Postgres (a fresh
// database, dropped afterwards) starts `next start` on a loopback port with rate limits off
// and loads it with autocannon. Every figure is shown with its ratio to a limit measured in
// the same run; the raw figures go to bench/results/. BENCHMARKS.md says how to read them.
import { spawn, spawnSync } from "node:child_process";
import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import postgres from "postgres";
import { startResendStandIn } from "../../tests/support/resend-standin";
import { CpuMeter } from "./cpu";
import { combined, load, type Load } from "./load";
import { printTable } from "./report";
import { BENCH_PASSWORD, benchLogin, seedAccounts } from "./seed";
import { startApp, type AppServer } from "./server";

const args = process.argv.slice(2);
const build = !args.includes("--no-build");
const label = args.find((a) => a.startsWith("--label="))?.slice(8) ?? "run";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LOGIN_CONNECTIONS = 8;
// Loads that are compared run in turns (a, b, a, b), SECONDS in all for each.
const TURNS = 2;
const turnSeconds = SECONDS / TURNS;
// Round-robin over many accounts: one account sees one attempt at a time, far below the account
// throttle (which counts every attempt before its check).
const ACCOUNTS = 8 * LOGIN_CONNECTIONS;
const CONNECTIONS = 16;
const WARM_UP_SECONDS = 5;
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432";
const cores = os.availableParallelism();
// Fresh objects every time: autocannon writes content-length into the headers it is given.
const json = () => ({ "content-type": "application/json" });
const bodyTransport = () => ({ ...json(), "x-auth-transport": "body" });

const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const signingKey = JSON.stringify({
  ...privateKey.export({ format: "jwk" }),
  kid: `bench-${randomUUID()}`,
  alg: "ES256",
});
const mail = await startResendStandIn();

// Production settings, as a deployment has them, except the rate limits (off for this instance only).
const appEnv: Record<string, string> = {
  NODE_ENV: "production",
  AUTH_URL: "http://localhost",
  AUTH_ALLOW_HTTP: "true",
  AUTH_SIGNING_KEY: signingKey,
  AUTH_SIGNING_KEY_GENERATED: "false",
  AUTH_ALLOW_GENERATED_KEY: "false",
  AUTH_PREVIOUS_PUBLIC_KEYS: "",
  AUTH_ENCRYPTION_KEY: randomBytes(32).toString("base64url"),
  AUTH_ENCRYPTION_KEY_GENERATED: "false",
  AUTH_TRUSTED_ORIGINS: "",
  RESEND_API_KEY: mail.apiKey,
  RESEND_BASE_URL: mail.url,
  TRUSTED_PROXY_HOPS: "1",
  RATE_LIMIT_ENABLED: "false",
  AUTH_ALLOW_NO_RATE_LIMIT: "true",
  BENCH_ROUTES: "true",
  PRUNE_INTERVAL_MINUTES: "0",
  NEXT_TELEMETRY_DISABLED: "1",
  // argon2 runs on libuv's pool (4 threads by default): at least one thread per core.
  UV_THREADPOOL_SIZE: String(Math.max(4, cores)),
  DATABASE_URL: "",
  DB_STATEMENT_LOG: "",
};
Object.assign(process.env, appEnv);

const startedAt = new Date().toISOString();
const results: Record<string, unknown> = { label, startedAt, machine: machine() };
try {
  if (build) results.buildSeconds = runBuild();
  results.pglite = await measure("pglite", 3300, await pgliteTarget(".data/bench-pglite"));
  const pg = await postgresDatabase();
  try {
    results.postgres = await measure("postgres", 3301, { url: pg.url, dataDir: "", backends: pg.backends });
    results.statements = await countStatements(3302, pg.url);
  } finally {
    await pg.drop();
  }
  results.coldStartMs = await coldStart(3303);
} finally {
  await mail.close();
}

mkdirSync("bench/results", { recursive: true });
const file = `bench/results/${startedAt.slice(0, 19).replaceAll(":", "")}-${label}.json`;
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
// Formatted as the repository's other files are, so a run can be committed as it is.
spawnSync("node_modules/.bin/prettier", ["--write", file], { stdio: "ignore" });
printTable(results as never);
console.log(`\nraw figures: ${file}`);

function machine() {
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    uvThreadpoolSize: Number(appEnv.UV_THREADPOOL_SIZE),
    secondsPerLoad: SECONDS,
  };
}

function runBuild(): number {
  const start = performance.now();
  console.error("building (next build)…");
  const built = spawnSync("node_modules/.bin/next", ["build"], { stdio: ["ignore", "pipe", "pipe"], env: process.env });
  if (built.status !== 0) throw new Error(`next build failed:\n${built.stdout}\n${built.stderr}`);
  return Math.round((performance.now() - start) / 100) / 10;
}

/** Raw argon2id verifies per second, LOGIN_CONNECTIONS at a time, in a process of its own. */
function argon2Bound(seconds: number): { verifies: number; seconds: number; cpuMsPerVerify: number } {
  const run = spawnSync(
    "node_modules/.bin/tsx",
    ["scripts/bench/argon2-bound.ts", String(LOGIN_CONNECTIONS), String(seconds)],
    { encoding: "utf8", env: process.env },
  );
  if (run.status !== 0) throw new Error(`argon2 bound failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as {
    verifies: number;
    seconds: number;
    cpuMsPerVerify: number;
  };
}

/** argon2id verifies behind a bare HTTP server (scripts/bench/argon2-http.ts), in a process of its own. */
async function startArgon2Http(port: number): Promise<{ url: string; pid: number; stop: () => void }> {
  const child = spawn("node_modules/.bin/tsx", ["scripts/bench/argon2-http.ts", String(port)], {
    env: process.env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.once("exit", (code) => reject(new Error(`argon2 HTTP bound exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => child.kill("SIGTERM") };
}

/** Turns of `rounds`: each task in order, each for SECONDS / rounds; every task's turns combined. */
async function inTurns<T extends Record<string, () => Promise<Load>>>(
  rounds: number,
  tasks: T,
): Promise<Record<keyof T, Load>> {
  const turns = Object.fromEntries(Object.keys(tasks).map((name) => [name, [] as Load[]])) as Record<keyof T, Load[]>;
  for (let round = 0; round < rounds; round++)
    for (const [name, task] of Object.entries(tasks)) turns[name as keyof T].push(await task());
  return Object.fromEntries(Object.entries(turns).map(([name, list]) => [name, combined(list)])) as Record<
    keyof T,
    Load
  >;
}

async function pgliteTarget(dataDir: string) {
  rmSync(dataDir, { recursive: true, force: true });
  return { dataDir };
}

async function postgresDatabase() {
  const name = `aw_bench_${process.pid}`;
  const admin = postgres(`${POSTGRES_URL}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  return {
    url: `${POSTGRES_URL}/${name}`,
    /** The Postgres backends serving this database (their CPU is counted per request). */
    backends: async () =>
      (await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name}`).map((r) =>
        Number(r.pid),
      ),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function logInForTokens(url: string, i: number): Promise<{ access: string; refresh: string }> {
  const answer = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: bodyTransport(),
    body: JSON.stringify({ login: benchLogin(i), password: BENCH_PASSWORD }),
  });
  if (!answer.ok) throw new Error(`login ${i}: ${answer.status} ${await answer.text()}`);
  return (await answer.json()) as { access: string; refresh: string };
}

async function measure(
  name: string,
  port: number,
  target: { url?: string; dataDir: string; backends?: () => Promise<number[]> },
) {
  console.error(`${name}: seeding, starting next start on :${port}…`);
  await seedAccounts(target, ACCOUNTS);
  const server = await startApp({
    port,
    env: target.url ? { DATABASE_URL: target.url } : { PGLITE_DATA_DIR: target.dataDir },
  });
  const cpu = new CpuMeter(server.process.pid!, target.backends ?? (async () => []));
  const requests = (l: Load) => l.ok + l.failed;
  const metered = (figure: string, work: () => Promise<Load>) => () => cpu.measure(figure, work, requests);
  try {
    const url = server.url;
    await logInForTokens(url, 0);
    console.error(`${name}: login load, in turns with raw argon2id verifies…`);
    const bound = { verifies: 0, seconds: 0, cpuMs: 0 };
    const logins = (seconds: number, at = url) =>
      load({
        url: at,
        seconds,
        connections: LOGIN_CONNECTIONS,
        requests: [
          eachRequest((n) => ({
            method: "POST",
            path: "/api/auth/login",
            headers: bodyTransport(),
            body: JSON.stringify({ login: benchLogin(n % ACCOUNTS), password: BENCH_PASSWORD }),
          })),
        ],
      });
    // Not counted: the first few hundred logins run half-compiled code (the yardstick's thousands
    // of requests warm up within their first second); profiles showed 25 % more main-thread CPU.
    await logins(WARM_UP_SECONDS);
    const http = await startArgon2Http(port + 10);
    const httpCpu = new CpuMeter(http.pid, async () => []);
    let turns;
    try {
      await logins(1, http.url);
      turns = await withPeakRss(server, () =>
        inTurns(TURNS, {
          login: async () => {
            const raw = argon2Bound(turnSeconds);
            bound.verifies += raw.verifies;
            bound.seconds += raw.seconds;
            bound.cpuMs += raw.cpuMsPerVerify * raw.verifies;
            return cpu.measure("login", () => logins(turnSeconds), requests);
          },
          argon2Http: () => httpCpu.measure("argon2Http", () => logins(turnSeconds, http.url), requests),
        }),
      );
    } finally {
      http.stop();
    }
    const { login, argon2Http, peakRssMiB } = turns;
    const argon2PerSecond = bound.verifies / bound.seconds;
    const argon2CpuMsPerVerify = Math.round((bound.cpuMs / bound.verifies) * 1000) / 1000;
    const { access } = await logInForTokens(url, 0);
    console.error(`${name}: who-am-I, yardstick, JWKS in turns…`);
    const { user, noop, jwks } = await inTurns(TURNS, {
      noop: metered("noop", () => load({ url: `${url}/bench/noop`, seconds: turnSeconds, connections: CONNECTIONS })),
      user: metered("user", () =>
        load({
          url: `${url}/api/auth/user`,
          seconds: turnSeconds,
          connections: CONNECTIONS,
          headers: { authorization: `Bearer ${access}` },
        }),
      ),
      jwks: metered("jwks", () =>
        load({ url: `${url}/api/auth/jwks`, seconds: turnSeconds, connections: CONNECTIONS }),
      ),
    });
    console.error(`${name}: refresh…`);
    const refresh = await metered("refresh", () => refreshLoad(url))();
    console.error(`${name}: protected page…`);
    const page = await load({
      url: `${url}/account`,
      seconds: SECONDS,
      connections: CONNECTIONS,
      headers: { cookie: `aw_access=${access}` },
    });
    const middlewareOnly = await load({
      url: `${url}/account`,
      seconds: SECONDS,
      connections: CONNECTIONS,
      expect: 307,
    });
    const cpuPerRequest = Object.fromEntries(
      ["login", "user", "noop", "jwks", "refresh"].map((figure) => [figure, cpu.perRequest(figure)]),
    );
    return {
      login: { ...login, peakRssMiB },
      argon2PerSecond,
      argon2CpuMsPerVerify,
      argon2Http: { ...argon2Http, cpu: httpCpu.perRequest("argon2Http") },
      user,
      noop,
      jwks,
      refresh,
      page,
      middlewareOnly,
      cpuPerRequest,
    };
  } finally {
    await server.stop();
    if (!target.url) rmSync(target.dataDir, { recursive: true, force: true });
  }
}

type Built = { method: "POST" | "GET"; path: string; headers: Record<string, string>; body?: string };

/** A request built afresh each time, the n-th from `make(n)` (autocannon resets its per-connection context). */
function eachRequest(make: (n: number) => Built) {
  let next = 0;
  return { method: "POST" as const, path: "/", setupRequest: (request: object) => ({ ...request, ...make(next++) }) };
}

/**
 * Rotation chains, one per connection and a spare each: a request takes a chain's live token
 * and puts its successor back, so every token is presented once, as a client would.
 */
async function refreshLoad(url: string): Promise<Load> {
  const pool: string[] = [];
  for (let i = 0; i < 2 * LOGIN_CONNECTIONS; i++) pool.push((await logInForTokens(url, i)).refresh);
  return load({
    url,
    seconds: SECONDS,
    connections: LOGIN_CONNECTIONS,
    requests: [
      {
        ...eachRequest(() => ({
          method: "POST",
          path: "/api/auth/token/refresh",
          headers: bodyTransport(),
          body: JSON.stringify({ refresh: pool.shift() }),
        })),
        onResponse: (status: number, body: string) => {
          if (status === 200) pool.push((JSON.parse(body) as { refresh: string }).refresh);
        },
      },
    ],
  });
}

async function withPeakRss<T>(server: AppServer, work: () => Promise<T>): Promise<T & { peakRssMiB: number }> {
  let peak = server.rssMiB();
  const timer = setInterval(() => (peak = Math.max(peak, server.rssMiB())), 250);
  try {
    const result = await work();
    return { ...result, peakRssMiB: Math.round(Math.max(peak, server.rssMiB())) };
  } finally {
    clearInterval(timer);
  }
}

/** Statements sent to Postgres per request, from the driver's own log (one line each). */
async function countStatements(port: number, databaseUrl: string) {
  const log = `.data/bench-statements-${process.pid}.log`;
  writeFileSync(log, "");
  const server = await startApp({ port, env: { DATABASE_URL: databaseUrl, DB_STATEMENT_LOG: log } });
  const url = server.url;
  const lines = () => readFileSync(log, "utf8").split("\n").filter(Boolean);
  const counted = async (work: () => Promise<Response>) => {
    const before = lines().length;
    const answer = await work();
    if (!answer.ok) throw new Error(`counted request answered ${answer.status}: ${await answer.text()}`);
    await answer.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sent = lines().slice(before);
    return { count: sent.length, statements: sent };
  };
  try {
    const loginBody = JSON.stringify({ login: benchLogin(1), password: BENCH_PASSWORD });
    const warm = await logInForTokens(url, 1);
    await fetch(`${url}/api/auth/user`, { headers: { authorization: `Bearer ${warm.access}` } });
    const loginToken = await counted(() =>
      fetch(`${url}/api/auth/login`, { method: "POST", headers: bodyTransport(), body: loginBody }),
    );
    const loginBrowser = await counted(() =>
      fetch(`${url}/api/auth/login`, { method: "POST", headers: json(), body: loginBody }),
    );
    const { access, refresh } = await logInForTokens(url, 1);
    const user = await counted(() => fetch(`${url}/api/auth/user`, { headers: { authorization: `Bearer ${access}` } }));
    const rotate = await counted(() =>
      fetch(`${url}/api/auth/token/refresh`, {
        method: "POST",
        headers: bodyTransport(),
        body: JSON.stringify({ refresh }),
      }),
    );
    return { loginToken, loginBrowser, user, refresh: rotate };
  } finally {
    await server.stop();
    rmSync(log, { force: true });
  }
}

/** `npm start` on an empty PGlite directory until its first 200, migrations included. */
async function coldStart(port: number): Promise<number> {
  const dataDir = ".data/bench-cold";
  rmSync(dataDir, { recursive: true, force: true });
  const start = performance.now();
  const server = await startApp({
    port,
    env: { PGLITE_DATA_DIR: dataDir },
    command: ["npm", "start", "--", "-H", "127.0.0.1"],
    timeoutMs: 120_000,
  });
  const ms = performance.now() - start;
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
  return Math.round(ms);
}
