// Small helpers shared by the tests/security files (the shared tests/helpers/* stay untouched).
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { expectError } from "../helpers/account";

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A client address no other test (nor an earlier run against the same Redis) has used: the
 * limiter keys on it, and the Upstash backend's Redis outlives the test run.
 */
export function newIp(): string {
  const groups = randomBytes(8).toString("hex").match(/.{4}/g)!;
  return `2001:db8:${groups.slice(0, 4).join(":")}::${groups[0]}`;
}

/** A contract 429 with a positive whole-second Retry-After no longer than the window. */
export async function expectTooMany(response: Response, code: "rate_limited" | "login_throttled", maxSeconds: number): Promise<number> {
  await expectError(response, 429, code);
  const retryAfter = response.headers.get("retry-after");
  expect(retryAfter, "Retry-After").toMatch(/^[1-9]\d*$/);
  expect(Number(retryAfter)).toBeLessThanOrEqual(maxSeconds);
  return Number(retryAfter);
}
