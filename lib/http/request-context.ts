import type { ClientInfo } from "@/lib/auth/client-info";
import { env } from "@/lib/env";
import { clientIp } from "./client-ip";

/** The client's IP (as the configured proxies report it) and user agent. */
export function requestContext(request: Request): ClientInfo {
  const { TRUSTED_PROXY_HOPS, CLIENT_IP_HEADER } = env();
  const ip = clientIp(request.headers, { trustedProxyHops: TRUSTED_PROXY_HOPS, clientIpHeader: CLIENT_IP_HEADER });
  const userAgent = request.headers.get("user-agent")?.slice(0, 512) ?? null;
  return { ip, userAgent };
}
