/** A parsed Set-Cookie line. Attribute names are lower-cased; flags map to `true`. */
export interface SetCookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
}

/** Cookies a browser would hold, by name. */
export type CookieJar = Map<string, string>;

export function parseSetCookie(line: string): SetCookie {
  const [pair = "", ...parts] = line.split(";");
  const eq = pair.indexOf("=");
  const attributes: Record<string, string | true> = {};
  for (const part of parts) {
    const i = part.indexOf("=");
    if (i === -1) attributes[part.trim().toLowerCase()] = true;
    else attributes[part.slice(0, i).trim().toLowerCase()] = part.slice(i + 1).trim();
  }
  return { name: pair.slice(0, eq).trim(), value: decodeURIComponent(pair.slice(eq + 1).trim()), attributes };
}

export function setCookiesOf(response: Response): Map<string, SetCookie> {
  return new Map(
    response.headers.getSetCookie().map((line) => {
      const cookie = parseSetCookie(line);
      return [cookie.name, cookie];
    }),
  );
}

/** Whether a Set-Cookie line deletes the cookie (Max-Age=0 or an expiry in the past). */
export function isDeletion(cookie: SetCookie): boolean {
  const { "max-age": maxAge, expires } = cookie.attributes;
  if (maxAge !== undefined && Number(maxAge) <= 0) return true;
  return typeof expires === "string" && Date.parse(expires) <= Date.now();
}

/** Applies a response's Set-Cookie lines to the jar, as a browser would. */
export function storeCookies(jar: CookieJar, response: Response): CookieJar {
  for (const cookie of setCookiesOf(response).values()) {
    if (isDeletion(cookie)) jar.delete(cookie.name);
    else jar.set(cookie.name, cookie.value);
  }
  return jar;
}

export function cookieHeader(jar: CookieJar): string {
  return [...jar].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; ");
}
