import { exportJWK, generateKeyPair } from "jose";

// Runs before each test file imports the app, whose lib/env.ts reads process.env once.
// Everything that could leak in from a developer's shell is reset to the embedded defaults.

for (const name of [
  "DATABASE_URL",
  "RESEND_API_KEY",
  "RESEND_BASE_URL",
  "AUTH_PREVIOUS_PUBLIC_KEYS",
  "AUTH_SIGNING_KEY_GENERATED",
  "AUTH_TRUSTED_ORIGINS",
  "AUTH_ALLOW_DEV_OUTBOX",
  "TRUST_PROXY",
  "ACCESS_TOKEN_TTL_SECONDS",
  "REFRESH_TOKEN_TTL_SECONDS",
  "SESSION_MAX_AGE_SECONDS",
  "REFRESH_REUSE_GRACE_SECONDS",
  "VERIFY_TOKEN_TTL_SECONDS",
  "RESET_TOKEN_TTL_SECONDS",
  "ARGON2_PARALLELISM",
  "PASSWORD_MIN_LENGTH",
]) {
  delete process.env[name];
}

const { privateKey } = await generateKeyPair("ES256", { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), alg: "ES256", use: "sig", kid: `test-${crypto.randomUUID()}` };

Object.assign(process.env, {
  NODE_ENV: "test",
  AUTH_URL: "http://localhost:3000",
  AUTH_SIGNING_KEY: JSON.stringify(jwk),
  // Cheap hashes keep the suite fast; production defaults are tested by parameter, not by cost.
  ARGON2_MEMORY_KIB: "1024",
  ARGON2_TIME_COST: "1",
});
