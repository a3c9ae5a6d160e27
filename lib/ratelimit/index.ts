import { getDb } from "@/db";
import { env } from "@/lib/env";
import type { RateLimiter, RateLimitPolicy } from "./limiter";
import { postgresLimiter } from "./postgres";

export type { RateLimiter, RateLimitPolicy, RateLimitResult } from "./limiter";

let limiter: Promise<RateLimiter> | undefined;

/** Upstash when both UPSTASH_REDIS_REST_* are set, the shared Postgres otherwise. */
export function rateLimiter(): Promise<RateLimiter> {
  limiter ??= (async () => {
    const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = env();
    if (url && token) return (await import("./upstash")).upstashLimiter({ url, token });
    return postgresLimiter(getDb);
  })();
  return limiter;
}

export type PolicyName =
  | "login"
  | "login_ip"
  | "register"
  | "password_reset"
  | "password_reset_confirm"
  | "password_reset_confirm_ip"
  | "verify_resend"
  | "refresh"
  | "password_change"
  | "mfa"
  | "passkey_options"
  | "passkey_manage"
  | "introspect"
  | "email_sign_in"
  | "email_sign_in_verify"
  | "email_sign_in_verify_ip"
  | "oauth";

/** Defaults from docs/design.md#web-security, each overridable as RATE_LIMIT_<NAME>="count/seconds". */
export function policy(name: PolicyName): RateLimitPolicy {
  return { name, ...policySettings()[name] };
}

/** The longest window of any policy: no limiter reads a window that began two of these ago (lib/maintenance/prune.ts). */
export function longestWindowSeconds(): number {
  return Math.max(...Object.values(policySettings()).map((setting) => setting.windowSeconds));
}

function policySettings(): Record<PolicyName, Omit<RateLimitPolicy, "name">> {
  const e = env();
  return {
    login: e.RATE_LIMIT_LOGIN,
    login_ip: e.RATE_LIMIT_LOGIN_IP,
    register: e.RATE_LIMIT_REGISTER,
    password_reset: e.RATE_LIMIT_PASSWORD_RESET,
    password_reset_confirm: e.RATE_LIMIT_PASSWORD_RESET_CONFIRM,
    password_reset_confirm_ip: e.RATE_LIMIT_PASSWORD_RESET_CONFIRM_IP,
    verify_resend: e.RATE_LIMIT_VERIFY_RESEND,
    refresh: e.RATE_LIMIT_REFRESH,
    password_change: e.RATE_LIMIT_PASSWORD_CHANGE,
    mfa: e.RATE_LIMIT_MFA,
    passkey_options: e.RATE_LIMIT_PASSKEY_OPTIONS,
    passkey_manage: e.RATE_LIMIT_PASSKEY_MANAGE,
    introspect: e.RATE_LIMIT_INTROSPECT,
    email_sign_in: e.RATE_LIMIT_EMAIL_SIGN_IN,
    email_sign_in_verify: e.RATE_LIMIT_EMAIL_SIGN_IN_VERIFY,
    email_sign_in_verify_ip: e.RATE_LIMIT_EMAIL_SIGN_IN_VERIFY_IP,
    oauth: e.RATE_LIMIT_OAUTH,
  };
}

/** Counts one use of a limit for work that has no response to refuse (mail sent after one). */
export async function withinLimit(name: PolicyName, key: string): Promise<boolean> {
  if (!env().RATE_LIMIT_ENABLED) return true;
  return (await (await rateLimiter()).limit(policy(name), key.toLowerCase())).success;
}
