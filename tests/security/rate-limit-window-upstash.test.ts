import { afterAll, vi } from "vitest";
import { limitWindowResets } from "./rate-limit-spec";

const standIn = await vi.hoisted(async () => {
  const { SHORT_WINDOW_ENV } = await import("./rate-limit-settings");
  const { startUpstashStandIn } = await import("../support/upstash-standin");
  const server = await startUpstashStandIn();
  Object.assign(process.env, SHORT_WINDOW_ENV, {
    UPSTASH_REDIS_REST_URL: server.url,
    UPSTASH_REDIS_REST_TOKEN: server.token,
  });
  return server;
});

afterAll(async () => {
  await standIn.close();
});

limitWindowResets("upstash");
