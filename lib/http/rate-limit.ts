import { env } from "@/lib/env";
import { policy, rateLimiter, type PolicyName } from "@/lib/ratelimit";
import { fail, type Failure } from "./errors";

export type LimitCheck = [PolicyName, string];

/**
 * Checks each (policy, key) in order and fails with 429 and Retry-After at the first that is
 * exhausted; null when the request may go on. Keys are lower-cased so case cannot dodge them.
 */
export async function enforceRateLimits(checks: LimitCheck[]): Promise<Failure | null> {
  if (!env().RATE_LIMIT_ENABLED) return null;
  const limiter = await rateLimiter();
  for (const [name, key] of checks) {
    const result = await limiter.limit(policy(name), key.toLowerCase());
    if (!result.success) {
      const retryAfter = Math.max(1, Math.ceil((result.reset - Date.now()) / 1000));
      return fail("rate_limited", {
        retryAfter,
        headers: { "ratelimit-limit": String(result.limit), "ratelimit-remaining": "0" },
      });
    }
  }
  return null;
}

/**
 * Limits for requests that mail an address: per client IP + address (docs/security.md#rate-limits),
 * and per address alone, so that rotating or forging client IPs cannot flood one inbox.
 */
export function addressLimits(name: PolicyName, ip: string, email: string): LimitCheck[] {
  return [
    [name, `${ip}|${email}`],
    [name, `address|${email}`],
  ];
}
