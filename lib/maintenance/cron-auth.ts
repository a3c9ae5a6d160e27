import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Whether a request may run a cron job: only with `Authorization: Bearer <CRON_SECRET>`, the
 * header Vercel Cron sends. Headers such as `x-vercel-cron` can be sent by anyone, so they
 * count for nothing. Without a configured secret the jobs do not exist ("disabled").
 */
export function cronAuthorization(request: Request): "allowed" | "refused" | "disabled" {
  const secret = env().CRON_SECRET;
  if (!secret) return "disabled";
  const presented = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  // Digests of equal length, so the comparison takes the same time whatever was sent.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(presented), digest(secret)) ? "allowed" : "refused";
}
