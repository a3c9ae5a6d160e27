// Test projects (`npm run test:unit` = `vitest run`):
//   unit      lib/**/*.test.ts   pure logic, no database
//   pglite    tests/**/*.test.ts route handlers against a fresh in-memory PGlite per file
//   postgres  tests/**/*.test.ts the same files against a real server: each file gets its own
//             database, created from and dropped via TEST_DATABASE_URL, e.g.
//             TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx vitest run
//             Without TEST_DATABASE_URL the project is left out (with a notice), not failed.
// Run one project with `npx vitest run --project pglite`.
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const root = import.meta.dirname;
const testDatabaseUrl = process.env.TEST_DATABASE_URL?.trim();

const integration = {
  include: ["tests/**/*.test.ts"],
  // Migrating a fresh database belongs to the setup hook, not to the first test's budget.
  hookTimeout: 60_000,
  testTimeout: 20_000,
};

const projects: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: { name: "unit", include: ["lib/**/*.test.ts"], setupFiles: ["tests/setup/env.ts"] },
  },
  {
    extends: true,
    test: { name: "pglite", ...integration, setupFiles: ["tests/setup/env.ts", "tests/setup/pglite.ts"] },
  },
];

if (testDatabaseUrl) {
  projects.push({
    extends: true,
    test: {
      name: "postgres",
      ...integration,
      env: { TEST_DATABASE_URL: testDatabaseUrl },
      setupFiles: ["tests/setup/env.ts", "tests/setup/postgres.ts"],
    },
  });
} else if (!(globalThis as { __awPostgresNotice?: boolean }).__awPostgresNotice) {
  // The config is evaluated once per project; say it once.
  (globalThis as { __awPostgresNotice?: boolean }).__awPostgresNotice = true;
  console.warn(
    "\n[vitest] TEST_DATABASE_URL is not set: the `postgres` project is skipped.\n" +
      "         Set it (e.g. postgres://postgres@127.0.0.1:5432/test) to run the API tests against PostgreSQL too.\n",
  );
}

export default defineConfig({
  resolve: { alias: [{ find: /^@\//, replacement: `${root}/` }] },
  test: {
    environment: "node",
    // PGlite instances and argon2 are memory- and CPU-hungry; two workers suit a 2-core CI box.
    maxWorkers: 2,
    // The dev outbox prints every mail; the tests read them from the dev_outbox table instead.
    onConsoleLog: (log) => !log.includes("[dev outbox]"),
    projects,
  },
});
