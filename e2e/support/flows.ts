import { expect, type Page } from "@playwright/test";
import { fillLogin, type TestUser } from "./helpers";

// Shared steps for the account, password-reset, redirect, keyboard and mobile specs.

export const SUBJECTS = {
  verify: "Verify your email for ASTROWORLD",
  reset: "Reset your ASTROWORLD password",
} as const;

/** The answer for "maybe we mailed you" (lib/http/maybe-mailed.ts), the same for every address. */
export const MAYBE_MAILED = "If an account exists for that address, we have sent it an email. Check your inbox.";
export const BAD_CREDENTIALS = "Unable to log in with the provided credentials.";
export const COMMON_PASSWORD = "This password is too common. Choose one that is harder to guess.";

/** The page's own content: Next.js adds a route announcer (role=alert) outside <main>. */
export function main(page: Page) {
  return page.getByRole("main");
}

/**
 * The links to `path` in the mails to `to` with `subject`, newest mail first, once exactly
 * `count` such mails are in /dev/mailbox. Mail is sent after the HTTP response, so this
 * reloads the mailbox until they are there.
 */
export async function mailedLinks(page: Page, opts: { to: string; subject: string; path: string; count?: number }): Promise<string[]> {
  const count = opts.count ?? 1;
  const mails = page
    .getByTestId("mail")
    .filter({ has: page.getByTestId("mail-to").getByText(opts.to, { exact: true }) })
    .filter({ has: page.getByRole("heading", { level: 2, name: opts.subject, exact: true }) });
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(page.getByRole("heading", { level: 1, name: "Dev mailbox" })).toBeVisible();
    await expect(mails).toHaveCount(count, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const links: string[] = [];
  for (const mail of await mails.all()) {
    const hrefs = await mail.getByTestId("mail-link").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    const link = hrefs.find((href) => new URL(href).pathname === opts.path);
    expect(link, `a ${opts.path} link in "${opts.subject}" to ${opts.to}: ${hrefs.join(", ")}`).toBeTruthy();
    const url = new URL(link!);
    expect(url.searchParams.get("uid")).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(url.searchParams.get("token")).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    links.push(link!);
  }
  return links;
}

/** Logs in through the form at /login and waits for the default landing page. */
export async function logInViaForm(page: Page, user: Pick<TestUser, "username">, password: string, landing: RegExp = /\/account$/): Promise<void> {
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
