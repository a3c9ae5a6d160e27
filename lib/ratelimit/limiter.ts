/** A sliding-window limit: at most `limit` hits per `windowSeconds`. */
export interface RateLimitPolicy {
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  success: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends (ms since epoch); drives Retry-After. */
  reset: number;
}

/** The one seam between the app and its limiter backends (Postgres, Upstash). */
export interface RateLimiter {
  readonly backend: "postgres" | "upstash";
  limit(policy: RateLimitPolicy, key: string): Promise<RateLimitResult>;
}
