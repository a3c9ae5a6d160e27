import { expect, test, type Page } from "@playwright/test";
import { join } from "node:path";
import { SCREENSHOT_DIR, registerViaApi, uniqueUser } from "./support/helpers";
import { BAD_CREDENTIALS, MAYBE_MAILED, main } from "./support/flows";
import { SUBJECTS, mailedLinks, verificationLinkFor } from "./support/mail";

// JavaScript off (or a slow phone before hydration): every form posts to its route handler and
// the browser follows a 303. Nothing typed may ever appear in a URL the browser visits.

test.use({ javaScriptEnabled: false });

/**
 * Screenshots at both widths in both schemes. Axe needs JavaScript in the page, so these
 * states are audited with it on by the other specs (the same components render them).
 */
async function screenshots(page: Page, name: string): Promise<void> {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: width === 375 ? 812 : 800 });
      const file = `${name}${scheme === "dark" ? "-dark" : ""}-${width}.png`;
      await page.screenshot({ path: join(SCREENSHOT_DIR, file), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: null });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Every URL the page asks for, to prove no secret or typed value ever travels in one. */
function recordUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  return urls;
}

function expectNoneContain(urls: string[], ...secrets: string[]): void {
  for (const secret of secrets) {
    const encoded = [secret, encodeURIComponent(secret), new URLSearchParams({ v: secret }).toString().slice(2)];
    const leaks = urls.filter((url) => encoded.some((form) => url.includes(form)));
    expect(leaks, `URLs carrying "${secret}"`).toEqual([]);
  }
}

test("register, confirm by button, log in and fail a login: all by form post, nothing typed in a URL", async ({
  page,
}) => {
  const user = uniqueUser("nojs");
  const urls = recordUrls(page);

  // Register: a mismatched confirmation comes back beside its field, the typed values kept.
  await page.goto("/register");
  await page.getByLabel("Username", { exact: true }).fill(user.username);
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByLabel("Confirm password", { exact: true }).fill(`${user.password} 2`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/register$/);
  const confirm = page.getByLabel("Confirm password", { exact: true });
  await expect(confirm).toHaveAttribute("aria-invalid", "true");
  await expect(confirm).toHaveAccessibleDescription("The two passwords do not match.");
  await expect(page.getByLabel("Username", { exact: true })).toHaveValue(user.username);
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(user.email);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await screenshots(page, "nojs-register-errors");
  // The flash is shown once: a reload shows a clean form.
  await page.reload();
  await expect(confirm).not.toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Username", { exact: true }).fill(user.username);
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByLabel("Confirm password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/verify-email\/sent$/);
  await expect(main(page).getByText(user.email).first()).toBeVisible();

  // The mailed link changes nothing by itself: a button confirms it.
  const link = await verificationLinkFor(user.email);
  await page.goto(link);
  await screenshots(page, "nojs-verify-email");
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page).toHaveURL(/\/verify-email$/);
  await expect(main(page).getByRole("status")).toContainText(/verified/i);
  await screenshots(page, "nojs-verify-email-done");

  // A wrong password: back on /login with `next` kept, the error shown, the login kept.
  await page.goto("/login?next=/dashboard");
  await page.getByLabel("Username or email", { exact: true }).fill(user.username);
  await page.getByLabel("Password", { exact: true }).fill("not the password 123");
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
  await expect(main(page).getByRole("alert").first()).toHaveText(BAD_CREDENTIALS);
  await expect(page.getByLabel("Username or email", { exact: true })).toHaveValue(user.username);
  await screenshots(page, "nojs-login-wrong-password");

  // The right one: signed in (the auth cookies are set) and on the page asked for.
  await page.getByLabel("Username or email", { exact: true }).fill(user.username);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === "aw_access")?.httpOnly).toBe(true);
  expect(cookies.find((c) => c.name === "aw_flash")).toBeUndefined();

  expectNoneContain(urls, user.password, `${user.password} 2`, "not the password 123", user.username);
});

test("forgot and reset password by form post, errors shown without JavaScript", async ({ page }) => {
  const user = uniqueUser("nojsreset");
  await registerViaApi(page.request, user);
  const urls = recordUrls(page);
  const newPassword = "copper Willow beacon 42";

  await page.goto("/forgot-password");
  await page.getByLabel("Email", { exact: true }).fill("not-an-address");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(main(page).getByRole("status").first()).toHaveText(MAYBE_MAILED);
  await screenshots(page, "nojs-forgot-password-sent");

  const [link] = await mailedLinks({ to: user.email, subject: SUBJECTS.reset, path: "/reset-password" });
  await page.goto(link!);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm new password", { exact: true }).fill(`${newPassword}!`);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/reset-password\?uid=/);
  await expect(page.getByLabel("Confirm new password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("New password", { exact: true })).toHaveValue("");
  await screenshots(page, "nojs-reset-password-mismatch");

  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm new password", { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/reset-password$/);
  await expect(main(page).getByRole("status").first()).toContainText(/reset/i);
  await screenshots(page, "nojs-reset-password-done");

  // The used link says so on arrival, without JavaScript too.
  await page.goto(link!);
  await expect(main(page).getByRole("alert").first()).toHaveText("This link has already been used.");
  await expect(page.getByLabel("New password", { exact: true })).toHaveCount(0);

  // The new password works through the plain form too.
  await page.goto("/login");
  await page.getByLabel("Username or email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);

  expectNoneContain(urls, newPassword, `${newPassword}!`);
});
