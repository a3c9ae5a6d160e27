// Production refuses to guess where client IPs come from, and refuses to run without rate
// limits, unless explicitly told otherwise (lib/env.ts productionProblems).
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { withEnv, type Vars } from "./fresh-env";

// What these checks read; each case starts from a clean slate plus `vars`.
const CHECKED = [
  "TRUSTED_PROXY_HOPS",
  "CLIENT_IP_HEADER",
  "VERCEL",
  "AUTH_ALLOW_DEFAULT_PROXY",
  "RATE_LIMIT_ENABLED",
  "AUTH_ALLOW_NO_RATE_LIMIT",
];

/** Fit for production in every other respect. */
const BASE: Vars = {
  NODE_ENV: "production",
  AUTH_URL: "https://auth.astroworld.example",
  RESEND_API_KEY: "re_test_123",
};

const problemsWith = (vars: Vars) => withEnv(CHECKED, { ...BASE, ...vars }, (e) => e.productionProblems());
const PROXY_PROBLEM =
  /^TRUSTED_PROXY_HOPS and CLIENT_IP_HEADER are not set: .*TRUSTED_PROXY_HOPS=1.*CLIENT_IP_HEADER=cf-connecting-ip.*override: AUTH_ALLOW_DEFAULT_PROXY=true/;

describe("the client-IP setting in production", () => {
  it("is required: neither TRUSTED_PROXY_HOPS nor CLIENT_IP_HEADER set is refused, naming both and the override", async () => {
    const problems = await problemsWith({});
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(PROXY_PROBLEM);
  });

  it.each([
    ["TRUSTED_PROXY_HOPS=1", { TRUSTED_PROXY_HOPS: "1" }],
    ["TRUSTED_PROXY_HOPS=2", { TRUSTED_PROXY_HOPS: "2" }],
    ["TRUSTED_PROXY_HOPS=0 (no proxy trusted, every client unknown)", { TRUSTED_PROXY_HOPS: "0" }],
    ["CLIENT_IP_HEADER=cf-connecting-ip", { CLIENT_IP_HEADER: "cf-connecting-ip" }],
    ["Vercel (VERCEL=1)", { VERCEL: "1" }],
    ["the override AUTH_ALLOW_DEFAULT_PROXY=true", { AUTH_ALLOW_DEFAULT_PROXY: "true" }],
  ])("is satisfied by %s", async (_name, vars: Vars) => {
    expect(await problemsWith(vars)).toEqual([]);
  });

  it("is not satisfied by empty values or a false override", async () => {
    for (const vars of [{ CLIENT_IP_HEADER: "" }, { VERCEL: "" }, { AUTH_ALLOW_DEFAULT_PROXY: "false" }] as Vars[]) {
      expect(await problemsWith(vars), JSON.stringify(vars)).toEqual([expect.stringMatching(PROXY_PROBLEM)]);
    }
  });

  it("fails fast on values it cannot read, instead of guessing", async () => {
    for (const value of ["", "-1", "one", "1.5", "100"]) {
      await expect(problemsWith({ TRUSTED_PROXY_HOPS: value }), value).rejects.toThrow(
        /Invalid configuration:[\s\S]*TRUSTED_PROXY_HOPS/,
      );
    }
    for (const value of ["x-forwarded-for", "X-Forwarded-For", "cf connecting ip", "x-real-ip:"]) {
      await expect(problemsWith({ CLIENT_IP_HEADER: value }), value).rejects.toThrow(
        /Invalid configuration:[\s\S]*CLIENT_IP_HEADER/,
      );
    }
  });

  it("is not required outside production", async () => {
    for (const NODE_ENV of ["development", "test"]) expect(await problemsWith({ NODE_ENV })).toEqual([]);
  });
});

describe("rate limits in production", () => {
  const proxy = { TRUSTED_PROXY_HOPS: "1" };

  it("refuses RATE_LIMIT_ENABLED=false unless AUTH_ALLOW_NO_RATE_LIMIT=true", async () => {
    const problems = await problemsWith({ ...proxy, RATE_LIMIT_ENABLED: "false" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^RATE_LIMIT_ENABLED is false.*override: AUTH_ALLOW_NO_RATE_LIMIT=true/);
    expect(await problemsWith({ ...proxy, RATE_LIMIT_ENABLED: "false", AUTH_ALLOW_NO_RATE_LIMIT: "true" })).toEqual([]);
    expect(
      await problemsWith({ ...proxy, RATE_LIMIT_ENABLED: "false", AUTH_ALLOW_NO_RATE_LIMIT: "false" }),
    ).toHaveLength(1);
    expect(await problemsWith({ ...proxy, RATE_LIMIT_ENABLED: "true" })).toEqual([]);
  });

  it("allows turning limits off outside production", async () => {
    expect(await problemsWith({ ...proxy, NODE_ENV: "development", RATE_LIMIT_ENABLED: "false" })).toEqual([]);
  });

  it("lists both problems at once, and each override clears only its own", async () => {
    expect(await problemsWith({ RATE_LIMIT_ENABLED: "false" })).toHaveLength(2);
    const left = await problemsWith({ RATE_LIMIT_ENABLED: "false", AUTH_ALLOW_NO_RATE_LIMIT: "true" });
    expect(left).toEqual([expect.stringMatching(PROXY_PROBLEM)]);
  });
});

describe("instrumentation.ts register() at server start", () => {
  const root = resolve(import.meta.dirname, "../..");

  it("exits with status 1 naming the client-IP settings when none is given", { timeout: 90_000 }, async () => {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NEXT_RUNTIME: "nodejs",
    };
    Object.assign(env, BASE, {
      AUTH_SIGNING_KEY: process.env.AUTH_SIGNING_KEY!,
      PGLITE_DATA_DIR: "memory://",
      RATE_LIMIT_ENABLED: "false",
    });
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      execFile(
        resolve(root, "node_modules/.bin/tsx"),
        ["tests/support/instrumentation-register.ts"],
        { cwd: root, env: env as NodeJS.ProcessEnv, timeout: 60_000 },
        (error, stdout, stderr) => {
          done({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
        },
      );
    });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain("ASTROWORLD Auth refuses to start in production");
    expect(run.stderr).toMatch(/ {2}- TRUSTED_PROXY_HOPS and CLIENT_IP_HEADER are not set/);
    expect(run.stderr).toMatch(/ {2}- RATE_LIMIT_ENABLED is false/);
    expect(run.stdout).not.toContain("register() returned");
  });
});
