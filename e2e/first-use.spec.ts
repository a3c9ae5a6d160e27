import { expect, test } from "@playwright/test";
import { SCREENSHOT_DIR, auditPage, fillLogin, registerViaApi, uniqueUser, verifiedUser } from "./support/helpers";
import { logInViaForm, main } from "./support/flows";

// Rough edges found walking through the pages as a new user (issue 13, items 4–11).

test("changing the password to the current one is refused beside the field", async ({ page }) => {
  const user = await verifiedUser(page, "samepw");
  await logInViaForm(page, user, user.password);
  const form = page.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password", { exact: true }).fill(user.password);
  await form.getByLabel("New password", { exact: true }).fill(user.password);
  await form.getByLabel("Confirm new password", { exact: true }).fill(user.password);
  await form.getByRole("button", { name: "Change password" }).click();
  const next = form.getByLabel("New password", { exact: true });
  await expect(next).toHaveAttribute("aria-invalid", "true");
  await expect(next).toHaveAccessibleDescription(/That is your current password\. Choose a different one\./);
  await auditPage(page, "account-password-same");
});

test("keyboard: the first field of log in and sign up has focus on arrival", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByLabel("Username or email", { exact: true })).toBeFocused();
  await page.goto("/register");
  await expect(page.getByLabel("First name", { exact: true })).toBeFocused();
  // The skip link is the first stop and lands past the header.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("375 px: a long email address wraps instead of pushing the page sideways", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const user = uniqueUser("wrap");
  const long = { ...user, email: `a.really.long.address.for.wrapping.${user.email}` };
  await registerViaApi(page.request, long);
  await page.goto(`/verify-email/sent?email=${encodeURIComponent(long.email)}`);
  await expect(main(page).getByText(long.email).first()).toBeVisible();
  await auditPage(page, "verify-email-sent-long-address");
});

test("one landing page: after login without next, and for a signed-in visit to log in or sign up", async ({ page }) => {
  const user = await verifiedUser(page, "landing");
  await logInViaForm(page, user, user.password, /\/account$/);
  await page.goto("/login");
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/register");
  await expect(page).toHaveURL(/\/account$/);
  // The header marks the page being shown, and only that one.
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: `Account (${user.username})` })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Dashboard" })).not.toHaveAttribute("aria-current", "page");
});

test("a broken profile picture URL falls back to the initial", async ({ page, baseURL }) => {
  const user = await verifiedUser(page, "avatar");
  await logInViaForm(page, user, user.password);
  const saved = await page.request.patch("/api/auth/user", {
    data: { profile_picture: `${baseURL}/no-such-picture.png` },
    headers: { origin: new URL(baseURL!).origin },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("avatar-initial")).toHaveText(user.firstName.slice(0, 1).toUpperCase());
  await expect(page.locator("img.avatar")).toHaveCount(0);
});

test("'Profile saved.' shows beside the button that saved and clears on the next edit", async ({ page }) => {
  const user = await verifiedUser(page, "saved");
  await logInViaForm(page, user, user.password);
  const form = page.getByRole("form", { name: "Profile" });
  const bio = form.getByLabel("Bio", { exact: true });
  await bio.fill("Saved once.");
  const button = form.getByRole("button", { name: "Save profile" });
  await button.click();
  const status = form.getByRole("status").filter({ hasText: /\S/ });
  await expect(status).toHaveText("Profile saved.");
  const [buttonBox, statusBox] = [await button.boundingBox(), await status.boundingBox()];
  expect(statusBox!.y, "the message sits below the button, not at the top of the form").toBeGreaterThan(buttonBox!.y);
  expect(statusBox!.y - (buttonBox!.y + buttonBox!.height)).toBeLessThan(40);
  await bio.fill("Edited again.");
  await expect(status).toHaveCount(0);
});

test("sign out: /login says so, for this device and for every device", async ({ page }) => {
  const user = await verifiedUser(page, "signedout");
  await logInViaForm(page, user, user.password);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login\?signed_out=here$/);
  await expect(main(page).getByRole("status")).toHaveText("You are logged out.");
  await auditPage(page, "login-signed-out");
  // Anything else in the parameter says nothing.
  await page.goto("/login?signed_out=constructor");
  await expect(main(page).getByRole("status")).toHaveCount(0);
});

