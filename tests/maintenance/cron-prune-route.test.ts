import { describe, expect, it, vi } from "vitest";
import { expectError } from "../helpers/account";
import { call, get, json } from "../helpers/http";
import { deviceExists, expiredDeviceCount, seedDevices } from "./seed";

const SECRET = "cron-secret-for-tests-7f3a9c21d4e8";
vi.hoisted(() => {
  process.env.CRON_SECRET = "cron-secret-for-tests-7f3a9c21d4e8";
});

const PATH = "/api/cron/prune";

async function expectRefused(response: Response): Promise<void> {
  await expectError(response, 401, "not_authenticated");
  expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
}

describe("GET /api/cron/prune with CRON_SECRET configured", () => {
  it("refuses a missing, wrong or look-alike bearer, in a parallel burst, and prunes nothing", async () => {
    const { expired } = await seedDevices();
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer wrong" },
      { authorization: `Bearer ${SECRET}x` },
      { authorization: `Bearer ${SECRET.slice(0, -1)}` },
      { authorization: `Bearer  ${SECRET}` },
      { authorization: `Basic ${Buffer.from(`x:${SECRET}`).toString("base64")}` },
      { authorization: SECRET },
      { authorization: `Bearer ${SECRET.toUpperCase()}` },
      // What Vercel's scheduler adds besides the bearer: anyone can send these.
      { "x-vercel-cron": "1", "user-agent": "vercel-cron/1.0" },
      { "x-vercel-cron": "1", "x-vercel-id": "iad1::abc", authorization: "Bearer " },
      { cookie: `cron_secret=${SECRET}` },
    ];
    const burst = Array.from({ length: 40 }, (_, i) => get(PATH, { headers: attempts[i % attempts.length]! }));
    for (const response of await Promise.all(burst)) await expectRefused(response);
    // The secret in the query string is not a bearer either.
    await expectRefused(await get(`${PATH}?secret=${SECRET}`));
    expect(await deviceExists(expired)).toBe(true);
  });

  it("prunes with the right bearer and reports what it deleted", async () => {
    const { expired, live } = await seedDevices();
    const waiting = await expiredDeviceCount();
    expect(waiting).toBeGreaterThanOrEqual(1);
    const response = await get(PATH, { bearer: SECRET });
    expect(response.status, await response.clone().text()).toBe(200);
    const body = await json<{ pruned: Record<string, number> }>(response);
    expect(body.pruned.known_devices).toBe(waiting);
    expect(await expiredDeviceCount()).toBe(0);
    expect(await deviceExists(expired)).toBe(false);
    expect(await deviceExists(live)).toBe(true);

    const again = await json<{ pruned: Record<string, number> }>(await get(PATH, { bearer: SECRET }));
    expect(again.pruned.known_devices).toBe(0);
  });

  it("answers other methods 405, even with the right bearer", async () => {
    const { expired } = await seedDevices();
    const response = await call("POST", PATH, { bearer: SECRET, json: {} });
    await expectError(response, 405, "method_not_allowed");
    expect(await deviceExists(expired)).toBe(true);
  });
});
