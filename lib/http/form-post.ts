import { safeNextPath } from "@/lib/auth/safe-next-path";
import { isUrlEncoded, readBody } from "./body";
import { flashSetCookie, publicValues, type Flash } from "./flash";

/**
 * Where a browser's form post (JavaScript off, or before hydration) lands: a 303 to `success`,
 * or back to `failure` with the errors and the typed values in a one-minute flash cookie.
 * Secrets and error text never go in the URL.
 */
export interface FormTargets {
  success: string;
  failure: string;
  /** Honour a safe `next` field (lib/auth/safe-next-path.ts) on success, and keep it on failure. */
  next?: boolean;
  /** Fields the form page was opened with (a mailed link's uid and token) that failure returns to. */
  carry?: string[];
  /** Names the form on a page with several (the flash says which one posted). */
  form?: string;
}

/**
 * Answers that are the next step of a sign-in rather than a failure, and the page that step is
 * on: a 303 there (keeping `next`), with the route's cookies (the mfa_token's).
 */
const STEP_PAGES: Partial<Record<string, string>> = { mfa_required: "/login/2fa" };

/** A browser navigating with a form: URL-encoded, and it wants a page, not JSON. */
export function isBrowserFormPost(request: Request): boolean {
  if (!isUrlEncoded(request)) return false;
  const wantsPage = /\btext\/html\b/i.test(request.headers.get("accept") ?? "");
  return wantsPage || request.headers.get("sec-fetch-mode") === "navigate";
}

/**
 * The JSON answer a route gave, as a browser form gets it: cookies the route set (a login's
 * tokens) travel with the 303; the flash carries what the landing page shows.
 */
export async function formAnswer(targets: FormTargets, form: Request, answer: Response): Promise<Response> {
  const raw = await readBody(form);
  const values = raw.ok && raw.data && typeof raw.data === "object" ? (raw.data as Record<string, unknown>) : {};
  const ok = answer.status < 400;
  const payload = (await answer.json().catch(() => ({}))) as Partial<Flash>;
  const step = typeof payload.code === "string" ? STEP_PAGES[payload.code] : undefined;
  const location = ok
    ? successTarget(targets, values)
    : failureTarget(step ? { ...targets, failure: step, carry: [] } : targets, values);
  const flash: Flash = {
    page: new URL(location, "http://same.origin").pathname,
    form: targets.form,
    ok,
    code: typeof payload.code === "string" ? payload.code : undefined,
    detail: typeof payload.detail === "string" ? payload.detail : undefined,
    fields: ok ? undefined : payload.fields,
    values: publicValues(values),
  };
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const cookie of answer.headers.getSetCookie()) headers.append("set-cookie", cookie);
  headers.append("set-cookie", flashSetCookie(flash));
  const retryAfter = answer.headers.get("retry-after");
  if (retryAfter) headers.set("retry-after", retryAfter);
  return new Response(null, { status: 303, headers });
}

function successTarget(targets: FormTargets, values: Record<string, unknown>): string {
  if (!targets.next) return targets.success;
  return safeNextPath(typeof values.next === "string" ? values.next : null, { fallback: targets.success });
}

function failureTarget(targets: FormTargets, values: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const name of targets.carry ?? []) if (typeof values[name] === "string") query.set(name, values[name]);
  if (targets.next && typeof values.next === "string") {
    const next = safeNextPath(values.next, { fallback: "" });
    if (next) query.set("next", next);
  }
  const search = query.toString();
  return search ? `${targets.failure}?${search}` : targets.failure;
}
