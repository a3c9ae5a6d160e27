import { generateKeyPairSync, randomUUID } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";

// End-to-end tests run against the production build (`next build` + `next start`) on its
// own port and its own embedded database, which is wiped before the server starts.

const PORT = 3100;
const BASE_URL = `http://localhost:${PORT}`;
const CI = Boolean(process.env.CI);

// A fresh ES256 signing key per run, so neither CI nor a local run depends on .env.local.
function e2eSigningKey(): string {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return JSON.stringify({ ...privateKey.export({ format: "jwk" }), kid: `e2e-${randomUUID()}`, alg: "ES256", use: "sig" });
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
  // argon2id hashing (19 MiB) on a 2-core machine makes each register/login take a moment.
  timeout: 90_000,
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
          executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
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
  webServer: {
    command: "node e2e/support/wipe-data.mjs && npm run build && npm start",
    url: `${BASE_URL}/login`,
    reuseExistingServer: !CI,
    timeout: 300_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: {
      PORT: String(PORT),
      AUTH_URL: BASE_URL,
      PGLITE_DATA_DIR: ".data/e2e-pglite",
      // The production build refuses plain http and the dev outbox unless told otherwise.
      AUTH_ALLOW_HTTP: "true",
      AUTH_ALLOW_DEV_OUTBOX: "true",
      AUTH_SIGNING_KEY: e2eSigningKey(),
      // Override what a developer's .env.local may say: this key is set explicitly, mail
      // goes to the dev outbox and data to the embedded database.
      AUTH_SIGNING_KEY_GENERATED: "false",
      AUTH_ALLOW_GENERATED_KEY: "false",
      AUTH_PREVIOUS_PUBLIC_KEYS: "",
      DATABASE_URL: "",
      RESEND_API_KEY: "",
      AUTH_TRUSTED_ORIGINS: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
