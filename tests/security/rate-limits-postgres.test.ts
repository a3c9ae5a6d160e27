import { vi } from "vitest";
import { endpointRateLimits } from "./rate-limit-spec";

// The embedded backend: Postgres sliding window in the test database (no UPSTASH_* set).
vi.hoisted(async () => {
  const { RATE_LIMIT_ENV } = await import("./rate-limit-settings");
  Object.assign(process.env, RATE_LIMIT_ENV);
});

endpointRateLimits("postgres");
