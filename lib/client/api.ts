import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { ErrorBody } from "@/lib/http/errors";

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ErrorBody };

const networkError: ErrorBody = { detail: "Could not reach the server. Check your connection and try again.", code: "internal_error" };

/** Browser-side JSON call to our own API; cookies travel with it. */
export function postJson<T>(path: string, body: unknown = {}): Promise<ApiResult<T>> {
  return sendJson<T>("POST", path, body);
}

export async function sendJson<T>(method: "POST" | "PATCH" | "PUT" | "DELETE", path: string, body?: unknown): Promise<ApiResult<T>> {
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
export function applyServerErrors<T extends FieldValues>(error: ErrorBody, setError: UseFormSetError<T>, known: readonly string[]): string | null {
  let unplaced: string | null = null;
  for (const [field, messages] of Object.entries(error.fields ?? {})) {
    if (known.includes(field)) setError(field as Path<T>, { type: "server", message: messages.join(" ") });
    else unplaced = messages.join(" ");
  }
  return error.fields && !unplaced ? null : (unplaced ?? error.detail);
}
