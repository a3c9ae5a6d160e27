import { afterAll, beforeAll } from "vitest";
import { closeDb, databaseHandle } from "@/db";

// No DATABASE_URL: db/index.ts opens PGlite. `memory://` gives each test file its own database.
delete process.env.DATABASE_URL;
process.env.PGLITE_DATA_DIR = "memory://";

beforeAll(async () => {
  await databaseHandle();
});

afterAll(async () => {
  await closeDb();
});
