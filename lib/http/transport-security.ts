import { env, isSecureUrl } from "@/lib/env";

// Edge-safe. On every answer, pages and API alike.

/** HSTS once the app is served over https in production. */
export function transportSecurityHeaders(): Record<string, string> {
  return env().NODE_ENV === "production" && isSecureUrl()
    ? { "strict-transport-security": "max-age=63072000; includeSubDomains" }
    : {};
}

export function withTransportSecurity<T extends Response>(response: T): T {
  for (const [name, value] of Object.entries(transportSecurityHeaders())) response.headers.set(name, value);
  return response;
}
