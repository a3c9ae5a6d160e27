import { expect, type Page } from "@playwright/test";
import { fillLogin, type TestUser } from "./helpers";

// Shared steps for the account, password-reset, redirect, keyboard and mobile specs.

/** The answer for "maybe we mailed you" (lib/http/maybe-mailed.ts), the same for every address. */
export const MAYBE_MAILED = "If an account exists for that address, we have sent it an email. Check your inbox.";
export const BAD_CREDENTIALS =
  "That username or password isn't right. Just signed up? Confirm your email first: we have sent you a new link.";
export const COMMON_PASSWORD = "This password is too common. Choose one that is harder to guess.";

/** The page's own content: Next.js adds a route announcer (role=alert) outside <main>. */
export function main(page: Page) {
  return page.getByRole("main");
}

/** Logs in through the form at /login and waits for the default landing page. */
export async function logInViaForm(
  page: Page,
  user: Pick<TestUser, "username">,
  password: string,
  landing: RegExp = /\/account$/,
): Promise<void> {
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: "Welcome back" })).toBeVisible();
  await fillLogin(page, user.username, password);
  await expect(page).toHaveURL(landing);
}

/** Tries to log in and expects the generic credentials error (used for old passwords). */
export async function expectLoginRejected(page: Page, login: string, password: string): Promise<void> {
  await page.goto("/login");
  await fillLogin(page, login, password);
  await expect(main(page).getByRole("alert")).toHaveText(BAD_CREDENTIALS);
  await expect(page).toHaveURL(/\/login$/);
}

/** The signed-out redirect: /login with `next` set to the page asked for. */
export function expectLoginRedirect(page: Page, next: string): void {
  const url = new URL(page.url());
  expect(url.pathname).toBe("/login");
  expect(url.searchParams.get("next")).toBe(next);
}
