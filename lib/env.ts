import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const int = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

/** "count/seconds", e.g. "10/60" = ten per minute. */
const rate = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(v);
      if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) {
        ctx.addIssue({ code: "custom", message: `must look like "10/60" (count per seconds), got "${v}"` });
        return z.NEVER;
      }
      return { limit: Number(m[1]), windowSeconds: Number(m[2]) };
    });

const optionalString = () =>
  z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined);

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    AUTH_URL: z
      .url({ protocol: /^https?$/, error: "AUTH_URL must be an http(s) URL such as http://localhost:3000" })
      .default("http://localhost:3000"),
    AUTH_SIGNING_KEY: z
      .string({
        error: "AUTH_SIGNING_KEY is missing: `npm run dev` generates one into .env.local, or set a private ES256 JWK",
      })
      .min(1, "AUTH_SIGNING_KEY is empty"),
    AUTH_SIGNING_KEY_GENERATED: bool,
    AUTH_PREVIOUS_PUBLIC_KEYS: z.string().optional(),
    // 32 random bytes, base64url: encrypts TOTP secrets at rest (lib/auth/secret-box.ts). Generated
    // into .env.local in development like the signing key; without it, TOTP cannot be turned on.
    AUTH_ENCRYPTION_KEY: z
      .string()
      .optional()
      .transform((v) => v || undefined)
      .refine(
        (v) => v === undefined || /^[A-Za-z0-9_-]{43}$/.test(v),
        "must be 32 random bytes in base64url (43 characters): node -e \"console.log(require('crypto').randomBytes(32).toString('base64url'))\"",
      ),
    AUTH_ENCRYPTION_KEY_GENERATED: bool,
    // Passkeys (docs/security.md#passkeys-libauthpasskeyts): the WebAuthn relying party. The id
    // defaults to AUTH_URL's host (a parent domain shares passkeys with its subdomains); the
    // origins allowed to answer default to AUTH_URL's origin alone.
    AUTH_RP_ID: z
      .string()
      .optional()
      .transform((v) => v?.trim().toLowerCase() || undefined),
    AUTH_RP_NAME: z.string().trim().min(1).default("ASTROWORLD Auth"),
    AUTH_PASSKEY_ORIGINS: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    PASSKEY_CHALLENGE_TTL_SECONDS: int(300),
    AUTH_TRUSTED_ORIGINS: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    DATABASE_URL: z
      .string()
      .optional()
      .transform((v) => v || undefined),
    PGLITE_DATA_DIR: z.string().default(".data/pglite"),
    // Postgres only (docs/security.md#database-outages): how long opening a connection, and one
    // statement, may take before the request answers 503; 0 turns the statement timeout off.
    DATABASE_CONNECT_TIMEOUT_SECONDS: int(5),
    DATABASE_STATEMENT_TIMEOUT_MS: int(10_000, 0),
    // Postgres only: statements are named prepared statements; false for a transaction-mode
    // pooler that cannot keep them (docs/deploy.md).
    DATABASE_PREPARE: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
    RESEND_API_KEY: z
      .string()
      .optional()
      .transform((v) => v || undefined),
    RESEND_BASE_URL: z.url().optional(),
    MAIL_FROM: z.string().default("ASTROWORLD Auth <auth@astroworld.localhost>"),
    AUTH_ALLOW_GENERATED_KEY: bool,
    AUTH_ALLOW_HTTP: bool,
    ACCESS_TOKEN_TTL_SECONDS: int(15 * 60),
    REFRESH_TOKEN_TTL_SECONDS: int(7 * 24 * 3600),
    SESSION_MAX_AGE_SECONDS: int(30 * 24 * 3600),
    REFRESH_REUSE_GRACE_SECONDS: int(10, 0),
    VERIFY_TOKEN_TTL_SECONDS: int(24 * 3600),
    RESET_TOKEN_TTL_SECONDS: int(3600),
    ARGON2_MEMORY_KIB: int(19456, 1024),
    ARGON2_TIME_COST: int(2),
    ARGON2_PARALLELISM: int(1),
    PASSWORD_MIN_LENGTH: int(8, 8),
    LOGIN_THROTTLE_FAILURES: int(10),
    LOGIN_THROTTLE_WINDOW_SECONDS: int(3600),
    LOGIN_THROTTLE_SECONDS: int(15 * 60),
    UNLOCK_TOKEN_TTL_SECONDS: int(3600),
    // A half-done sign-in waiting for its second factor (docs/security.md#two-factor-authentication).
    MFA_TOKEN_TTL_SECONDS: int(5 * 60),
    MFA_MAX_ATTEMPTS: int(5),
    // Email change (docs/design.md#change-email): the link to the new address, and the
    // "this wasn't me" link to the old one.
    EMAIL_CHANGE_TOKEN_TTL_SECONDS: int(24 * 3600),
    EMAIL_CHANGE_REVERT_TTL_SECONDS: int(7 * 24 * 3600),
    // Passwordless sign-in by email (docs/design.md#passwordless-sign-in-by-email): unset, it is on
    // outside production and off in production; the link and code live this long.
    AUTH_EMAIL_SIGN_IN: z
      .enum(["true", "false", "1", "0", ""])
      .optional()
      .transform((v) => (v === undefined || v === "" ? undefined : v === "true" || v === "1")),
    EMAIL_SIGN_IN_TTL_SECONDS: int(600),
    // The "secure my account" link of a new-device alert (docs/design.md#new-device-sign-in-alert).
    SECURE_ACCOUNT_TOKEN_TTL_SECONDS: int(7 * 24 * 3600),
    // How many proxies in front of the app append to X-Forwarded-For (docs/security.md#client-ip).
    TRUSTED_PROXY_HOPS: z
      .string()
      .regex(/^\d{1,2}$/, "must be a whole number of proxies, e.g. 1")
      .default("1")
      .transform(Number),
    CLIENT_IP_HEADER: z
      .string()
      .optional()
      .transform((v) => v?.trim().toLowerCase() || undefined)
      .refine((v) => v === undefined || /^[a-z0-9-]+$/.test(v), "must be a header name such as cf-connecting-ip")
      .refine((v) => v !== "x-forwarded-for", "X-Forwarded-For holds a list: set TRUSTED_PROXY_HOPS instead"),
    AUTH_ALLOW_DEFAULT_PROXY: bool,
    // Set by Vercel on its builds and functions; its edge writes X-Forwarded-For itself.
    VERCEL: z.string().optional(),
    UPSTASH_REDIS_REST_URL: z.url().optional(),
    UPSTASH_REDIS_REST_TOKEN: z.string().optional(),
    RATE_LIMIT_ENABLED: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
    AUTH_ALLOW_NO_RATE_LIMIT: bool,
    RATE_LIMIT_LOGIN: rate("10/60"),
    RATE_LIMIT_LOGIN_IP: rate("100/60"),
    RATE_LIMIT_REGISTER: rate("5/3600"),
    RATE_LIMIT_PASSWORD_RESET: rate("5/3600"),
    RATE_LIMIT_PASSWORD_RESET_CONFIRM: rate("10/3600"),
    RATE_LIMIT_PASSWORD_RESET_CONFIRM_IP: rate("50/3600"),
    RATE_LIMIT_VERIFY_RESEND: rate("5/3600"),
    RATE_LIMIT_REFRESH: rate("60/60"),
    RATE_LIMIT_PASSWORD_CHANGE: rate("10/60"),
    RATE_LIMIT_MFA: rate("5/300"),
    RATE_LIMIT_PASSKEY_OPTIONS: rate("120/60"),
    RATE_LIMIT_PASSKEY_MANAGE: rate("10/60"),
    RATE_LIMIT_INTROSPECT: rate("600/60"),
    RATE_LIMIT_EMAIL_SIGN_IN: rate("5/3600"),
    RATE_LIMIT_EMAIL_SIGN_IN_VERIFY: rate("10/600"),
    RATE_LIMIT_EMAIL_SIGN_IN_VERIFY_IP: rate("50/600"),
    // Retention (docs/security.md#data-retention): never-verified accounts and username reservations, audit events.
    UNVERIFIED_ACCOUNT_DAYS: int(7),
    AUDIT_RETENTION_DAYS: int(365),
    // Minutes between prunes on a long-running Node server; 0 turns that timer off.
    PRUNE_INTERVAL_MINUTES: int(60, 0),
    // npm run bench only: its yardstick route (app/bench/noop) answers, and every SQL statement is
    // appended to this file (Postgres driver) so statements per request are counted, not guessed.
    BENCH_ROUTES: bool,
    // The e2e suite only: /test/fault, a page that fails to render, so the error page (app/error.tsx)
    // is exercised in the production build; everywhere else it is a 404.
    TEST_ROUTES: bool,
    DB_STATEMENT_LOG: z.string().optional(),
    // libuv's thread pool, where argon2 hashes and verifies off the event loop; read by Node once,
    // before the server starts, so it is set in the environment of `npm start` (BENCHMARKS.md).
    UV_THREADPOOL_SIZE: z.coerce.number().int().min(1).optional(),
    // Bearer secret of GET /api/cron/prune (Vercel Cron sends it); without it the route answers 404.
    CRON_SECRET: z
      .string()
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => v === undefined || v.length >= 16, "must be at least 16 random characters"),
    // Social sign-in (docs/design.md#social-sign-in): a provider is offered only when both its id and secret are set.
    GITHUB_CLIENT_ID: optionalString(),
    GITHUB_CLIENT_SECRET: optionalString(),
    GOOGLE_CLIENT_ID: optionalString(),
    GOOGLE_CLIENT_SECRET: optionalString(),
    // Test and enterprise overrides of the providers' endpoints (a local stand-in provider, GitHub Enterprise).
    OAUTH_GITHUB_AUTHORIZE_URL: z.url().default("https://github.com/login/oauth/authorize"),
    OAUTH_GITHUB_TOKEN_URL: z.url().default("https://github.com/login/oauth/access_token"),
    OAUTH_GITHUB_API_URL: z.url().default("https://api.github.com"),
    OAUTH_GOOGLE_ISSUER: z.string().default("https://accounts.google.com"),
    OAUTH_GOOGLE_AUTHORIZE_URL: z.url().default("https://accounts.google.com/o/oauth2/v2/auth"),
    OAUTH_GOOGLE_TOKEN_URL: z.url().default("https://oauth2.googleapis.com/token"),
    OAUTH_GOOGLE_JWKS_URL: z.url().default("https://www.googleapis.com/oauth2/v3/certs"),
    // How long a started provider sign-in may take before its state cookie is refused.
    OAUTH_STATE_TTL_SECONDS: int(600),
    // Provider sign-ins started and finished per IP (each finish calls the provider).
    RATE_LIMIT_OAUTH: rate("30/60"),
    // Bearer secret of POST /api/auth/introspect for trusted backends; without it the route answers 404.
    AUTH_INTROSPECTION_SECRET: z
      .string()
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => v === undefined || v.length >= 32, "must be at least 32 random characters"),
  })
  .superRefine((e, ctx) => {
    // A browser refuses a relying-party id that is not the page's host or a parent domain of it.
    const host = URL.canParse(e.AUTH_URL) ? new URL(e.AUTH_URL).hostname : null;
    if (e.AUTH_RP_ID && host && host !== e.AUTH_RP_ID && !host.endsWith(`.${e.AUTH_RP_ID}`)) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_RP_ID"],
        message: `must be AUTH_URL's host (${host}) or a parent domain of it, got "${e.AUTH_RP_ID}"`,
      });
    }
  });

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** All configuration, validated once; nothing else reads process.env. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

