import { isIP } from "node:net";

export interface ClientIpSettings {
  /** How many proxies in front of the app append to X-Forwarded-For. */
  trustedProxyHops: number;
  /** A single-value header one trusted proxy sets to the client IP (x-real-ip, cf-connecting-ip). */
  clientIpHeader?: string;
}

/**
 * The client address our own proxies vouch for, or null when they cannot vouch for one.
 * Each trusted proxy appends the address it saw, so everything left of the last
 * `trustedProxyHops` entries was written by the client. With fewer entries than hops the
 * request skipped a proxy, and nothing in the header can be trusted.
 */
export function clientIp(headers: Headers, { trustedProxyHops, clientIpHeader }: ClientIpSettings): string | null {
  if (clientIpHeader) return ipAddress(headers.get(clientIpHeader));
  if (trustedProxyHops === 0) return null;
  const entries = (headers.get("x-forwarded-for") ?? "").split(",");
  if (entries.length < trustedProxyHops) return null;
  return ipAddress(entries[entries.length - trustedProxyHops]);
}

/** One spelling per address, or null for anything that is not an IP address. */
export function ipAddress(value: string | null | undefined): string | null {
  const raw = value?.trim();
  if (!raw || raw.length > 64) return null;
  const host = withoutPort(raw);
  if (!host) return null;
  const version = isIP(host);
  if (version === 4) return host;
  if (version !== 6) return null;
  let canonical: string;
  try {
    // The URL parser prints the canonical form (lower case, zeros compressed) and refuses zone ids.
    canonical = new URL(`http://[${host}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  // An IPv4 client seen through a dual-stack socket is the same client: "::ffff:127.0.0.1" is 127.0.0.1.
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return canonical;
  const high = parseInt(mapped[1]!, 16);
  const low = parseInt(mapped[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** Some proxies write "host:port"; the port is dropped only where the syntax is unambiguous. */
function withoutPort(raw: string): string | null {
  const match = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(raw) ?? /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(raw);
  if (!match) return raw;
  return Number(match[2] ?? 0) <= 65535 ? match[1]! : null;
}

/**
 * Whom a per-IP rate limit counts: an IPv4 address as it is, an IPv6 address by its /64. One
 * subscriber, even one home connection, is handed a whole /64 and can rotate through its 2^64
 * addresses at will, so keying by the full address would give an attacker a fresh bucket per
 * request. No address at all is one shared bucket, "unknown". (What is stored and shown, in
 * sessions and the audit log, stays the full address.)
 */
export function rateLimitSubject(ip: string | null): string {
  if (!ip) return "unknown";
  if (!ip.includes(":")) return ip;
  const [head = "", tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}
