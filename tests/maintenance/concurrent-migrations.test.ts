import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { createDatabase } from "@/db/client";
import journal from "@/db/migrations/meta/_journal.json";

// Several instances starting at once on an empty Postgres each run the migrations at start-up
// (db/index.ts). They must all start, and the schema must be applied once. PGlite belongs to one
// process, so only the postgres project runs this.
const serverUrl = process.env.TEST_DATABASE_URL;
const INSTANCES = 4;

async function onServer<T>(work: (admin: postgres.Sql) => Promise<T>): Promise<T> {
  const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  try {
    return await work(admin);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

describe.skipIf(!process.env.DATABASE_URL || !serverUrl)("migrations started by several instances at once", () => {
  it.each([1, 2, 3])("apply once, and every instance starts (round %i)", async () => {
    const name = `aw_migrate_race_${randomBytes(5).toString("hex")}`;
    await onServer((admin) => admin.unsafe(`CREATE DATABASE ${name}`));
    const url = Object.assign(new URL(serverUrl!), { pathname: `/${name}` }).toString();
    const handles = await Promise.all(
      Array.from({ length: INSTANCES }, () => createDatabase({ url, dataDir: "unused" })),
    );
    try {
      const outcomes = await Promise.allSettled(handles.map((handle) => handle.migrate()));
      expect(outcomes.map((o) => (o.status === "rejected" ? String(o.reason) : "ok"))).toEqual(
        Array(INSTANCES).fill("ok"),
      );
      const check = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const rows = await check<{ created_at: string }[]>`select created_at from drizzle.__drizzle_migrations`;
        expect(rows.map((row) => Number(row.created_at)).sort()).toEqual(journal.entries.map((entry) => entry.when));
        const [tables] = await check<{ users: string | null }[]>`select to_regclass('public.users')::text as users`;
        expect(tables?.users).toBe("users");
      } finally {
        await check.end({ timeout: 5 });
      }
    } finally {
      await Promise.all(handles.map((handle) => handle.close()));
      await onServer((admin) => admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  });
});
