import { isSecureUrl } from "@/lib/env";
import { readCookie } from "./cookies";
import type { FieldErrors } from "./errors";

// Edge-safe: the route wrapper sets the flash, middleware clears it, the page reads it.

/** Seconds a flash lives: long enough for the 303 and the page it lands on, no longer. */
export const FLASH_MAX_AGE_SECONDS = 60;

/**
 * What a form post without JavaScript hands to the page it lands on: the outcome, its error
 * text and field errors, and the values typed (never a password or a token).
 */
export interface Flash {
  /** The page this flash is for; another page ignores it. */
  page: string;
  /** Which of the page's forms posted (a page with several, like /account). */
  form?: string;
  ok: boolean;
  code?: string;
  detail?: string;
  fields?: FieldErrors;
  values?: Record<string, string>;
}

export function flashCookieName(): string {
  return isSecureUrl() ? "__Host-aw_flash" : "aw_flash";
}

/** Form fields never written back to the browser: passwords, tokens, secrets, link ids. */
export function isSecretField(name: string): boolean {
  return /pass|token|secret|uid|code/i.test(name);
}

const MAX_VALUE_LENGTH = 256;
const MAX_COOKIE_VALUE = 3000;

/** The Set-Cookie header of a flash: httpOnly, SameSite=Lax, one minute. */
export function flashSetCookie(flash: Flash): string {
  let value = encode(flash);
  // A browser drops a cookie over 4 KiB: keep the outcome, lose the typed values first.
  if (value.length > MAX_COOKIE_VALUE) value = encode({ ...flash, values: undefined });
  if (value.length > MAX_COOKIE_VALUE)
    value = encode({ page: flash.page, form: flash.form, ok: flash.ok, code: flash.code });
  return cookieLine(value, FLASH_MAX_AGE_SECONDS);
}

export function clearedFlashCookie(): string {
  return cookieLine("", 0);
}

function cookieLine(value: string, maxAge: number): string {
  const secure = isSecureUrl() ? "; Secure" : "";
  return `${flashCookieName()}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`;
}

/** Only the safe part of what was typed: short strings, never a secret field. */
export function publicValues(values: Record<string, unknown>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(values))
    if (typeof value === "string" && !isSecretField(name)) kept[name] = value.slice(0, MAX_VALUE_LENGTH);
  return kept;
}

/** The flash a request carries for `page`, or null (absent, malformed, or for another page). */
export function readFlash(cookieValue: string | undefined, page: string): Flash | null {
  if (!cookieValue) return null;
  try {
    const parsed = JSON.parse(fromBase64Url(cookieValue)) as Partial<Flash>;
    if (typeof parsed !== "object" || parsed === null || parsed.page !== page || typeof parsed.ok !== "boolean")
      return null;
    return {
      page,
      form: typeof parsed.form === "string" ? parsed.form : undefined,
      ok: parsed.ok,
      code: typeof parsed.code === "string" ? parsed.code : undefined,
      detail: typeof parsed.detail === "string" ? parsed.detail : undefined,
      fields: isFieldErrors(parsed.fields) ? parsed.fields : undefined,
      values: parsed.values && typeof parsed.values === "object" ? publicValues(parsed.values) : undefined,
    };
  } catch {
    return null;
  }
}

/**
 * Middleware step for pages: a flash is shown once, by the page load that follows the form
 * post's 303. The page still renders with it (the request keeps its cookie); the browser is
 * told to forget it with the same answer. The router's own fetches (prefetches, refreshes:
 * `Sec-Fetch-Dest: empty`) leave it alone: one sent with an older flash and answered late
 * would otherwise wipe the newer flash a form post set meanwhile, before its page shows it.
 */
export function clearFlashOnce<R extends Response>(request: Request, response: R): R {
  const destination = request.headers.get("sec-fetch-dest");
  if (destination !== null && destination !== "document") return response;
  if (readCookie(request, flashCookieName()) !== undefined) response.headers.append("set-cookie", clearedFlashCookie());
  return response;
}

function isFieldErrors(value: unknown): value is FieldErrors {
  if (!value || typeof value !== "object") return false;
  return Object.values(value).every((v) => Array.isArray(v) && v.every((m) => typeof m === "string"));
}

function encode(flash: Flash): string {
  const bytes = new TextEncoder().encode(JSON.stringify(flash));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(value: string): string {
  const binary = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
