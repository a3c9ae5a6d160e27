import { readFileSync } from "node:fs";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDb, databaseHandle, seedEmbeddedDatabase } from "@/db";

// No DATABASE_URL: db/index.ts opens PGlite. `memory://` gives each test file its own database,
// started from the migrated snapshot the project's global setup dumped (tests/setup/pglite-snapshot.ts).
delete process.env.DATABASE_URL;
process.env.PGLITE_DATA_DIR = "memory://";
seedEmbeddedDatabase(new Blob([readFileSync(inject("pgliteSnapshot"))]));

beforeAll(async () => {
  await databaseHandle();
});

afterAll(async () => {
  await closeDb();
});
