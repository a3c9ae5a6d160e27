// Run before Playwright (npm's pretest:e2e): makes sure there is a Chromium for the e2e tests,
// in the order playwright.config.ts looks for one: CHROMIUM_PATH, Debian's /usr/bin/chromium,
// then Playwright's own. With none, it gets one: Playwright's download where it works, Debian's
// package when running as root on Debian. Otherwise it stops with one sentence saying what to
// install.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** True when `path` is a browser that starts (a missing library fails here, not mid-test). */
function runs(path) {
  if (!path || !existsSync(path)) return false;
  try {
    execFileSync(path, ["--version"], { stdio: "pipe", timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

async function playwrightsOwn() {
  try {
    const { chromium } = await import("@playwright/test");
    return chromium.executablePath();
  } catch {
    return null;
  }
}

function attempt(label, command, args, env = {}) {
  console.log(`[ensure-browser] ${label}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env }, timeout: 15 * 60_000 });
  return result.status === 0;
}

function stop(sentence) {
  console.error(`\n[ensure-browser] ${sentence}\n`);
  process.exit(1);
}

const configured = process.env.CHROMIUM_PATH;
if (configured) {
  if (runs(configured)) process.exit(0);
  stop(`CHROMIUM_PATH is ${configured}, which does not start: point it at a Chromium or Chrome binary, or unset it.`);
}
if (runs(DEBIAN_CHROMIUM) || runs(await playwrightsOwn())) process.exit(0);

console.log("[ensure-browser] No Chromium for the e2e tests (CHROMIUM_PATH, /usr/bin/chromium, Playwright's own).");
if (
  attempt("downloading Playwright's Chromium", "npx", ["playwright", "install", "chromium"]) &&
  runs(await playwrightsOwn())
)
  process.exit(0);

const rootOnDebian = process.getuid?.() === 0 && existsSync("/etc/debian_version");
if (rootOnDebian) {
  const apt = { DEBIAN_FRONTEND: "noninteractive" };
  if (
    attempt("installing Debian's chromium", "apt-get", ["update"], apt) &&
    attempt("installing Debian's chromium", "apt-get", ["install", "-y", "--no-install-recommends", "chromium"], apt) &&
    runs(DEBIAN_CHROMIUM)
  )
    process.exit(0);
}

stop(
  "The e2e tests need Chromium and none could be installed here: install it (Debian or Ubuntu: `sudo apt-get install chromium`; elsewhere, with internet access: `npx playwright install --with-deps chromium`) or set CHROMIUM_PATH to a Chrome or Chromium binary.",
);
