import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { verificationLinkFor } from "./mail";

export const SCREENSHOT_DIR = fileURLToPath(new URL("../screenshots/", import.meta.url));
const WIDTHS = [1280, 375] as const;

export interface TestUser {
  username: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}

/** A user nobody has registered yet: unique per run and per call. */
export function uniqueUser(label: string): TestUser {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return {
    username: `${label}_${stamp}`,
    email: `${label}.${stamp}@astroworld.localhost`,
    // Long, uncommon and unlike the username, email or names (password policy).
    password: "quartz Harbor lantern 71",
    firstName: "Travis",
    lastName: "Scott",
  };
}

/** Pages (path and kinds of message shown) axe has checked at every width and scheme in this run (workers: 1). */
const checkedInFull = new Set<string>();

/** The path, and which kinds of message (success, error, field error) the page shows: each has colours of its own. */
async function lookOf(page: Page): Promise<string> {
  const kinds = await page
    .locator(".alert, .field-error:not(:empty)")
    .evaluateAll((nodes) => [...new Set(nodes.map((n) => n.className))].sort().join(","));
  return `${new URL(page.url()).pathname} ${kinds}`;
}

/**
 * Axe on the current page (all rules, serious and critical fail, contrast included), and no
 * horizontal overflow, at 1280 and 375 px in the light and dark schemes; then, unless CI is
 * set without E2E_SCREENSHOTS=1, a full-page screenshot of each into
 * e2e/screenshots/<name>[-dark]-<width>.png for people to look at.
 *
 * Axe costs about half a second a run (ten on /docs/api), so it runs where it can find
 * something new: the first time a page is audited with a given set of message kinds, at 1280
 * and 375 px in light and at 1280 in dark (colours do not change with the width); for a later
 * state showing no new kind of message, at 1280 in light, which checks what the state added.
 */
export async function auditPage(page: Page, name: string): Promise<void> {
  const look = await lookOf(page);
  const inFull = !checkedInFull.has(look);
  const original = page.viewportSize() ?? { width: 1280, height: 800 };
  // Next.js streams metadata: after a client-side navigation the <title> can land a moment
  // after the content, so wait for it rather than let axe race it (document-title).
  await expect(page).toHaveTitle(/ASTROWORLD/);
  try {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of WIDTHS) {
        const axe =
          (scheme === "light" && width === WIDTHS[0]) || (inFull && (scheme === "light" || width === WIDTHS[0]));
        await auditAt(page, `${name}${scheme === "dark" ? "-dark" : ""}`, width, axe);
      }
    }
    checkedInFull.add(look);
  } finally {
    await page.emulateMedia({ colorScheme: null });
    await page.setViewportSize(original);
  }
}

const SCREENSHOTS = !process.env.CI || process.env.E2E_SCREENSHOTS === "1";

async function auditAt(page: Page, name: string, width: number, axe: boolean): Promise<void> {
  await page.setViewportSize({ width, height: width === 375 ? 812 : 800 });
  const violations = axe ? (await new AxeBuilder({ page }).analyze()).violations : [];
  const blocking = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
    }));
  expect(blocking, `axe: serious/critical violations on ${name} at ${width}px`).toEqual([]);
  // Nothing may push the page sideways (long emails and links must wrap).
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `horizontal overflow on ${name} at ${width}px`).toBeLessThanOrEqual(0);
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true, animations: "disabled" });
}

/** Registers through the API (the browser flow is covered in its own test). */
export async function registerViaApi(request: APIRequestContext, user: TestUser): Promise<void> {
  const response = await request.post("/api/auth/register", {
    data: {
      username: user.username,
      email: user.email,
      password: user.password,
      password2: user.password,
      first_name: user.firstName,
      last_name: user.lastName,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
}

/** Registers and verifies a user, leaving the browser signed out. */
export async function verifiedUser(page: Page, label: string): Promise<TestUser> {
  const user = uniqueUser(label);
  await registerViaApi(page.request, user);
  const link = await verificationLinkFor(user.email);
  await page.goto(link);
  await expect(
    page
      .getByRole("main")
      .getByRole("status")
      .filter({ hasText: /verified/i }),
  ).toBeVisible();
  return user;
}

export async function fillLogin(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel("Username or email", { exact: true }).fill(login);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}
