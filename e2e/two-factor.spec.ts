import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { expect, test, type Page } from "@playwright/test";
import { logInViaForm, main } from "./support/flows";
import { auditPage, fillLogin, verifiedUser } from "./support/helpers";
import { mailsTo } from "./support/mail";

// TOTP through the real pages: the code an authenticator app would show is computed here from
// the secret the page displays (RFC 6238: 30-second steps, 6 digits).

/** The app's code `steps` periods from now (a code's step is accepted once, so later ones need the next step). */
function codeFor(key: Uint8Array, steps = 0): string {
  return generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000) + steps), 6);
}

function twoFactorSection(page: Page) {
  return main(page).getByRole("region", { name: "Two-factor authentication" });
}

async function logOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

test("turn on TOTP, sign in with a code, lose the phone and sign in with a recovery code", async ({ page }) => {
  // Four pages audited (axe and screenshots, light and dark, two widths) around three sign-ins.
  test.slow();
  const user = await verifiedUser(page, "totp");
  await logInViaForm(page, user, user.password);

  // Enrol: QR code and the secret as text, confirmed by a code from it.
  const section = twoFactorSection(page);
  await expect(section.getByTestId("two-factor-status")).toContainText("Off.");
  await section.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(section.getByRole("img", { name: /QR code/ })).toBeVisible();
  const secret = (await section.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  const key = decodeBase32IgnorePadding(secret);
  await auditPage(page, "two-factor-setup");
  await section.getByLabel("Code from the app").fill("000000" === codeFor(key) ? "111111" : "000000");
  await section.getByRole("button", { name: "Turn on" }).click();
  // The server's answer sits beside the field it is about.
  await expect(section.getByLabel("Code from the app")).toHaveAccessibleDescription(/That code is not right/);
  await section.getByLabel("Code from the app").fill(codeFor(key));
  await section.getByRole("button", { name: "Turn on" }).click();

  // Ten recovery codes, shown once, downloadable.
  const list = section.getByTestId("recovery-codes");
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const codes = (await list.getByRole("listitem").allInnerTexts()).map((c) => c.trim());
  await expect(section.getByRole("link", { name: "Download (.txt)" })).toHaveAttribute(
    "download",
    "astroworld-recovery-codes.txt",
  );
  await auditPage(page, "two-factor-recovery-codes");
  await section.getByRole("button", { name: "I have saved them" }).click();
  await expect(section.getByTestId("two-factor-status")).toContainText("On");
  await expect(section.getByTestId("recovery-codes-left")).toContainText("10 of 10 left");

  // The password alone no longer signs in: the code step follows.
  await logOut(page);
  await page.goto("/login");
  await fillLogin(page, user.username, user.password);
  await expect(page).toHaveURL(/\/login\/2fa\?next=%2Faccount$/);
  await expect(main(page).getByRole("heading", { level: 1, name: "Two-factor authentication" })).toBeVisible();
  await auditPage(page, "login-two-factor");
  await main(page).getByLabel("Authentication code").fill(codeFor(key, 1));
  await main(page).getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(twoFactorSection(page).getByTestId("two-factor-status")).toContainText("last used");

  // Phone lost: a recovery code instead, once.
  await logOut(page);
  await page.goto("/login");
  await fillLogin(page, user.username, user.password);
  await expect(page).toHaveURL(/\/login\/2fa/);
  await main(page).getByRole("link", { name: "Lost your phone? Use a recovery code" }).click();
  await auditPage(page, "login-two-factor-recovery");
  await main(page).getByLabel("Recovery code").fill(codes[0]!.toUpperCase());
  await main(page).getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(twoFactorSection(page).getByTestId("recovery-codes-left")).toContainText("9 of 10 left");
  await expect
    .poll(async () => (await mailsTo(user.email)).map((m) => m.subject))
    .toContain("A recovery code was used to sign in to your ASTROWORLD account");
});

test("without JavaScript the code step is a plain form, and the half-done sign-in never shows in a URL", async ({
  page: setup,
  browser,
  baseURL,
}) => {
  const user = await verifiedUser(setup, "totp_nojs");
  await logInViaForm(setup, user, user.password);
  const section = twoFactorSection(setup);
  await section.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  const key = decodeBase32IgnorePadding((await section.getByTestId("totp-secret").innerText()).replace(/\s+/g, ""));
  await section.getByLabel("Code from the app").fill(codeFor(key));
  await section.getByRole("button", { name: "Turn on" }).click();
  await expect(section.getByTestId("recovery-codes")).toBeVisible();

  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  await page.goto("/login?next=/dashboard");
  await fillLogin(page, user.username, user.password);
  await expect(page).toHaveURL(/\/login\/2fa\?next=%2Fdashboard$/);
  const code = codeFor(key, 1);
  await main(page).getByLabel("Authentication code").fill(code);
  await main(page).getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  for (const url of urls) expect(url).not.toContain(code);
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name === "aw_mfa")).toBeUndefined();
  await context.close();
});