test("after a server error, focus moves to the message or to the first flagged field", async ({ page }) => {
  const user = await verifiedUser(page, "focus");
  await page.goto("/login");
  // fillLogin clicks the button with the mouse.
  await fillLogin(page, user.username, "not the password 123");
  await expect(main(page).getByRole("alert").locator("p")).toBeFocused();

  const newcomer = uniqueUser("focus2");
  await page.goto("/register");
  await page.getByLabel("Username", { exact: true }).fill(user.username);
  await page.getByLabel("Email", { exact: true }).fill(newcomer.email);
  await page.getByLabel("Password", { exact: true }).fill(newcomer.password);
  await page.getByLabel("Confirm password", { exact: true }).fill(newcomer.password);
  await page.getByRole("button", { name: "Create account" }).click();
  const username = page.getByLabel("Username", { exact: true });
  await expect(username).toHaveAttribute("aria-invalid", "true");
  await expect(username).toBeFocused();
});

test("a session ended from another device: the open page notices, and /login says so", async ({
  page,
  playwright,
  baseURL,
}) => {
  const user = await verifiedUser(page, "elsewhere");
  await logInViaForm(page, user, user.password);
  // While this is the only session there is no "everywhere" to sign out of.
  await expect(main(page).getByRole("button", { name: "Sign out everywhere" })).toHaveCount(0);
  await expect(main(page).getByTestId("only-session")).toHaveText("This is the only device signed in to your account.");
  // Another device signs in and ends every session, this browser's included.
  const laptop = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { origin: new URL(baseURL!).origin },
  });
  try {
    const login = await laptop.post("/api/auth/login", { data: { login: user.username, password: user.password } });
    expect(login.status(), await login.text()).toBe(200);
    expect((await laptop.post("/api/auth/logout-all")).status()).toBe(200);
  } finally {
    await laptop.dispose();
  }
  // The page is still open; its next call is refused, and it goes to /login, which says why.
  const form = page.getByRole("form", { name: "Profile" });
  await form.getByLabel("Bio", { exact: true }).fill("Too late.");
  await form.getByRole("button", { name: "Save profile" }).click();
  await expect(page).toHaveURL(/\/login\?next=%2Faccount&signed_out=elsewhere$/);
  await expect(main(page).getByRole("status")).toHaveText("You were signed out from another device.");
  await auditPage(page, "login-signed-out-elsewhere");
});

test("375 px: the signed-in header is one row, its links in a menu that opens by keyboard", async ({ page }) => {
  const user = await verifiedUser(page, "menu");
  await page.setViewportSize({ width: 375, height: 812 });
  await logInViaForm(page, user, user.password);
  const banner = page.getByRole("banner");
  const brand = banner.getByRole("link", { name: "ASTROWORLD" });
  const menu = banner.getByText("Menu", { exact: true });
  const [brandBox, menuBox] = [await brand.boundingBox(), await menu.boundingBox()];
  expect(Math.abs(brandBox!.y + brandBox!.height / 2 - (menuBox!.y + menuBox!.height / 2))).toBeLessThan(4);
  expect((await banner.boundingBox())!.height).toBeLessThan(64);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  // The row's links are hidden at this width; the menu holds them, the current page marked.
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: `Account (${user.username})` })).toHaveCount(0);
  await menu.focus();
  await page.keyboard.press("Enter");
  const account = nav.getByRole("link", { name: `Account (${user.username})` });
  await expect(account).toBeVisible();
  await expect(account).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("button", { name: "Log out" })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/header-menu-open-375.png` });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/header-menu-open-dark-375.png` });
  await page.emulateMedia({ colorScheme: null });
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link", { name: "Dashboard" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dashboard$/);
  // The menu closes behind its link, and now marks the dashboard.
  await expect(account).toBeHidden();
  await menu.click();
  await expect(nav.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
  await auditPage(page, "dashboard-menu-open");
});

test("spacing: no empty band under fields or the password hint; sign-up fits a 1280×800 screen", async ({ page }) => {
  await page.goto("/register");
  const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
  const submit = await page.getByRole("button", { name: "Create account" }).boundingBox();
  expect(submit!.y + submit!.height, "the submit button is above the fold").toBeLessThanOrEqual(800);
  const footer = await box("main .footer-links");
  expect(footer.y + footer.height, "and so is the way to log in instead").toBeLessThanOrEqual(800);

  // Between an input and the next label: the field gap, one error line and a little margin.
  const username = await page.getByLabel("Username", { exact: true }).boundingBox();
  const email = await box("label:text-is('Email')");
  expect(email.y - (username!.y + username!.height)).toBeLessThanOrEqual(32);
  // The strength meter sits right under the hint.
  const hint = await box("main .field .muted");
  const strength = await box("main .strength");
  expect(strength.y - (hint.y + hint.height)).toBeLessThanOrEqual(8);
});
