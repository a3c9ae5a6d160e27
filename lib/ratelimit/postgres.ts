import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { rateLimits } from "@/db/schema";
import type { RateLimiter, RateLimitPolicy, RateLimitResult } from "./limiter";

/**
 * Sliding window counter (the algorithm @upstash/ratelimit uses): the previous window's
 * count, weighted by how much of it still overlaps, plus the current window's count.
 * A transaction-scoped advisory lock on the key makes read-decide-write atomic across every
 * app instance sharing the database.
 */
export function postgresLimiter(getDb: () => Promise<Database>): RateLimiter {
  return {
    backend: "postgres",
    async limit(policy: RateLimitPolicy, key: string): Promise<RateLimitResult> {
      const db = await getDb();
      const id = `${policy.name}:${key}`;
      const windowMs = policy.windowSeconds * 1000;
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${id}, 0))`);
        const now = Date.now();
        const current = Math.floor(now / windowMs) * windowMs;
        const previous = current - windowMs;
        const rows = await tx
          .select()
          .from(rateLimits)
          .where(and(eq(rateLimits.key, id), inArray(rateLimits.windowStart, [current, previous])));
        const count = (start: number) => rows.find((r) => r.windowStart === start)?.count ?? 0;
        const weight = (windowMs - (now - current)) / windowMs;
        const used = Math.floor(count(previous) * weight) + count(current);
        const reset = current + windowMs;
        if (used >= policy.limit) return { success: false, limit: policy.limit, remaining: 0, reset };
        await tx
          .insert(rateLimits)
          .values({ key: id, windowStart: current, count: 1 })
          .onConflictDoUpdate({
            target: [rateLimits.key, rateLimits.windowStart],
            set: { count: sql`${rateLimits.count} + 1` },
          });
        await tx.delete(rateLimits).where(and(eq(rateLimits.key, id), lt(rateLimits.windowStart, previous)));
        return { success: true, limit: policy.limit, remaining: policy.limit - used - 1, reset };
      });
    },
  };
}
