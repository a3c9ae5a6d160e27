// vitest.config.ts checks once whether Redis answers (tests/setup/services.ts) and tells the
// integration projects through these variables; the Upstash tests skip themselves without it.

/** The Redis behind the Upstash stand-in, or null when it did not answer (tests skip). */
export function testRedisUrl(): string | null {
  return process.env.TEST_REDIS_AVAILABLE === "true" ? (process.env.TEST_REDIS_URL ?? null) : null;
}
