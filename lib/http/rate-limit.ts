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

/**
 * Limits for requests that mail an address: per client IP + address (DESIGN.md §6), and per
 * address alone, so that rotating or forging client IPs cannot flood one inbox.
 */
export function addressLimits(name: PolicyName, ip: string, email: string): [PolicyName, string][] {
  return [
    [name, `${ip}|${email}`],
    [name, `address|${email}`],
  ];
}
