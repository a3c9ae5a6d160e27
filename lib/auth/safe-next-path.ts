/** A `next=` target is honoured only when it is a same-origin relative path. */
export function safeNextPath(next: string | null | undefined, options: { fallback?: string } = {}): string {
  const fallback = options.fallback ?? "/account";
  const looksLikeOwnPath = !!next && next.startsWith("/") && !next.startsWith("//") && !next.includes("\\");
  if (!looksLikeOwnPath) return fallback;
  // Control characters would let a browser reinterpret the path (e.g. "/\t/evil.com").
  if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
  try {
    const url = new URL(next, "http://same.origin");
    if (url.origin !== "http://same.origin") return fallback;
    // Dot segments can normalise "/.//evil.com" into "//evil.com", and a router that decodes
    // once turns "/%2F%2Fevil.com" or "/%09/evil.com" into the same trick.
    const path = decodeURIComponent(url.pathname);
    if (path.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(path)) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
