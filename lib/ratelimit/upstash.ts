import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import type { RateLimiter, RateLimitPolicy, RateLimitResult } from "./limiter";

/** @upstash/ratelimit's sliding window, one Ratelimit per policy. */
export function upstashLimiter(config: { url: string; token: string }): RateLimiter {
  const redis = new Redis({ url: config.url, token: config.token, enableTelemetry: false });
  const limiters = new Map<string, Ratelimit>();
  const limiterFor = (policy: RateLimitPolicy) => {
    const id = `${policy.name}:${policy.limit}/${policy.windowSeconds}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      limiter = new Ratelimit({
        redis,
        limiter: Ratelimit.slidingWindow(policy.limit, `${policy.windowSeconds} s`),
        prefix: `astroworld:rl:${policy.name}`,
        // The in-process cache would let one instance deny what Redis has already forgotten.
        ephemeralCache: false,
        analytics: false,
      });
      limiters.set(id, limiter);
    }
    return limiter;
  };
  return {
    backend: "upstash",
    async limit(policy, key): Promise<RateLimitResult> {
      const { success, limit, remaining, reset } = await limiterFor(policy).limit(key);
      return { success, limit, remaining, reset };
    },
  };
}
