import { env } from "@/lib/env";
import type { Failure } from "./errors";
import type { LimitCheck } from "./rate-limit";
import { bearerSecretAccess, secretRefusal } from "./shared-secret";

/** 404 without AUTH_INTROSPECTION_SECRET, 401 for a missing or wrong one, null for the right one. */
export function introspectionRefusal(request: Request): Failure | null {
  return secretRefusal(bearerSecretAccess(request, env().AUTH_INTROSPECTION_SECRET));
}

/** Every request counts per client IP, forged ones included; an endpoint that does not exist counts nothing. */
export function introspectionLimits(ip: string): LimitCheck[] {
  return env().AUTH_INTROSPECTION_SECRET ? [["introspect", ip]] : [];
}
