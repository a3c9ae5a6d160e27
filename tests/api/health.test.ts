import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { closeDb, databaseHandle, getDb } from "@/db";
import journal from "@/db/migrations/meta/_journal.json";
import { expectError } from "../helpers/account";
import { appFetch } from "../helpers/app-fetch";

// GET /api/health is what a load balancer polls: 200 only while the database answers and holds
// every migration this build ships; 503 in the error format otherwise; never cached, never
// anything in it an outsider could use.

const health = (init?: RequestInit) => appFetch("/api/health", init);

type Row = { created_at: string | number; hash: string };

async function migrationRows(): Promise<Row[]> {
  const result = (await (
    await getDb()
  ).execute(sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at`)) as unknown as
    Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : result.rows;
}

async function execute(statement: ReturnType<typeof sql>): Promise<void> {
  await (await getDb()).execute(statement);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("GET /api/health", () => {
  it("answers 200 {status: ok}, uncached, with nothing else in it, to a burst of 40 probes", async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, () => health()));
    for (const response of answers) {
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("set-cookie")).toBeNull();
      expect(await response.text()).toBe('{"status":"ok"}');
    }
  });

  it("knows nothing of credentials: forged cookies, bearers and origins change nothing", async () => {
    const response = await health({
      headers: {
        authorization: "Bearer forged",
        cookie: "aw_access=forged; aw_refresh=forged",
        origin: "https://evil.example",
      },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers 503 service_unavailable while a migration of this build is missing from the database, 200 once it is back", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const rows = await migrationRows();
    expect(rows.map((row) => Number(row.created_at))).toEqual(journal.entries.map((entry) => entry.when));
    const last = rows.at(-1)!;
    await execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${last.created_at}`);
    try {
      const answers = await Promise.all(Array.from({ length: 10 }, () => health()));
      for (const response of answers) {
        await expectError(response, 503, "service_unavailable");
        expect(response.headers.get("cache-control")).toBe("no-store");
        expect(await response.clone().text()).not.toContain(journal.entries.at(-1)!.tag);
      }
      // The operator hears which one, once, however often the balancer asks.
      const lines = vi.mocked(console.error).mock.calls.map((args) => String(args[0]));
      expect(lines.filter((line) => line.startsWith("[health]"))).toEqual([
        `[health] migrations not applied: ${journal.entries.at(-1)!.tag}`,
      ]);
    } finally {
      await execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${last.hash}, ${last.created_at})`,
      );
    }
    expect((await health()).status).toBe(200);
  });

  it("stays 200 when the database is ahead of this build (a newer instance migrated it)", async () => {
    const future = journal.entries.at(-1)!.when + 86_400_000;
    await execute(
      sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-a-newer-build', ${future})`,
    );
    try {
      expect((await health()).status).toBe(200);
    } finally {
      await execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${future}`);
    }
  });

  it("answers 503 with Retry-After when the database cannot be reached", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(console, "info").mockImplementation(() => {});
    const handle = await databaseHandle();
    await handle.close();
    try {
      const answers = await Promise.all(Array.from({ length: 10 }, () => health()));
      for (const response of answers) {
        await expectError(response, 503, "service_unavailable");
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      }
    } finally {
      // Forget the closed handle: the next request opens (and migrates) a new one.
      await closeDb().catch(() => {});
    }
    expect((await health()).status).toBe(200);
  });
});
