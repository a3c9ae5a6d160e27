// Production refuses dev-only settings (docs/design.md#embedded-defaults-and-real-components):
// productionProblems() case by case, and instrumentation.ts's register() really ending the
// process, run in a child as Next.js would.
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { withEnv, type Vars } from "./fresh-env";

// What lib/env.ts reads for these checks; each case starts from a clean slate plus `vars`.
const CHECKED = [
  "AUTH_URL",
  "AUTH_SIGNING_KEY_GENERATED",
  "AUTH_ALLOW_HTTP",
  "AUTH_ALLOW_GENERATED_KEY",
  "AUTH_ALLOW_DEV_OUTBOX",
  "RESEND_API_KEY",
  "TRUSTED_PROXY_HOPS",
];

/** A configuration a real deployment would use: https, its own key, Resend. */
const GOOD: Vars = {
  NODE_ENV: "production",
  AUTH_URL: "https://auth.astroworld.example",
  RESEND_API_KEY: "re_test_123",
  TRUSTED_PROXY_HOPS: "1",
};

const MAIL_PROBLEM = "RESEND_API_KEY is not set: production needs a mail provider; the dev outbox is development-only.";

const problemsWith = (vars: Vars) => withEnv(CHECKED, { ...GOOD, ...vars }, (e) => e.productionProblems());

