import type { ApiResult } from "./types";

/** Where a sign-in whose second factor is due goes on: the code step, keeping `next`. */
export function twoFactorPage(next: string): string {
  return `/login/2fa?next=${encodeURIComponent(next)}`;
}

/**
 * After a first factor (password, emailed link or code): when the account also needs its code,
 * the answer set the half-done sign-in's cookie, so the browser moves on to the code step.
 * True when it did.
 */
export function continueToSecondFactor(result: ApiResult<unknown>, next: string): boolean {
  if (result.ok || result.error.code !== "mfa_required") return false;
  window.location.assign(twoFactorPage(next));
  return true;
}
