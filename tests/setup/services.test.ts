import { execFile } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { detectServices, serviceNotice } from "./services";

// A Redis that does not answer: the Upstash tests are reported skipped, with a notice saying
// why; under CI=true the same run fails before any test starts.

const root = path.resolve(import.meta.dirname, "../..");
const UPSTASH_FILE = "tests/ratelimit/upstash-limiter.test.ts";

/** A local port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `vitest run` of the Upstash file in a child process, without this run's worker variables. */
async function childVitest(env: Record<string, string>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const name of Object.keys(childEnv)) if (name.startsWith("VITEST")) delete childEnv[name];
  const vitest = path.join(root, "node_modules/vitest/vitest.mjs");
  const args = [vitest, "run", "--project", "pglite", UPSTASH_FILE, "--reporter=json"];
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, {
      cwd: root,
      env: childEnv,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe("tests that need Redis, when Redis does not answer", () => {
  it("detection names Redis as missing; the notice says its tests are skipped, CI=true throws", async () => {
    const url = `redis://127.0.0.1:${await closedPort()}`;
    const { redis } = await detectServices({ TEST_REDIS_URL: url });
    expect(redis.url).toBe(url);
    expect(redis.problem).toMatch(/ECONNREFUSED/);

    const answering = { ...redis, problem: null };
    expect(serviceNotice([answering], { CI: "true" })).toBeNull();
    expect(serviceNotice([redis], {})).toMatch(
      /Redis at redis:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED[\s\S]*skipped: the Upstash/,
    );
    expect(() => serviceNotice([redis], { CI: "true" })).toThrow(/CI=true[\s\S]*Redis at redis:\/\/127\.0\.0\.1/);
  });

  it("the Upstash suite run against a closed port reports every test skipped, and fails under CI=true", async () => {
    const url = `redis://127.0.0.1:${await closedPort()}`;
    const [local, ci] = await Promise.all([
      childVitest({ TEST_REDIS_URL: url, CI: "" }),
      childVitest({ TEST_REDIS_URL: url, CI: "true" }),
    ]);

    expect(local.code, local.stderr).toBe(0);
    expect(local.stderr).toContain(`Redis at ${url}`);
    const report = JSON.parse(local.stdout) as {
      numTotalTests: number;
      numPendingTests: number;
      testResults: { assertionResults: { status: string }[] }[];
    };
    const statuses = report.testResults.flatMap((file) => file.assertionResults.map((t) => t.status));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(["skipped"]));
    expect(report.numPendingTests).toBe(report.numTotalTests);

    expect(ci.code).not.toBe(0);
    expect(ci.stderr).toMatch(/CI=true but the tests' servers do not answer/);
    expect(ci.stderr).toContain(`Redis at ${url}`);
  }, 120_000);
});