describe("productionProblems()", () => {
  it("finds nothing wrong with a real production configuration", async () => {
    expect(await problemsWith({})).toEqual([]);
  });

  it("says nothing outside production, however dev-like the configuration", async () => {
    const dev = { AUTH_URL: undefined, AUTH_SIGNING_KEY_GENERATED: "true", RESEND_API_KEY: undefined };
    expect(await problemsWith({ ...dev, NODE_ENV: "development" })).toEqual([]);
    expect(await problemsWith({ ...dev, NODE_ENV: "test" })).toEqual([]);
  });

  it("refuses an unset AUTH_URL, with no override (the default is a localhost URL)", async () => {
    const problems = await problemsWith({ AUTH_URL: undefined });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^AUTH_URL is not set/);
    expect(await problemsWith({ AUTH_URL: undefined, AUTH_ALLOW_HTTP: "true" })).toHaveLength(1);
  });

  it("refuses an http:// AUTH_URL unless AUTH_ALLOW_HTTP is set", async () => {
    const problems = await problemsWith({ AUTH_URL: "http://auth.astroworld.example" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/AUTH_URL is http:\/\/auth\.astroworld\.example.*https:\/\/.*AUTH_ALLOW_HTTP=true/);
    expect(await problemsWith({ AUTH_URL: "http://auth.astroworld.example", AUTH_ALLOW_HTTP: "true" })).toEqual([]);
    expect(await problemsWith({ AUTH_URL: "http://auth.astroworld.example", AUTH_ALLOW_HTTP: "1" })).toEqual([]);
    expect(await problemsWith({ AUTH_URL: "http://auth.astroworld.example", AUTH_ALLOW_HTTP: "false" })).toHaveLength(
      1,
    );
  });

  it("refuses the generated development key unless AUTH_ALLOW_GENERATED_KEY is set", async () => {
    const problems = await problemsWith({ AUTH_SIGNING_KEY_GENERATED: "true" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^AUTH_SIGNING_KEY is the generated development key.*AUTH_ALLOW_GENERATED_KEY=true/);
    expect(await problemsWith({ AUTH_SIGNING_KEY_GENERATED: "true", AUTH_ALLOW_GENERATED_KEY: "true" })).toEqual([]);
    expect(await problemsWith({ AUTH_SIGNING_KEY_GENERATED: "false" })).toEqual([]);
  });

  it("refuses production without a mail provider (no RESEND_API_KEY, or an empty one), suggests no override, and honours none", async () => {
    for (const key of [undefined, ""]) {
      const problems = await problemsWith({ RESEND_API_KEY: key });
      expect(problems).toEqual([MAIL_PROBLEM]);
      expect(problems[0]).not.toMatch(/override|ALLOW/i);
      // The flag that used to expose the outbox, and every other override, change nothing.
      for (const flag of ["AUTH_ALLOW_DEV_OUTBOX", "AUTH_ALLOW_HTTP", "AUTH_ALLOW_GENERATED_KEY"]) {
        expect(await problemsWith({ RESEND_API_KEY: key, [flag]: "true" }), flag).toEqual([MAIL_PROBLEM]);
      }
    }
  });

  it("lists every problem at once, and each override clears only its own", async () => {
    const all = {
      AUTH_URL: "http://auth.astroworld.example",
      AUTH_SIGNING_KEY_GENERATED: "true",
      RESEND_API_KEY: undefined,
    };
    expect(await problemsWith(all)).toHaveLength(3);
    const left = await problemsWith({ ...all, AUTH_ALLOW_GENERATED_KEY: "true" });
    expect(left).toHaveLength(2);
    expect(left.join("\n")).not.toMatch(/AUTH_SIGNING_KEY/);
    // Mail has no override: it is the one problem left.
    expect(
      await problemsWith({
        ...all,
        AUTH_ALLOW_HTTP: "true",
        AUTH_ALLOW_GENERATED_KEY: "true",
        AUTH_ALLOW_DEV_OUTBOX: "true",
      }),
    ).toEqual([MAIL_PROBLEM]);
  });

  it("fails fast on an override flag it cannot read, instead of guessing", async () => {
    await expect(problemsWith({ AUTH_ALLOW_GENERATED_KEY: "yes" })).rejects.toThrow(
      /Invalid configuration:[\s\S]*AUTH_ALLOW_GENERATED_KEY/,
    );
  });

  it("keeps /dev/* tools off in production whatever is set, on in development with the outbox", async () => {
    expect(await withEnv(CHECKED, { ...GOOD, RESEND_API_KEY: undefined }, (e) => e.devToolsEnabled())).toBe(false);
    for (const value of ["true", "1"]) {
      expect(
        await withEnv(CHECKED, { ...GOOD, RESEND_API_KEY: undefined, AUTH_ALLOW_DEV_OUTBOX: value }, (e) =>
          e.devToolsEnabled(),
        ),
      ).toBe(false);
    }
    expect(
      await withEnv(CHECKED, { ...GOOD, NODE_ENV: "development", RESEND_API_KEY: undefined }, (e) =>
        e.devToolsEnabled(),
      ),
    ).toBe(true);
    expect(await withEnv(CHECKED, { ...GOOD, NODE_ENV: "development" }, (e) => e.devToolsEnabled())).toBe(false);
  });
});

describe("instrumentation.ts register() at server start", () => {
  const root = resolve(import.meta.dirname, "../..");

  /** Runs register() in a fresh Node process with exactly `vars` as configuration. */
  function start(vars: Vars): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NEXT_RUNTIME: "nodejs",
    };
    for (const [name, value] of Object.entries(vars)) if (value !== undefined) env[name] = value;
    return new Promise((done) => {
      execFile(
        resolve(root, "node_modules/.bin/tsx"),
        ["tests/support/instrumentation-register.ts"],
        { cwd: root, env: env as NodeJS.ProcessEnv, timeout: 60_000 },
        (error, stdout, stderr) => {
          done({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
        },
      );
    });
  }

  // The key tests/setup/env.ts generated: a valid private JWK, here marked as generated.
  const key = () => process.env.AUTH_SIGNING_KEY!;

  it(
    "exits with status 1 and names AUTH_SIGNING_KEY when the generated key reaches production",
    { timeout: 90_000 },
    async () => {
      const run = await start({ ...GOOD, AUTH_SIGNING_KEY: key(), AUTH_SIGNING_KEY_GENERATED: "true" });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain("ASTROWORLD Auth refuses to start in production");
      expect(run.stderr).toMatch(/AUTH_SIGNING_KEY is the generated development key.*AUTH_ALLOW_GENERATED_KEY=true/);
      expect(run.stderr).not.toMatch(/RESEND_API_KEY|AUTH_URL/);
      expect(run.stdout).not.toContain("register() returned");
    },
  );

  it(
    "exits with status 1 without a mail provider, even with AUTH_ALLOW_DEV_OUTBOX=true, and offers no override for it",
    { timeout: 90_000 },
    async () => {
      const run = await start({
        ...GOOD,
        RESEND_API_KEY: undefined,
        AUTH_ALLOW_DEV_OUTBOX: "true",
        AUTH_SIGNING_KEY: key(),
        PGLITE_DATA_DIR: "memory://",
      });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain("ASTROWORLD Auth refuses to start in production");
      const mailLines = run.stderr.split("\n").filter((line) => line.includes("RESEND_API_KEY"));
      expect(mailLines).toEqual([`  - ${MAIL_PROBLEM}`]);
      expect(run.stderr).not.toMatch(/DEV_OUTBOX|\/dev\/mailbox/);
      expect(run.stdout).not.toContain("register() returned");
    },
  );

  it("names every problem of a dev configuration on its way out", { timeout: 90_000 }, async () => {
    const run = await start({ NODE_ENV: "production", AUTH_SIGNING_KEY: key(), AUTH_SIGNING_KEY_GENERATED: "true" });
    expect(run.code, run.stderr).toBe(1);
    for (const name of ["AUTH_URL", "AUTH_SIGNING_KEY", "RESEND_API_KEY"]) expect(run.stderr).toContain(`  - ${name}`);
  });

  it("starts (migrations run, register() returns) once each problem is overridden", { timeout: 90_000 }, async () => {
    const run = await start({
      ...GOOD,
      AUTH_SIGNING_KEY: key(),
      AUTH_SIGNING_KEY_GENERATED: "true",
      AUTH_ALLOW_GENERATED_KEY: "true",
      PGLITE_DATA_DIR: "memory://",
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("register() returned");
    expect(run.stderr).not.toContain("refuses to start");
  });
});
