import { env } from "@/lib/env";
import type { Failure } from "@/lib/http/errors";
import { bearerSecretAccess, secretRefusal, type SecretAccess } from "@/lib/http/shared-secret";

/**
 * Whether a request may run a cron job: only with `Authorization: Bearer <CRON_SECRET>`, the
 * header Vercel Cron sends. Headers such as `x-vercel-cron` can be sent by anyone, so they
 * count for nothing. Without a configured secret the jobs do not exist ("disabled").
 */
export function cronAuthorization(request: Request): SecretAccess {
  return bearerSecretAccess(request, env().CRON_SECRET);
}

/** 404 without CRON_SECRET, 401 for a wrong one, null when the job may run. */
export function cronRefusal(request: Request): Failure | null {
  return secretRefusal(cronAuthorization(request));
}
