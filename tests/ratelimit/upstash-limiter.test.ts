import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RateLimiter } from "@/lib/ratelimit";
import { upstashLimiter } from "@/lib/ratelimit/upstash";
import { testRedisUrl } from "../support/redis-service";
import { startUpstashStandIn, type UpstashStandIn } from "../support/upstash-standin";
import { limiterBehaviour } from "./limiter-spec";

// The real @upstash/redis + @upstash/ratelimit code, talking REST to a local stand-in that
// is backed by the Redis at 127.0.0.1:6379 (TEST_REDIS_URL to change it); skipped without one.
const redisUrl = testRedisUrl();

describe.skipIf(!redisUrl)("Upstash sliding-window limiter", () => {
  let standIn: UpstashStandIn;
  let limiter: RateLimiter;

  beforeAll(async () => {
    standIn = await startUpstashStandIn(redisUrl!);
    limiter = upstashLimiter({ url: standIn.url, token: standIn.token });
  });
  afterAll(async () => {
    await standIn?.close();
  });

  limiterBehaviour(() => limiter);

  it("fails loudly on a wrong token instead of letting everything through", async () => {
    const wrong = upstashLimiter({ url: standIn.url, token: "wrong" });
    await expect(wrong.limit({ name: "t-auth", limit: 1, windowSeconds: 60 }, "k")).rejects.toThrow();
  });
});
