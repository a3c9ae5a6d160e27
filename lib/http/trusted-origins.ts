import { env } from "@/lib/env";

// Edge-safe. Trust comes from configuration only, never from the request's own Host or
// X-Forwarded-Host: an attacker who controls those would otherwise vouch for themselves.

/** The origins listed in AUTH_TRUSTED_ORIGINS (other frontends), normalised. */
export function isListedOrigin(origin: string): boolean {
  return env().AUTH_TRUSTED_ORIGINS.some((o) => o.replace(/\/+$/, "") === origin);
}

/** Our own origin (AUTH_URL) and every origin listed in AUTH_TRUSTED_ORIGINS. */
export function isTrustedOrigin(origin: string): boolean {
  return origin === new URL(env().AUTH_URL).origin || isListedOrigin(origin);
}
