import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { MAIL_STANDIN } from "./e2e/support/mail-standin-config";
import { OAUTH_STANDIN_ENV, OAUTH_STANDIN_URL } from "./e2e/support/oauth-standin-config";
import { SHORT_ACCESS_TTL_SECONDS, SHORT_TTL_PORT } from "./e2e/support/short-ttl-server";
import { SPA_ORIGIN, SPA_PORT } from "./e2e/support/spa-config";

// End-to-end tests run against the production build (`next build` + `next start`) on its
// own port and its own embedded database, which is wiped before the server starts. A second
// server of the same build (short-lived access tokens) and a local mail stand-in run beside it.

const PORT = 3100;
const DEBIAN_CHROMIUM = "/usr/bin/chromium";
const BASE_URL = `http://localhost:${PORT}`;
const CI = Boolean(process.env.CI);

// A fresh ES256 signing key per run, so neither CI nor a local run depends on .env.local.
function e2eSigningKey(): string {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return JSON.stringify({
    ...privateKey.export({ format: "jwk" }),
    kid: `e2e-${randomUUID()}`,
    alg: "ES256",
    use: "sig",
  });
}

const SIGNING_KEY = e2eSigningKey();
const ENCRYPTION_KEY = randomBytes(32).toString("base64url");

/** `next start` of the production build on `port`, with its own embedded database and real mail settings. */
function appServer(opts: { command: string; port: number; dataDir: string; env?: Record<string, string> }) {
  const url = `http://localhost:${opts.port}`;
  return {
    command: opts.command,
    url: `${url}/login`,
    reuseExistingServer: !CI,
    timeout: 300_000,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 5_000 },
    env: {
      PORT: String(opts.port),
      AUTH_URL: url,
      PGLITE_DATA_DIR: opts.dataDir,
      // The production build refuses plain http unless told otherwise.
      AUTH_ALLOW_HTTP: "true",
      TRUSTED_PROXY_HOPS: "1",
      // Mail goes through the real Resend client to the local stand-in: production has no
      // dev outbox, and the specs read mail from the stand-in, not from the app.
      RESEND_API_KEY: MAIL_STANDIN.apiKey,
      RESEND_BASE_URL: MAIL_STANDIN.url,
      AUTH_SIGNING_KEY: SIGNING_KEY,
      // Override what a developer's .env.local may say: this key is set explicitly and data
      // goes to the embedded database.
      AUTH_SIGNING_KEY_GENERATED: "false",
      AUTH_ALLOW_GENERATED_KEY: "false",
      AUTH_PREVIOUS_PUBLIC_KEYS: "",
      // TOTP secrets are encrypted with it (lib/auth/secret-box.ts); one per run, set explicitly.
      AUTH_ENCRYPTION_KEY: ENCRYPTION_KEY,
      AUTH_ENCRYPTION_KEY_GENERATED: "false",
      DATABASE_URL: "",
      // The example SPA calls both servers from its own origin (e2e/spa.spec.ts).
      AUTH_TRUSTED_ORIGINS: SPA_ORIGIN,
      NEXT_TELEMETRY_DISABLED: "1",
      ...opts.env,
    },
  };
}

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  reporter: "list",
  // argon2id hashing (19 MiB) on a 2-core machine makes each register/login take a moment, and
  // a walk through several audited pages on a loaded machine takes minutes: only a hang fails.
  timeout: 150_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: BASE_URL,
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "en-US",
    timezoneId: "UTC",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          // CHROMIUM_PATH, then Debian's, then Playwright's own (undefined); `npm run test:e2e`
          // first makes sure one exists (scripts/ensure-browser.mjs).
          executablePath: process.env.CHROMIUM_PATH || (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      // The mail sink: a local stand-in of Resend's API that both app servers send to and the
      // specs read from (e2e/support/mail.ts). Unauthenticated GET /emails answers 401: ready.
      command: "npx tsx e2e/support/mail-standin.ts",
      url: `${MAIL_STANDIN.url}/emails`,
      reuseExistingServer: !CI,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // A local GitHub and Google (OAuth 2.0 / OpenID Connect) for e2e/oauth.spec.ts; the first
      // app server's provider settings point at it (tests/support/oauth-provider.ts).
      command: "npx tsx e2e/support/oauth-standin.ts",
      url: OAUTH_STANDIN_URL,
      reuseExistingServer: !CI,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // The example SPA on another origin, built with the root's Vite (no install of its own).
      command: `npx vite build examples/spa && npx vite preview examples/spa --port ${SPA_PORT} --strictPort`,
      url: SPA_ORIGIN,
      reuseExistingServer: !CI,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    appServer({
      command: "node e2e/support/wipe-data.mjs && npm run build && npm start",
      port: PORT,
      dataDir: ".data/e2e-pglite",
      // /test/fault, a page that throws, so the error page is tested in this build (status-pages.spec.ts).
      // The providers of e2e/oauth.spec.ts: the local OAuth stand-in.
      // Passwordless sign-in is off in production unless set (e2e/passwordless.spec.ts); the short-TTL server leaves it off.
      env: { TEST_ROUTES: "true", AUTH_EMAIL_SIGN_IN: "true", ...OAUTH_STANDIN_ENV },
    }),
    // The same build again with 2-second access tokens, for pages left open past their
    // lifetime (e2e/expired-access.spec.ts). Starts after the first entry, so the build exists.
    appServer({
      command: "node e2e/support/wipe-data.mjs && npm start",
      port: SHORT_TTL_PORT,
      dataDir: ".data/e2e-pglite-short-ttl",
      env: { ACCESS_TOKEN_TTL_SECONDS: String(SHORT_ACCESS_TTL_SECONDS) },
    }),
  ],
});
