import { afterAll, describe, vi } from "vitest";
import { limitWindowResets } from "./rate-limit-spec";

const standIn = await vi.hoisted(async () => {
  const { testRedisUrl } = await import("../support/redis-service");
  const redisUrl = testRedisUrl();
  // No Redis answered (vitest.config.ts said so): the tests below are skipped.
  if (!redisUrl) return null;
  const { SHORT_WINDOW_ENV } = await import("./rate-limit-settings");
  const { startUpstashStandIn } = await import("../support/upstash-standin");
  const server = await startUpstashStandIn(redisUrl);
  Object.assign(process.env, SHORT_WINDOW_ENV, {
    UPSTASH_REDIS_REST_URL: server.url,
    UPSTASH_REDIS_REST_TOKEN: server.token,
  });
  return server;
});

afterAll(async () => {
  await standIn?.close();
});

describe.skipIf(!standIn)("on Upstash (through the local stand-in)", () => {
  limitWindowResets("upstash");
});
