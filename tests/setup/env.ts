import { exportJWK, generateKeyPair } from "jose";

// Runs before each test file imports the app, whose lib/env.ts reads process.env once.
// Everything lib/env.ts reads that could leak in from a developer's shell is reset to the
// embedded defaults: PGlite, dev outbox, Postgres rate limits.
const configuration =
  /^(AUTH_|RATE_LIMIT_|UPSTASH_|RESEND_|ARGON2_|PGLITE_|MAIL_|DATABASE_|TRUSTED_PROXY_HOPS$|CLIENT_IP_HEADER$|VERCEL$|PASSWORD_MIN_LENGTH$|SESSION_MAX_AGE_SECONDS$|REFRESH_REUSE_GRACE_SECONDS$|UNVERIFIED_ACCOUNT_DAYS$|AUDIT_RETENTION_DAYS$|PRUNE_INTERVAL_MINUTES$|CRON_SECRET$|GITHUB_CLIENT_|GOOGLE_CLIENT_|OAUTH_|\w+_TTL_SECONDS$)/;
for (const name of Object.keys(process.env)) {
  if (configuration.test(name)) delete process.env[name];
}

const { privateKey } = await generateKeyPair("ES256", { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), alg: "ES256", use: "sig", kid: `test-${crypto.randomUUID()}` };

Object.assign(process.env, {
  NODE_ENV: "test",
  AUTH_URL: "http://localhost:3000",
  AUTH_SIGNING_KEY: JSON.stringify(jwk),
  // Encrypts TOTP secrets (lib/auth/secret-box.ts).
  AUTH_ENCRYPTION_KEY: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url"),
  // Cheap hashes keep the suite fast; production defaults are tested by parameter, not by cost.
  ARGON2_MEMORY_KIB: "1024",
  ARGON2_TIME_COST: "1",
});