export function isSecureUrl(): boolean {
  return env().AUTH_URL.startsWith("https://");
}

/**
 * The WebAuthn relying party: its id (a domain, AUTH_URL's host unless AUTH_RP_ID says a
 * parent of it), the name authenticators show, and the origins a passkey may answer from.
 */
export function relyingParty(): { id: string; name: string; origins: string[] } {
  const e = env();
  const url = new URL(e.AUTH_URL);
  const origins = e.AUTH_PASSKEY_ORIGINS.length > 0 ? e.AUTH_PASSKEY_ORIGINS : [url.origin];
  return { id: e.AUTH_RP_ID ?? url.hostname, name: e.AUTH_RP_NAME, origins };
}

/** Passwordless sign-in by email: AUTH_EMAIL_SIGN_IN when set, else on everywhere but production. */
export function emailSignInEnabled(): boolean {
  const e = env();
  return e.AUTH_EMAIL_SIGN_IN ?? e.NODE_ENV !== "production";
}

export function mailTransportName(): "resend" | "outbox" {
  return env().RESEND_API_KEY ? "resend" : "outbox";
}

/** The dev outbox and /dev/* pages exist outside production only: no setting turns them on there. */
export function devToolsEnabled(): boolean {
  return env().NODE_ENV !== "production" && mailTransportName() === "outbox";
}

