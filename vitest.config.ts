// Test projects (`npm run test:unit` = `vitest run`):
//   unit      lib/**/*.test.ts, tests/setup/*.test.ts   pure logic, no database
//   pglite    tests/**/*.test.ts  route handlers against a fresh in-memory PGlite per file, each
//             loaded from one migrated snapshot (tests/setup/pglite-snapshot.ts)
//   postgres  tests/**/*.test.ts  the same files against a real server: each file gets its own
//             database, created from and dropped via TEST_DATABASE_URL
//             (default postgres://postgres@127.0.0.1:5432/test)
// The Upstash tests need Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379). A server that
// does not answer is skipped with a notice; under CI=true it fails the run (tests/setup/services.ts).
// Run one project with `npx vitest run --project pglite`.
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { detectServices, serviceNotice } from "./tests/setup/services.ts";

const root = import.meta.dirname;
const { postgres, redis } = await detectServices();
const notice = serviceNotice([postgres, redis]);
// The config may be evaluated more than once in a run; say it once.
const said = globalThis as { __awServiceNotice?: boolean };
if (notice && !said.__awServiceNotice) {
  said.__awServiceNotice = true;
  console.warn(notice);
}

const integration = {
  include: ["tests/**/*.test.ts"],
  exclude: ["tests/setup/**"],
  // Migrating a fresh database belongs to the setup hook, not to the first test's budget.
  hookTimeout: 60_000,
  testTimeout: 20_000,
  // The Upstash tests skip themselves when this says Redis did not answer (tests/support/redis-service.ts).
  env: { TEST_REDIS_URL: redis.url, TEST_REDIS_AVAILABLE: String(redis.problem === null) },
};

const projects: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: {
      name: "unit",
      include: ["lib/**/*.test.ts", "tests/setup/*.test.ts"],
      setupFiles: ["tests/setup/env.ts"],
    },
  },
  {
    extends: true,
    test: {
      name: "pglite",
      ...integration,
      globalSetup: ["tests/setup/pglite-snapshot.ts"],
      setupFiles: ["tests/setup/env.ts", "tests/setup/pglite.ts"],
    },
  },
];

// Files with no database in them (start-up refusals run in child processes): once, on PGlite.
const databaseFree = ["tests/security/production-safety.test.ts", "tests/security/passkey-config.test.ts"];

if (postgres.problem === null) {
  projects.push({
    extends: true,
    test: {
      name: "postgres",
      ...integration,
      exclude: [...integration.exclude, ...databaseFree],
      env: { ...integration.env, TEST_DATABASE_URL: postgres.url },
      setupFiles: ["tests/setup/env.ts", "tests/setup/postgres.ts"],
    },
  });
}

export default defineConfig({
  resolve: { alias: [{ find: /^@\//, replacement: `${root}/` }] },
  test: {
    environment: "node",
    // PGlite instances and argon2 are memory- and CPU-hungry; two workers suit a 2-core CI box.
    // Worker threads start faster than forked processes (the suite runs about a sixth faster);
    // each file still gets a fresh thread, so its process.env and modules are its own.
    pool: "threads",
    maxWorkers: 2,
    // The dev outbox prints every mail; the tests read them from the dev_outbox table instead.
    onConsoleLog: (log) => !log.includes("[dev outbox]"),
    projects,
  },
});
