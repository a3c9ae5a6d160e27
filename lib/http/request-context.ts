import type { RequestContext } from "@/lib/auth/request-context";
import { env } from "@/lib/env";

export function requestContext(request: Request): RequestContext {
  const userAgent = request.headers.get("user-agent")?.slice(0, 512) ?? null;
  return { ip: clientIp(request), userAgent };
}

/**
 * The last X-Forwarded-For hop is the one our own server (or the platform's edge) added, so
 * it cannot be forged by the client. Behind a trusted reverse proxy (TRUST_PROXY=true) the
 * first hop is the real client.
 */
function clientIp(request: Request): string | null {
  const hops = (request.headers.get("x-forwarded-for") ?? "").split(",").map((h) => h.trim()).filter(Boolean);
  const ip = (env().TRUST_PROXY ? hops[0] : hops.at(-1)) ?? request.headers.get("x-real-ip")?.trim();
  // One client, one spelling: "::ffff:127.0.0.1" is 127.0.0.1.
  return ip ? ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1").slice(0, 64) : null;
}
