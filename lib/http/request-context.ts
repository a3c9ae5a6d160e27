import type { RequestContext } from "@/lib/auth/request-context";
import { env } from "@/lib/env";
import { clientIp } from "./client-ip";

export function requestContext(request: Request): RequestContext {
  const { TRUSTED_PROXY_HOPS, CLIENT_IP_HEADER } = env();
  const ip = clientIp(request.headers, { trustedProxyHops: TRUSTED_PROXY_HOPS, clientIpHeader: CLIENT_IP_HEADER });
  const userAgent = request.headers.get("user-agent")?.slice(0, 512) ?? null;
  return { ip, userAgent };
}
