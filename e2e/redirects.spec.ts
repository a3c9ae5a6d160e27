import { expect, test } from "@playwright/test";
import { auditPage, fillLogin, verifiedUser } from "./support/helpers";
import { expectLoginRedirect, logInViaForm } from "./support/flows";

// Route protection (middleware + page checks), `next=` handling and silent renewal.

const ACCESS_COOKIE = "aw_access";
const REFRESH_COOKIE = "aw_refresh";

/** Targets that would send a person off-site if `next=` were taken at face value. */
const HOSTILE_NEXT = ["//evil.com", "https://evil.com", "/\\evil.com", "/%2F%2Fevil.com", "javascript:alert(1)"];

test("a signed-out visit to /dashboard goes to log in and comes back after it", async ({ page }) => {
  const user = await verifiedUser(page, "dashnext");
  await page.context().clearCookies();

  await page.goto("/dashboard");
  expectLoginRedirect(page, "/dashboard");
  expect(new URL(page.url()).search).toBe("?next=%2Fdashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Welcome back" })).toBeVisible();
  await auditPage(page, "login-next-dashboard");

  await fillLogin(page, user.username, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("dashboard-username")).toHaveText(user.username);
});

test("hostile next= targets land on a same-origin page", async ({ page, baseURL }) => {
  const user = await verifiedUser(page, "nextattack");
  const origin = new URL(baseURL!).origin;
  // Anything leaving this origin, and any dialog (javascript: URL), fails the test.
  const offsite: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).origin !== origin) offsite.push(request.url());
  });
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  for (const next of HOSTILE_NEXT) {
    await test.step(`next=${next}`, async () => {
      // Through the form, signed out…
      await page.context().clearCookies();
      await page.goto(`/login?next=${encodeURIComponent(next)}`);
      await expect(page.getByRole("heading", { level: 1, name: "Welcome back" })).toBeVisible();
      await fillLogin(page, user.username, user.password);
      await expect(page).toHaveURL(`${origin}/account`);
      await expect(page.getByTestId("account-username")).toHaveText(user.username);

      // …and as a signed-in visitor, whom /login sends straight on (to the same landing page).
      await page.goto(`/login?next=${encodeURIComponent(next)}`);
      await expect(page).toHaveURL(`${origin}/account`);
      await expect(page.getByTestId("account-username")).toHaveText(user.username);
    });
  }
  expect(offsite).toEqual([]);
  expect(dialogs).toEqual([]);
});

test("signed-in visitors are sent away from log in and sign up", async ({ page }) => {
  const user = await verifiedUser(page, "signedin");
  await logInViaForm(page, user, user.password);

  // The same landing page as after logging in without `next` (issue 13, item 11).
  await page.goto("/login");
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/login?next=%2Fdashboard%3Ftab%3D1");
  await expect(page).toHaveURL(/\/dashboard\?tab=1$/);
  await expect(page.getByTestId("dashboard-username")).toHaveText(user.username);
  await page.goto("/register");
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-username")).toHaveText(user.username);

  // The landing page greets the signed-in user and points on instead of to sign-up.
  await page.goto("/");
  await expect(page.getByTestId("home-username")).toHaveText(user.username);
  await expect(page.getByRole("main").getByRole("link", { name: "Go to your dashboard" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Create an account" })).toHaveCount(0);
  await auditPage(page, "home-signed-in");
});

test("a missing access cookie is renewed silently from the refresh cookie", async ({ page }) => {
  const user = await verifiedUser(page, "renew");
  await logInViaForm(page, user, user.password);
  const context = page.context();
  const before = await context.cookies();
  const oldAccess = before.find((c) => c.name === ACCESS_COOKIE);
  const oldRefresh = before.find((c) => c.name === REFRESH_COOKIE);
  expect(oldAccess, "access cookie after login").toBeTruthy();
  expect(oldRefresh, "refresh cookie after login").toBeTruthy();

  await context.clearCookies({ name: ACCESS_COOKIE });
  expect((await context.cookies()).map((c) => c.name)).not.toContain(ACCESS_COOKIE);

  const response = await page.goto("/account");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(/\/account$/);
  expect(response?.request().redirectedFrom()).toBeNull();
  await expect(page.getByTestId("account-username")).toHaveText(user.username);

  // The renewal answered with a fresh pair: a new access cookie and a rotated refresh cookie.
  const after = await context.cookies();
  const newAccess = after.find((c) => c.name === ACCESS_COOKIE);
  const newRefresh = after.find((c) => c.name === REFRESH_COOKIE);
  expect(newAccess?.value, "a new access cookie").toBeTruthy();
  expect(newAccess!.value).not.toBe(oldAccess!.value);
  expect(newAccess!.httpOnly).toBe(true);
  expect(newRefresh?.value).toBeTruthy();
  expect(newRefresh!.value).not.toBe(oldRefresh!.value);

  // And the renewed session keeps working on the next page without another renewal.
  await page.goto("/dashboard");
  await expect(page.getByTestId("dashboard-username")).toHaveText(user.username);
  expect((await context.cookies()).find((c) => c.name === ACCESS_COOKIE)?.value).toBe(newAccess!.value);
});
