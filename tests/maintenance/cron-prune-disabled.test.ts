import { describe, expect, it } from "vitest";
import { expectError } from "../helpers/account";
import { get } from "../helpers/http";
import { deviceExists, seedDevices } from "./seed";

// No CRON_SECRET (tests/setup/env.ts clears it): the cron route does not exist.
describe("GET /api/cron/prune without CRON_SECRET", () => {
  it("answers 404 to every caller, whatever it sends, and prunes nothing", async () => {
    const { expired } = await seedDevices();
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer " },
      { authorization: "Bearer undefined" },
      { authorization: "Bearer null" },
      { "x-vercel-cron": "1", "user-agent": "vercel-cron/1.0" },
    ];
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => get("/api/cron/prune", { headers: attempts[i % attempts.length]! })),
    );
    for (const response of responses) await expectError(response, 404, "not_found");
    expect(await deviceExists(expired)).toBe(true);
  });
});
