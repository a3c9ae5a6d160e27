// The words of the OpenAPI document that no schema carries: transports, CSRF/CORS, errors.

export const API_DESCRIPTION = `JSON in, JSON out, for our own pages and for other frontends (SPAs, mobile apps, servers).

**Transports.** Browsers get the access and refresh tokens as httpOnly cookies (SameSite=Lax) and send them back by themselves: call with \`credentials: "include"\` from another origin. Any other client sends \`X-Auth-Transport: body\` on login and refresh to get \`{access, refresh, token_type, expires_in, access_expires_at}\` in the body instead, calls with \`Authorization: Bearer <access>\` and refreshes with \`{"refresh": "…"}\`.

**Other origins.** Only origins listed in \`AUTH_TRUSTED_ORIGINS\` get CORS headers (with credentials). Cookie-authenticated writes must come from our own origin or a listed one (\`Origin\` is checked; 403 \`csrf_failed\` otherwise); bearer calls without cookies are exempt.

**Refresh.** Access tokens live 15 minutes; refresh tokens rotate on every use, and a replayed one ends the session. On a 401 from an account endpoint, refresh once (one refresh for all calls that got 401 together), then repeat the call once.

**Errors** are always \`{"detail", "code", "fields"?}\`; \`code\` is stable. Every rate limit answers 429 with \`Retry-After\`. Every path also answers with a trailing slash.

**Verifying access tokens** elsewhere: ES256 JWTs, header \`typ: at+jwt\`, \`iss\` = \`aud\` = this server's origin; keys at \`/api/auth/jwks\`.`;

export const TAGS = [
  { name: "Sign-in", description: "Sign up, verify, log in, refresh, log out." },
  { name: "Account", description: "The signed-in account: profile, password, sessions, activity." },
  { name: "For services", description: "Keys, token introspection and this document." },
  { name: "Maintenance", description: "For the platform (health checks, cron jobs), not for clients." },
];

const ACCOUNT = /^\/api\/auth\/(user|password-change|sessions|audit|connected-accounts|2fa)\b/;
const SERVICES = /^\/api\/auth\/(jwks|introspect|openapi\.json)\b/;

export function tagOf(path: string): string {
  if (path.startsWith("/api/cron/") || path === "/api/health") return "Maintenance";
  if (SERVICES.test(path)) return "For services";
  return ACCOUNT.test(path) ? "Account" : "Sign-in";
}

export function securitySchemes(accessCookie: string) {
  return {
    bearerAuth: {
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
      description: "The access token from a body-transport login or refresh.",
    },
    cookieAuth: {
      type: "apiKey",
      in: "cookie",
      name: accessCookie,
      description: "Browsers: the access cookie set by login and refresh.",
    },
    cronSecret: { type: "http", scheme: "bearer", description: "`CRON_SECRET`; the route answers 404 without it." },
    introspectionSecret: {
      type: "http",
      scheme: "bearer",
      description: "`AUTH_INTROSPECTION_SECRET`, for trusted backends; the route answers 404 without it.",
    },
  };
}
