import { createHash, timingSafeEqual } from "node:crypto";
import { fail, type Failure } from "./errors";

export type SecretAccess = "allowed" | "refused" | "disabled";

/**
 * Whether a request carries `Authorization: Bearer <secret>` for a configured secret; without
 * one configured the endpoint does not exist ("disabled"). Digests of equal length are
 * compared, so the time taken says nothing about how much of the secret was right.
 */
export function bearerSecretAccess(request: Request, secret: string | undefined): SecretAccess {
  if (!secret) return "disabled";
  const presented = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(presented), digest(secret)) ? "allowed" : "refused";
}

/** The answer for a request that may not pass: 404 while the secret is unset, 401 for a wrong one. */
export function secretRefusal(access: SecretAccess): Failure | null {
  if (access === "disabled") return fail("not_found");
  if (access === "refused") return fail("not_authenticated", { headers: { "www-authenticate": "Bearer" } });
  return null;
}
