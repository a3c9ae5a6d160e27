import { env } from "@/lib/env";
import { policy, rateLimiter, type PolicyName } from "@/lib/ratelimit";
import { errorResponse } from "./errors";

/**
 * Checks each (policy, key) in order and answers 429 with Retry-After at the first that is
 * exhausted; null when the request may go on. Keys are lower-cased so case cannot dodge them.
 */
export async function enforceRateLimits(checks: [PolicyName, string][]): Promise<Response | null> {
  if (!env().RATE_LIMIT_ENABLED) return null;
  const limiter = await rateLimiter();
  for (const [name, key] of checks) {
    const result = await limiter.limit(policy(name), key.toLowerCase());
    if (!result.success) {
      const retryAfter = Math.max(1, Math.ceil((result.reset - Date.now()) / 1000));
      return errorResponse("rate_limited", {
        headers: { "retry-after": String(retryAfter), "ratelimit-limit": String(result.limit), "ratelimit-remaining": "0" },
      });
    }
  }
  return null;
}
