import postgres from "postgres";
import { createClient } from "redis";

// Which servers the integration tests can use, decided once by vitest.config.ts: the
// Postgres half of the suite needs a Postgres server, the Upstash tests a Redis behind the
// stand-in. A missing one is skipped with a notice, except under CI=true, where it fails.

export const DEFAULT_TEST_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";
export const DEFAULT_TEST_REDIS_URL = "redis://127.0.0.1:6379";

export interface Service {
  name: "Postgres" | "Redis";
  url: string;
  /** Why it cannot be used, or null when it answered. */
  problem: string | null;
  /** What the skipped half covers, and how to turn it on. */
  covers: string;
}

type Environment = Record<string, string | undefined>;

export async function detectServices(
  environment: Environment = process.env,
): Promise<{ postgres: Service; redis: Service }> {
  const databaseUrl = environment.TEST_DATABASE_URL?.trim() || DEFAULT_TEST_DATABASE_URL;
  const redisUrl = environment.TEST_REDIS_URL?.trim() || DEFAULT_TEST_REDIS_URL;
  const [database, redis] = await Promise.all([postgresProblem(databaseUrl), redisProblem(redisUrl)]);
  return {
    postgres: {
      name: "Postgres",
      url: databaseUrl,
      problem: database,
      covers: "the `postgres` project (every API test again on a real server); set TEST_DATABASE_URL to use another",
    },
    redis: {
      name: "Redis",
      url: redisUrl,
      problem: redis,
      covers: "the Upstash rate-limit tests; set TEST_REDIS_URL to use another",
    },
  };
}

/**
 * Throws under CI=true when a service is missing (a CI run must not pass by skipping half of
 * itself); otherwise returns the notice to print, or null when everything answered.
 */
export function serviceNotice(services: Service[], environment: Environment = process.env): string | null {
  const missing = services.filter((s) => s.problem !== null);
  if (missing.length === 0) return null;
  const lines = missing.map((s) => `  ${s.name} at ${redact(s.url)}: ${s.problem}\n    skipped: ${s.covers}`);
  if (environment.CI === "true" || environment.CI === "1") {
    throw new Error(
      `CI=true but the tests' servers do not answer, so nothing is skipped:\n${lines.join("\n")}\n` +
        "Start them (.ci/run does), or unset CI to skip those tests locally.",
    );
  }
  return `\n[vitest] Not every server the tests can use answers; those tests are skipped:\n${lines.join("\n")}\n`;
}

async function postgresProblem(url: string): Promise<string | null> {
  let sql: postgres.Sql | undefined;
  try {
    sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
    await sql`select 1`;
    return null;
  } catch (error) {
    return describe(error);
  } finally {
    await sql?.end({ timeout: 1 }).catch(() => {});
  }
}

async function redisProblem(url: string): Promise<string | null> {
  const client = createClient({ url, socket: { connectTimeout: 3000, reconnectStrategy: false } });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return describe(error);
  } finally {
    if (client.isOpen) await client.quit().catch(() => {});
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const message = error.message || (error instanceof AggregateError ? String(error.errors[0]) : error.name);
  return typeof code === "string" && !message.includes(code) ? `${code}: ${message}` : message;
}

/** A URL for the log: its password replaced. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}
