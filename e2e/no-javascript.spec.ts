import { expect, test, type Page } from "@playwright/test";
import { join } from "node:path";
import { SCREENSHOT_DIR, registerViaApi, uniqueUser } from "./support/helpers";
import { BAD_CREDENTIALS, MAYBE_MAILED, main } from "./support/flows";
import { SUBJECTS, mailedLinks, verificationLinkFor } from "./support/mail";

// JavaScript off (or a slow phone before hydration): every form posts to its route handler and
// the browser follows a 303. Nothing typed may ever appear in a URL the browser visits.

test.use({ javaScriptEnabled: false });

const FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const SAFARI_ON_MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";

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

test("the account forms by form post: profile, password, one session, every session, log out", async ({
  page,
  playwright,
  baseURL,
}) => {
  const user = uniqueUser("nojsacct");
  await registerViaApi(page.request, user);
  await page.goto(await verificationLinkFor(user.email));
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(main(page).getByRole("status")).toContainText(/verified/i);
  const urls = recordUrls(page);
  const newPassword = "amber Quarry signal 58";
  const logIn = async (password: string) => {
    await page.goto("/login");
    await page.getByLabel("Username or email", { exact: true }).fill(user.username);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await expect(page).toHaveURL(/\/account$/);
  };
  await logIn(user.password);

  // The only session: nothing else to sign out, so "Sign out everywhere" is not offered.
  await expect(main(page).getByRole("button", { name: "Sign out everywhere" })).toHaveCount(0);
  await expect(main(page).getByTestId("only-session")).toBeVisible();

  // Profile: a refused value comes back beside its field, typed values kept; then it saves.
  const profile = page.getByRole("form", { name: "Profile" });
  await profile.getByLabel("Username", { exact: true }).fill("a");
  await profile.getByLabel("Bio", { exact: true }).fill("Typed without JavaScript.");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(profile.getByLabel("Username", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(profile.getByLabel("Username", { exact: true })).toHaveValue("a");
  await expect(profile.getByLabel("Bio", { exact: true })).toHaveValue("Typed without JavaScript.");
  await profile.getByLabel("Username", { exact: true }).fill(user.username);
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(profile.getByRole("status")).toHaveText("Profile saved.");
  await expect(profile.getByLabel("Bio", { exact: true })).toHaveValue("Typed without JavaScript.");
  await screenshots(page, "nojs-account-profile-saved");

  // Password: a wrong current password is flagged beside it (no password comes back); then it changes.
  const password = page.getByRole("form", { name: "Change password" });
  await password.getByLabel("Current password", { exact: true }).fill("not my password 123");
  await password.getByLabel("New password", { exact: true }).fill(newPassword);
  await password.getByLabel("Confirm new password", { exact: true }).fill(newPassword);
  await password.getByRole("button", { name: "Change password" }).click();
  await expect(password.getByLabel("Current password", { exact: true })).toHaveAccessibleDescription(
    "Your current password is incorrect.",
  );
  await expect(password.getByLabel("New password", { exact: true })).toHaveValue("");
  await password.getByLabel("Current password", { exact: true }).fill(user.password);
  await password.getByLabel("New password", { exact: true }).fill(newPassword);
  await password.getByLabel("Confirm new password", { exact: true }).fill(newPassword);
  await password.getByRole("button", { name: "Change password" }).click();
  await expect(password.getByRole("status")).toHaveText(
    "Your password has been changed. Other devices were signed out.",
  );

  // Two more devices sign in; one of them is signed out from here.
  const laptops = await Promise.all(
    [FIREFOX_ON_LINUX, SAFARI_ON_MAC].map((userAgent) =>
      playwright.request.newContext({ baseURL, userAgent, extraHTTPHeaders: { origin: new URL(baseURL!).origin } }),
    ),
  );
  try {
    for (const laptop of laptops) {
      const answer = await laptop.post("/api/auth/login", { data: { login: user.username, password: newPassword } });
      expect(answer.status(), await answer.text()).toBe(200);
    }
    await page.reload();
    const sessions = main(page).getByRole("list", { name: "Active sessions" }).getByTestId("session");
    await expect(sessions).toHaveCount(3);
    await sessions
      .filter({ hasText: "Firefox on Linux" })
      .getByRole("button", { name: /^Sign out Firefox/ })
      .click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(main(page).getByRole("status").filter({ hasText: /\S/ })).toHaveText(
      "Firefox on Linux is signed out.",
    );
    await expect(sessions).toHaveCount(2);
    expect((await laptops[0]!.get("/api/auth/user")).status()).toBe(401);

    // Every session: it asks first (a page of its own), Cancel changes nothing, Yes ends them all.
    await main(page).getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/account\?confirm=sign-out-everywhere/);
    await expect(main(page).getByRole("group", { name: "Sign out every device, this one included?" })).toBeVisible();
    await screenshots(page, "nojs-account-confirm-everywhere");
    await main(page).getByRole("button", { name: "Cancel" }).click();
    await expect(page).toHaveURL(/\/account\??$/);
    await expect(sessions).toHaveCount(2);
    await main(page).getByRole("button", { name: "Sign out everywhere" }).click();
    await main(page).getByRole("button", { name: "Yes, sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/login\?signed_out=everywhere$/);
    await expect(main(page).getByRole("status").first()).toHaveText("You are signed out on every device.");
    expect((await laptops[1]!.get("/api/auth/user")).status()).toBe(401);
  } finally {
    await Promise.all(laptops.map((laptop) => laptop.dispose()));
  }

  // Log out from the header.
  await logIn(newPassword);
  await page.getByRole("banner").getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login\?signed_out=here$/);
  await expect(main(page).getByRole("status").first()).toHaveText("You are logged out.");
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);

  expectNoneContain(urls, user.password, newPassword, "not my password 123");
});
