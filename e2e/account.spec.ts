import { expect, test, type Page } from "@playwright/test";
import { auditPage, registerViaApi, uniqueUser, verifiedUser } from "./support/helpers";
import { COMMON_PASSWORD, expectLoginRedirect, expectLoginRejected, logInViaForm, main } from "./support/flows";

// The signed-in side: dashboard, profile, password change and sessions. Each test makes its
// own users, so they do not depend on one another.

const FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

function profileForm(page: Page) {
  return page.getByRole("form", { name: "Profile" });
}

function passwordForm(page: Page) {
  return page.getByRole("form", { name: "Change password" });
}

async function fillPasswordChange(page: Page, current: string, next: string, confirm = next): Promise<void> {
  const form = passwordForm(page);
  await form.getByLabel("Current password", { exact: true }).fill(current);
  await form.getByLabel("New password", { exact: true }).fill(next);
  await form.getByLabel("Confirm new password", { exact: true }).fill(confirm);
  await form.getByRole("button", { name: "Change password" }).click();
}

test("the dashboard shows who is signed in", async ({ page }) => {
  const user = await verifiedUser(page, "dash");
  await logInViaForm(page, user, user.password);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Mission control" })).toBeVisible();
  await expect(page.getByTestId("dashboard-username")).toHaveText(user.username);
  await auditPage(page, "dashboard");

  await main(page).getByRole("link", { name: "Manage your account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-username")).toHaveText(user.username);
});

test("the account page lists its sections at the top, each link reaching its heading", async ({ page }) => {
  const user = await verifiedUser(page, "sections");
  await logInViaForm(page, user, user.password);
  await page.goto("/account");
  const links = page.getByRole("navigation", { name: "Sections of this page" }).getByRole("link");
  const targets = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href") ?? ""));
  // This server has GitHub and Google set up, so Connected accounts is among them.
  expect(targets).toContain("#connected-title");
  expect(targets.length).toBe(9);
  for (const target of targets) await expect(page.locator(target)).toHaveCount(1);
  await links.filter({ hasText: "Sessions" }).click();
  await expect(page).toHaveURL(/#sessions-title$/);
  await expect(page.locator("#sessions-title")).toBeInViewport();
});

test("editing the profile: a taken username is flagged beside the field, then everything saves", async ({
  page,
  baseURL,
}) => {
  const other = uniqueUser("taken");
  await registerViaApi(page.request, other);
  const user = await verifiedUser(page, "profile");
  await logInViaForm(page, user, user.password);

  const form = profileForm(page);
  await expect(form.getByLabel("Username", { exact: true })).toHaveValue(user.username);
  await form.getByLabel("First name", { exact: true }).fill("Astro");
  await form.getByLabel("Last name", { exact: true }).fill("Nova");
  // Usernames are unique regardless of case.
  await form.getByLabel("Username", { exact: true }).fill(other.username.toUpperCase());
  await form.getByLabel("Profile picture URL", { exact: true }).fill(`${baseURL}/icon.svg`);
  await form.getByLabel("Bio", { exact: true }).fill("Rides the rollercoaster at midnight.");
  await form.getByRole("button", { name: "Save profile" }).click();

  // The server's field error sits beside the username field, not in the form banner.
  const username = form.getByLabel("Username", { exact: true });
  await expect(username).toHaveAttribute("aria-invalid", "true");
  await expect(username).toHaveAccessibleDescription("That username is taken.");
  await expect(form.getByRole("alert")).toHaveText("");
  await expect(form.getByRole("status")).toHaveText("");
  await expect(page.getByTestId("account-username")).toHaveText(user.username);
  await auditPage(page, "account-profile-username-taken");

  // A free username: the whole profile saves and the page, header and avatar follow it.
  const renamed = `${user.username}_x`;
  await username.fill(renamed);
  await form.getByRole("button", { name: "Save profile" }).click();
  await expect(form.getByRole("status")).toHaveText("Profile saved.");
  await expect(username).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("account-username")).toHaveText(renamed);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Astro Nova");
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: `Account (${renamed})` }),
  ).toHaveText(renamed);
  const avatar = page.locator("img.avatar");
  await expect(avatar).toHaveAttribute("src", `${baseURL}/icon.svg`);
  await expect(avatar).toBeVisible();
  await expect
    .poll(() => avatar.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)))
    .toBeGreaterThan(0);

  // It was stored, not just shown: a fresh load has the same values.
  await page.reload();
  await expect(form.getByLabel("Username", { exact: true })).toHaveValue(renamed);
  await expect(form.getByLabel("Bio", { exact: true })).toHaveValue("Rides the rollercoaster at midnight.");
  await expect(
    main(page).getByRole("list", { name: "Recent security activity" }).getByText("Profile updated"),
  ).toBeVisible();
  await auditPage(page, "account-profile-saved");

  // The new username logs in; the old one is gone.
  await page.context().clearCookies();
  await logInViaForm(page, { username: renamed }, user.password);
  await page.context().clearCookies();
  await expectLoginRejected(page, user.username, user.password);
});

