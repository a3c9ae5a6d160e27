import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { RateLimiter } from "@/lib/ratelimit";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Behaviour every limiter backend must share; `limiter` is resolved inside each test. */
export function limiterBehaviour(limiter: () => RateLimiter): void {
  it("allows exactly the configured count, then refuses with a reset in the future", async () => {
    const policy = { name: `t-${randomUUID()}`, limit: 3, windowSeconds: 60 };
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await limiter().limit(policy, "k"));
    expect(results.map((r) => r.success)).toEqual([true, true, true, false, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0, 0]);
    expect(results[3]!.reset).toBeGreaterThan(Date.now());
  });

  it("keeps keys apart", async () => {
    const policy = { name: `t-${randomUUID()}`, limit: 1, windowSeconds: 60 };
    expect((await limiter().limit(policy, "a")).success).toBe(true);
    expect((await limiter().limit(policy, "a")).success).toBe(false);
    expect((await limiter().limit(policy, "b")).success).toBe(true);
  });

  it("lets requests through again once the window has slid past", async () => {
    const policy = { name: `t-${randomUUID()}`, limit: 2, windowSeconds: 2 };
    // Start just after a window boundary, so a slow (loaded) machine cannot spread the three
    // calls over two windows, where the sliding weight would already let the third through.
    await sleep(2000 - (Date.now() % 2000) + 20);
    expect((await limiter().limit(policy, "k")).success).toBe(true);
    expect((await limiter().limit(policy, "k")).success).toBe(true);
    expect((await limiter().limit(policy, "k")).success).toBe(false);
    // A sliding window forgets the previous window gradually: two windows forget it fully.
    await sleep(4100);
    expect((await limiter().limit(policy, "k")).success).toBe(true);
  });

  it("never lets a parallel burst past the limit", async () => {
    const policy = { name: `t-${randomUUID()}`, limit: 5, windowSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 25 }, () => limiter().limit(policy, "burst")));
    expect(results.filter((r) => r.success)).toHaveLength(5);
  });
}
