import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { createAuthClient } from "./auth-client";
import type { ApiResult, ErrorBody } from "./types";

export type { ApiResult };

/**
 * The typed client as our own pages use it: same origin, cookies. A page may sit open past
 * the access token's lifetime: a 401 from a session endpoint renews the session once from the
 * refresh cookie (one refresh for every call that got 401 together) and repeats the call once;
 * if renewal fails, the original 401 is returned.
 */
export const authClient = createAuthClient({ credentials: "same-origin" });

/** Browser-side JSON call to our own API; cookies travel with it. */
export function postJson<T>(path: string, body: unknown = {}): Promise<ApiResult<T>> {
  return sendJson<T>("POST", path, body);
}

/** Like postJson for any method. */
export function sendJson<T>(method: "POST" | "PATCH" | "PUT" | "DELETE", path: string, body?: unknown) {
  return authClient.request<T>(method, path, body);
}

/** Puts server field errors beside their fields; returns the message for the rest of the form. */
export function applyServerErrors<T extends FieldValues>(
  error: ErrorBody,
  setError: UseFormSetError<T>,
  known: readonly string[],
): string | null {
  let unplaced: string | null = null;
  // Focus goes to the first field (in form order) the server flagged, as a keyboard or screen-reader user needs.
  const first = known.find((name) => error.fields?.[name]);
  for (const [field, messages] of Object.entries(error.fields ?? {})) {
    if (known.includes(field))
      setError(field as Path<T>, { type: "server", message: messages.join(" ") }, { shouldFocus: field === first });
    else unplaced = messages.join(" ");
  }
  return error.fields && !unplaced ? null : (unplaced ?? error.detail);
}

/**
 * A session call still refused with 401 after renewal: the session is over (ended from another
 * device, or expired). A reload lets the server tell which, on /login.
 */
export function reloadIfSignedOut(result: ApiResult<unknown>): boolean {
  if (result.ok || result.status !== 401) return false;
  window.location.reload();
  return true;
}