test("changing the password: wrong current password, a common password, then success", async ({ page }) => {
  const user = await verifiedUser(page, "pwchange");
  const newPassword = "nebula Canyon ferry 42";
  await logInViaForm(page, user, user.password);
  const form = passwordForm(page);

  // A wrong current password is flagged on that field.
  await fillPasswordChange(page, "not my password at all", newPassword);
  const current = form.getByLabel("Current password", { exact: true });
  await expect(current).toHaveAttribute("aria-invalid", "true");
  await expect(current).toHaveAccessibleDescription("Your current password is incorrect.");
  await expect(form.getByRole("alert")).toHaveText("");
  await auditPage(page, "account-password-wrong-current");

  // A common password passes the browser's checks; the server's policy rejects it.
  await fillPasswordChange(page, user.password, "password123");
  const next = form.getByLabel("New password", { exact: true });
  await expect(next).toHaveAttribute("aria-invalid", "true");
  await expect(next).toHaveAccessibleDescription(new RegExp(COMMON_PASSWORD.replace(/[.]/g, "\\.")));
  await expect(current).not.toHaveAttribute("aria-invalid", "true");
  await auditPage(page, "account-password-common");

  await fillPasswordChange(page, user.password, newPassword);
  await expect(form.getByRole("status")).toHaveText("Your password has been changed. Other devices were signed out.");
  await expect(current).toHaveValue("");
  await expect(next).toHaveValue("");
  // This device stays signed in.
  await expect(page).toHaveURL(/\/account$/);
  await expect(
    main(page).getByRole("list", { name: "Recent security activity" }).getByText("Password changed"),
  ).toBeVisible();
  await auditPage(page, "account-password-changed");

  // Only the new password logs in from now on.
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login\?signed_out=here$/);
  await expect(main(page).getByRole("status")).toHaveText("You are logged out.");
  await expectLoginRejected(page, user.username, user.password);
  await logInViaForm(page, user, newPassword);
  await expect(page.getByTestId("account-username")).toHaveText(user.username);
});

test("sessions: sign out one other device, then sign out everywhere", async ({ page, browser, baseURL }) => {
  const user = await verifiedUser(page, "sessions");
  await logInViaForm(page, user, user.password);

  // A second device: its own browser context (own cookies) with another user agent.
  const laptop = await browser.newContext({ baseURL, userAgent: FIREFOX_ON_LINUX, locale: "en-US", timezoneId: "UTC" });
  try {
    const other = await laptop.newPage();
    await logInViaForm(other, user, user.password);

    await page.reload();
    const sessions = main(page).getByRole("list", { name: "Active sessions" }).getByTestId("session");
    await expect(sessions).toHaveCount(2);
    const here = sessions.filter({ hasText: "This device" });
    const there = sessions.filter({ hasText: "Firefox on Linux" });
    await expect(here).toHaveCount(1);
    await expect(sessions.first()).toContainText("This device");
    await expect(here.getByRole("button", { name: /^Sign out/ })).toHaveCount(0);
    await expect(there).not.toContainText("This device");
    await auditPage(page, "account-sessions");

    await there.getByRole("button", { name: /^Sign out Firefox on Linux, signed in / }).click();
    await expect(sessions).toHaveCount(1);
    await expect(main(page).getByRole("status").filter({ hasText: /\S/ })).toHaveText(
      "Firefox on Linux is signed out.",
    );
    await expect(sessions).toContainText("This device");
    await expect(
      main(page).getByRole("list", { name: "Recent security activity" }).getByText("A device was signed out"),
    ).toBeVisible();

    // The other device's access token is still signature-valid, but its session is gone:
    // neither the API nor the pages accept it.
    const api = await other.request.get("/api/auth/user");
    expect(api.status()).toBe(401);
    await other.goto("/account");
    expectLoginRedirect(other, "/account");
    // And this one is untouched.
    await page.reload();
    await expect(page.getByTestId("account-username")).toHaveText(user.username);

    // Sign the laptop in again, then end every session from here.
    await logInViaForm(other, user, user.password);
    await page.reload();
    await expect(sessions).toHaveCount(2);
    // It asks first; Cancel changes nothing.
    await main(page).getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(main(page).getByRole("group", { name: "Sign out every device, this one included?" })).toBeVisible();
    await main(page).getByRole("button", { name: "Cancel" }).click();
    await expect(sessions).toHaveCount(2);
    await main(page).getByRole("button", { name: "Sign out everywhere" }).click();
    await main(page).getByRole("button", { name: "Yes, sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/login\?signed_out=everywhere$/);
    await expect(main(page).getByRole("status")).toHaveText("You are signed out on every device.");
    await expect(page.getByRole("heading", { level: 1, name: "Welcome back" })).toBeVisible();
    await page.goto("/account");
    expectLoginRedirect(page, "/account");
    await other.goto("/dashboard");
    expectLoginRedirect(other, "/dashboard");
  } finally {
    await laptop.close();
  }
});
