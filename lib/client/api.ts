import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { ErrorBody } from "@/lib/http/errors";

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ErrorBody };

const networkError: ErrorBody = {
  detail: "Could not reach the server. Check your connection and try again.",
  code: "internal_error",
};

const REFRESH_PATH = "/api/auth/token/refresh";

// Endpoints that answer 401 for a wrong password or a bad refresh token, not for an expired
// access token: renewing there would be pointless or would loop.
const NO_RENEWAL = new Set([
  "/api/auth/login",
  "/api/auth/register",
  REFRESH_PATH,
  "/api/auth/email-verify",
  "/api/auth/email-verify/resend",
  "/api/auth/password-reset",
  "/api/auth/password-reset-confirm",
]);

let renewal: Promise<boolean> | null = null;
let renewals = 0;

/** One refresh for every call that finds the access token expired at the same time (the refresh token rotates). */
function renewSession(): Promise<boolean> {
  renewal ??= fetch(REFRESH_PATH, { method: "POST", credentials: "same-origin" })
    .then(
      (response) => {
        if (response.ok) renewals += 1;
        return response.ok;
      },
      () => false,
    )
    .finally(() => {
      renewal = null;
    });
  return renewal;
}

/** Browser-side JSON call to our own API; cookies travel with it. */
export function postJson<T>(path: string, body: unknown = {}): Promise<ApiResult<T>> {
  return sendJson<T>("POST", path, body);
}

/**
 * Like postJson for any method. A page may sit open past the access token's lifetime: a 401
 * from a session endpoint renews the session once from the refresh cookie and repeats the
 * call once. If renewal fails, the original 401 is returned.
 */
export async function sendJson<T>(
  method: "POST" | "PATCH" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
): Promise<ApiResult<T>> {
  const renewalsBefore = renewals;
  const result = await request<T>(method, path, body);
  const mayRenew = !result.ok && result.status === 401 && !NO_RENEWAL.has(path.replace(/\/+$/, ""));
  if (!mayRenew) return result;
  // Another call may have renewed while this one was in flight: then just repeat it.
  const renewed = renewals !== renewalsBefore || (await renewSession());
  return renewed ? request<T>(method, path, body) : result;
}

async function request<T>(method: string, path: string, body: unknown): Promise<ApiResult<T>> {
  try {
    const response = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
    const data = (await response.json().catch(() => null)) as unknown;
    if (response.ok) return { ok: true, data: data as T };
    const error = data && typeof data === "object" && "code" in data ? (data as ErrorBody) : networkError;
    return { ok: false, status: response.status, error };
  } catch {
    return { ok: false, status: 0, error: networkError };
  }
}

/** Puts server field errors beside their fields; returns the message for the rest of the form. */
export function applyServerErrors<T extends FieldValues>(
  error: ErrorBody,
  setError: UseFormSetError<T>,
  known: readonly string[],
): string | null {
  let unplaced: string | null = null;
  for (const [field, messages] of Object.entries(error.fields ?? {})) {
    if (known.includes(field)) setError(field as Path<T>, { type: "server", message: messages.join(" ") });
    else unplaced = messages.join(" ");
  }
  return error.fields && !unplaced ? null : (unplaced ?? error.detail);
}
