import { afterAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/db";
import { startUp } from "@/lib/startup";
import { expectError } from "../helpers/account";
import { appFetch } from "../helpers/app-fetch";

// Containers often start before their database answers. The server must come up anyway,
// answer 503 meanwhile, and serve once the database is there, without a restart: a start-up
// that failed for good would answer 500 to everything until someone restarted it. The app
// reaches Postgres through a TCP proxy (tests/support/tcp-proxy.ts) that can refuse; PGlite
// runs in-process and cannot be unreachable, so only the postgres project runs this.
const proxy = await vi.hoisted(async () => {
  process.env.DATABASE_CONNECT_TIMEOUT_SECONDS = "2";
  const url = process.env.DATABASE_URL;
  if (!url) return null;
  const { startTcpProxy } = await import("../support/tcp-proxy");
  const direct = new URL(url);
  const started = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  process.env.DATABASE_URL = Object.assign(new URL(url), { host: `127.0.0.1:${started.port}` }).toString();
  return started;
});

afterAll(async () => {
  await proxy?.close();
});

const health = () => appFetch("/api/health");

describe.skipIf(!proxy)("starting while the database cannot be reached", () => {
  it("starts, answers 503 with Retry-After, then 200 once the database answers, without a restart", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(console, "info").mockImplementation(() => {});
    await closeDb();
    await proxy!.refuse();

    await expect(startUp()).resolves.toBeUndefined();
    expect(logged.mock.calls.map((args) => String(args[0])).filter((line) => line.startsWith("[database]"))).toEqual([
      expect.stringMatching(/^\[database\] unreachable \(ECONNREFUSED/),
    ]);
    for (const response of await Promise.all(Array.from({ length: 10 }, health))) {
      await expectError(response, 503, "service_unavailable");
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    }

    await proxy!.pass();
    await vi.waitFor(async () => expect((await health()).status).toBe(200), { timeout: 15_000, interval: 250 });
    vi.restoreAllMocks();
  });
});
