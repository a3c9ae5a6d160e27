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

/**
 * Axe on the current page (all rules) at both widths in the light colour scheme and at 1280 px
 * in the dark one (colours do not change with the width), then a full-page screenshot at each
 * width and scheme into e2e/screenshots/<name>-<width>.png and <name>-dark-<width>.png. Fails
 * on serious or critical violations (contrast included) and on horizontal overflow.
 */
export async function auditPage(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize() ?? { width: 1280, height: 800 };
  // Next.js streams metadata: after a client-side navigation the <title> can land a moment
  // after the content, so wait for it rather than let axe race it (document-title).
  await expect(page).toHaveTitle(/ASTROWORLD/);
  try {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of WIDTHS) {
        // Colours do not change with the width: the dark scheme's contrast is checked at the
        // first width; every width and scheme is still screenshot and checked for overflow.
        const axe = scheme === "light" || width === WIDTHS[0];
        await auditAt(page, `${name}${scheme === "dark" ? "-dark" : ""}`, width, axe);
      }
    }
  } finally {
    await page.emulateMedia({ colorScheme: null });
    await page.setViewportSize(original);
  }
}

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
