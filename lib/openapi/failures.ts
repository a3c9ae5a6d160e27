import { ERRORS, type ErrorCode } from "@/lib/http/errors";
import type { RouteHandler } from "@/lib/http/route";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Every error code an operation can answer: those its declaration implies (the wrapper's
 * checks run in this order) and those its handler names, grouped by status.
 */
export function failuresOf(method: string, spec: RouteHandler["spec"]): Map<number, ErrorCode[]> {
  const codes: ErrorCode[] = [];
  if (UNSAFE.has(method)) codes.push("csrf_failed");
  if (spec.auth === "user") codes.push("not_authenticated");
  if (spec.body) codes.push("payload_too_large", "unsupported_media_type", "invalid_json", "validation_error");
  if (spec.query) codes.push("validation_error");
  if (spec.limits) codes.push("rate_limited");
  if (spec.secret) codes.push("not_found", "not_authenticated");
  // Any route may find the database unreachable (503, Retry-After) or hit a bug (500).
  codes.push(...(spec.errors ?? []), "service_unavailable", "internal_error");
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const [status] = ERRORS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}