/**
 * What makes this configuration unfit for production, each naming its setting and, where
 * one exists, its override flag. Empty outside production.
 */
export function productionProblems(): string[] {
  const e = env();
  if (e.NODE_ENV !== "production") return [];
  const problems: string[] = [];
  if (!process.env.AUTH_URL) problems.push("AUTH_URL is not set: set it to the public https:// URL of the app.");
  else if (!isSecureUrl() && !e.AUTH_ALLOW_HTTP) {
    problems.push(`AUTH_URL is ${e.AUTH_URL}: production needs https:// (override: AUTH_ALLOW_HTTP=true).`);
  }
  if (e.AUTH_SIGNING_KEY_GENERATED && !e.AUTH_ALLOW_GENERATED_KEY) {
    problems.push(
      "AUTH_SIGNING_KEY is the generated development key: set your own (override: AUTH_ALLOW_GENERATED_KEY=true).",
    );
  }
  if (e.AUTH_ENCRYPTION_KEY_GENERATED && !e.AUTH_ALLOW_GENERATED_KEY) {
    problems.push(
      "AUTH_ENCRYPTION_KEY is the generated development key: set your own (override: AUTH_ALLOW_GENERATED_KEY=true).",
    );
  }
  // No override: the dev outbox keeps links that sign people in, so it never runs in production.
  if (mailTransportName() === "outbox") {
    problems.push("RESEND_API_KEY is not set: production needs a mail provider; the dev outbox is development-only.");
  }
  const proxyConfigured = process.env.TRUSTED_PROXY_HOPS !== undefined || e.CLIENT_IP_HEADER !== undefined;
  if (!proxyConfigured && !e.VERCEL && !e.AUTH_ALLOW_DEFAULT_PROXY) {
    problems.push(
      "TRUSTED_PROXY_HOPS and CLIENT_IP_HEADER are not set: say how many proxies append to X-Forwarded-For (TRUSTED_PROXY_HOPS=1 for one nginx or load balancer) or which header carries the client IP (CLIENT_IP_HEADER=cf-connecting-ip) (override: AUTH_ALLOW_DEFAULT_PROXY=true).",
    );
  }
  if (!e.RATE_LIMIT_ENABLED && !e.AUTH_ALLOW_NO_RATE_LIMIT) {
    problems.push(
      "RATE_LIMIT_ENABLED is false: production keeps rate limits on (override: AUTH_ALLOW_NO_RATE_LIMIT=true).",
    );
  }
  return problems;
}
