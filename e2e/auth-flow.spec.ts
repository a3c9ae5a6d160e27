import { expect, test, type Page } from "@playwright/test";
import { auditPage, fillLogin, registerViaApi, uniqueUser, verifiedUser } from "./support/helpers";
import { verificationLinkFor } from "./support/mail";
import { BAD_CREDENTIALS } from "./support/flows";

// Browser flows against the production build (see playwright.config.ts). Every test makes
// its own user, so tests do not depend on one another or on earlier runs.

/** The page's own content: Next.js adds a route announcer (role=alert) outside <main>. */
function main(page: Page) {
  return page.getByRole("main");
}

function expectLoginRedirect(page: Page, next: string) {
  const url = new URL(page.url());
  expect(url.pathname).toBe("/login");
  expect(url.searchParams.get("next")).toBe(next);
}

test("register, verify by email, log in, see the account, log out", async ({ page }) => {
  const user = uniqueUser("flow");

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await auditPage(page, "home");

  // Register with the labelled fields.
  await page.goto("/register");
  await expect(page.getByRole("heading", { level: 1, name: "Create your account" })).toBeVisible();
  await auditPage(page, "register");
  await page.getByLabel("First name", { exact: true }).fill(user.firstName);
  await page.getByLabel("Last name", { exact: true }).fill(user.lastName);
  await page.getByLabel("Username", { exact: true }).fill(user.username);
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByLabel("Confirm password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();

  // Check-your-inbox page names the address.
  await expect(page).toHaveURL(/\/verify-email\/sent\?/);
  expect(new URL(page.url()).searchParams.get("email")).toBe(user.email);
  await expect(page.getByRole("heading", { level: 1, name: "Check your inbox" })).toBeVisible();
  await expect(page.getByText(user.email, { exact: true })).toBeVisible();
  await auditPage(page, "verify-email-sent");

  // The mail (sent through the Resend client to the e2e stand-in) carries the link;
  // following it verifies the address.
  const link = await verificationLinkFor(user.email);
  await page.goto(link);
  await expect(main(page).getByRole("status").filter({ hasText: "Your email address is verified" })).toBeVisible();
  await auditPage(page, "verify-email-success");

  // Following the same link again says the address is already verified (not an error) and offers log in.
  await page.reload();
  await expect(main(page).getByRole("status")).toHaveText("This address is already verified. You can log in.");
  await auditPage(page, "verify-email-used");
  await main(page).getByRole("link", { name: "Log in" }).click();

  // Log in.
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1, name: "Welcome back" })).toBeVisible();
  await auditPage(page, "login");
  await fillLogin(page, user.username, user.password);

  // The account page shows who is signed in.
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-username")).toHaveText(user.username);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${user.firstName} ${user.lastName}`);
  await expect(main(page).getByText(user.email).first()).toBeVisible();
  await expect(main(page).getByText("Verified", { exact: true })).toBeVisible();
  await auditPage(page, "account");

  // Log out, then the account page sends us to log in again.
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole("heading", { level: 1, name: "Welcome back" })).toBeVisible();
  const cookies = await page.context().cookies();
  expect(cookies.filter((c) => c.name.includes("aw_access") || c.name.includes("aw_refresh"))).toEqual([]);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
  expectLoginRedirect(page, "/account");
});

test("a signed-out visit to /account goes to log in and comes back after it", async ({ page }) => {
  const user = await verifiedUser(page, "next");
  await page.context().clearCookies();

  await page.goto("/account");
  expectLoginRedirect(page, "/account");
  await auditPage(page, "login-next-account");
  // Log in with the email this time (either works).
  await fillLogin(page, user.email, user.password);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-username")).toHaveText(user.username);
});

test("a revoked session's access cookie no longer shows the account", async ({ page }) => {
  const user = await verifiedUser(page, "revoked");
  await page.goto("/login");
  await fillLogin(page, user.username, user.password);
  await expect(page).toHaveURL(/\/account$/);
  const before = await page.context().cookies();

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole("heading", { level: 1, name: "Welcome back" })).toBeVisible();

  // Put the (still signature-valid) access cookie back: middleware lets it through, but the
  // page checks the session, which logout revoked.
  await page.context().addCookies(before.filter((c) => c.name.endsWith("aw_access")));
  await page.goto("/account");
  expectLoginRedirect(page, "/account");
});

test("a wrong password shows an error and keeps the person on log in", async ({ page }) => {
  const user = await verifiedUser(page, "wrongpw");
  await page.goto("/login");
  await fillLogin(page, user.username, "not the right password");
  await expect(main(page).getByRole("alert")).toHaveText(BAD_CREDENTIALS);
  await expect(page).toHaveURL(/\/login$/);
  await auditPage(page, "login-wrong-password");

  // An unknown user gets exactly the same answer (no enumeration).
  await fillLogin(page, `nobody_${Date.now()}`, "not the right password");
  await expect(main(page).getByRole("alert")).toHaveText(BAD_CREDENTIALS);
});

test("logging in before verifying answers like a wrong password, and offers a new link", async ({ page }) => {
  const user = uniqueUser("unverified");
  await registerViaApi(page.request, user);

  await page.goto("/login");
  await fillLogin(page, user.username, user.password);
  await expect(main(page).getByRole("alert")).toHaveText(BAD_CREDENTIALS);
  await expect(page.getByRole("link", { name: /send the verification link again/i })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await auditPage(page, "login-unverified");
});

test("mismatched passwords show an error beside the confirm field", async ({ page }) => {
  const user = uniqueUser("mismatch");
  await page.goto("/register");
  await page.getByLabel("Username", { exact: true }).fill(user.username);
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByLabel("Confirm password", { exact: true }).fill(`${user.password} typo`);
  await page.getByRole("button", { name: "Create account" }).click();

  const confirm = page.getByLabel("Confirm password", { exact: true });
  await expect(confirm).toHaveAttribute("aria-invalid", "true");
  await expect(confirm).toHaveAccessibleDescription(/the two passwords do not match/i);
  await expect(page.getByLabel("Password", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/register$/);
  await auditPage(page, "register-password-mismatch");
});

test("an incomplete verification link explains what to do", async ({ page }) => {
  await page.goto("/verify-email");
  await expect(main(page).getByRole("alert")).toHaveText(/incomplete/i);
  await expect(page.getByRole("link", { name: "Send a new link" })).toBeVisible();
  await auditPage(page, "verify-email-incomplete");
});
