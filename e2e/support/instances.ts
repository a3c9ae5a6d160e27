// Several production instances of the build on one Postgres database and one Upstash
// stand-in, as a load-balanced deployment runs them (e2e/many-instances.spec.ts). Each is the
// standalone server the Dockerfile ships, started with only the environment given here.
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { startUpstashStandIn, type UpstashStandIn } from "../../tests/support/upstash-standin";
import { MAIL_STANDIN } from "./mail-standin-config";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SERVER = `${ROOT}.next/standalone/server.js`;
const SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface Instance {
  url: string;
  /** What the server printed, for failure messages. */
  output(): string;
}

export interface Deployment {
  instances: Instance[];
  /** The shared database, for checking what the instances wrote. */
  sql: postgres.Sql;
  stop(): Promise<void>;
}

/** Whether Postgres and Redis answer: a developer without them skips, CI fails. */
export async function servicesMissing(): Promise<string | null> {
  const admin = postgres(SERVER_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await admin`select 1`;
  } catch (error) {
    return `Postgres at ${new URL(SERVER_URL).host} does not answer (${(error as Error).message})`;
  } finally {
    await admin.end({ timeout: 1 });
  }
  try {
    const standIn = await startUpstashStandIn();
    await standIn.close();
  } catch (error) {
    return `Redis does not answer (${(error as Error).message})`;
  }
  return null;
}

/**
 * A fresh database, an Upstash stand-in and `ports.length` instances started at the same moment
 * on the empty database, each answering /api/health before this resolves. All of them share
 * AUTH_URL and the signing key, as instances behind one load balancer do.
 */
export async function deploy(ports: number[]): Promise<Deployment> {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: the e2e web server builds it (npm run build)`);
  const name = `aw_e2e_instances_${randomBytes(5).toString("hex")}`;
  await onServer(`CREATE DATABASE ${name}`);
  const databaseUrl = Object.assign(new URL(SERVER_URL), { pathname: `/${name}` }).toString();
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  let upstash: UpstashStandIn | null = null;
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopProcess));
    await upstash?.close();
    await sql.end({ timeout: 5 });
    await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  try {
    upstash = await startUpstashStandIn();
    const shared = sharedEnv({ databaseUrl, upstash, publicUrl: `http://127.0.0.1:${ports[0]}` });
    const instances = ports.map((port) => {
      const child = spawn(process.execPath, [SERVER], {
        cwd: ROOT,
        env: { ...shared, PORT: String(port), HOSTNAME: "127.0.0.1" },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      children.push(child);
      // The last lines, each cut short: a stack through the minified server is one huge line.
      let lines: string[] = [];
      const keep = (chunk: Buffer) => {
        lines = [
          ...lines,
          ...chunk
            .toString()
            .split("\n")
            .map((line) => line.slice(0, 300)),
        ].slice(-30);
      };
      child.stdout!.on("data", keep);
      child.stderr!.on("data", keep);
      return { url: `http://127.0.0.1:${port}`, output: () => lines.join("\n"), child };
    });
    await Promise.all(instances.map(waitUntilHealthy));
    return { instances, sql, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function sharedEnv(opts: { databaseUrl: string; upstash: UpstashStandIn; publicUrl: string }): NodeJS.ProcessEnv {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const key = { ...privateKey.export({ format: "jwk" }), kid: `instances-${randomUUID()}`, alg: "ES256", use: "sig" };
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_URL: opts.publicUrl,
    AUTH_ALLOW_HTTP: "true",
    AUTH_SIGNING_KEY: JSON.stringify(key),
    DATABASE_URL: opts.databaseUrl,
    UPSTASH_REDIS_REST_URL: opts.upstash.url,
    UPSTASH_REDIS_REST_TOKEN: opts.upstash.token,
    RESEND_API_KEY: MAIL_STANDIN.apiKey,
    RESEND_BASE_URL: MAIL_STANDIN.url,
    TRUSTED_PROXY_HOPS: "1",
    PRUNE_INTERVAL_MINUTES: "0",
  };
}

async function waitUntilHealthy(instance: Instance & { child: ChildProcess }): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (instance.child.exitCode !== null || instance.child.signalCode !== null)
      throw new Error(`${instance.url} exited while starting:\n${instance.output()}`);
    const status = await fetch(`${instance.url}/api/health`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${instance.url} never answered /api/health with 200:\n${instance.output()}`);
}

/** SIGTERM to the server's process group, SIGKILL if it is still there after five seconds. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // Already gone.
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

async function onServer(statement: string): Promise<void> {
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(statement);
  } finally {
    await admin.end({ timeout: 5 });
  }
}
