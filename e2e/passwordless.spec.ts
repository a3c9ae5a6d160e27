import { expect, test, type Browser, type Page } from "@playwright/test";
import { logInViaForm, main } from "./support/flows";
import { auditPage, verifiedUser } from "./support/helpers";
import { mailsTo } from "./support/mail";
import { SHORT_TTL_URL } from "./support/short-ttl-server";

// Passwordless sign-in (a link and a code in one mail) through the pages, the new-device alert
// it sets off in a browser the account has not used, and "secure my account" from that alert.

const SIGN_IN_SUBJECT = "Your ASTROWORLD sign-in link";
const ALERT_SUBJECT = "New sign-in to your ASTROWORLD account";

/** The mails to `to` with `subject`, newest first, once exactly `count` have arrived (mail goes out after the response). */
async function mailsWith(to: string, subject: string, count: number) {
  let found: Awaited<ReturnType<typeof mailsTo>> = [];
  await expect
    .poll(
      async () => {
        found = (await mailsTo(to)).filter((mail) => mail.subject === subject);
        return found.length;
      },
      { message: `${count} "${subject}" mail(s) to ${to}`, timeout: 20_000 },
    )
    .toBe(count);
  return found;
}

function linkTo(text: string, path: string): string {
  const link = (text.match(/https?:\/\/[^\s\]>)]+/g) ?? []).find((href) => new URL(href).pathname === path);
  expect(link, `a ${path} link in: ${text}`).toBeTruthy();
  return link!;
}

async function freshBrowser(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: "en-US", timezoneId: "UTC" });
  return context.newPage();
}

/** From /login: "Email me a sign-in link", then the address; the page moves on to the code step. */
async function askForMail(page: Page, email: string, audit = false): Promise<void> {
  await page.goto("/login");
  await main(page).getByRole("link", { name: "Email me a sign-in link" }).click();
  await expect(page).toHaveURL(/\/login\/email$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in with email" })).toBeVisible();
  if (audit) await auditPage(page, "email-sign-in");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(main(page).getByRole("status")).toContainText(`if ${email} has an account`);
}

test("passwordless: sign in by link and by code, the new-device alert, and securing the account from it", async ({
  page,
  browser,
}) => {
  // Three browsers, two mails each way and seven pages audited at two widths in both schemes.
  test.slow();
  const user = await verifiedUser(page, "magic");
  // The first sign-in after sign-up: no alert.
  await logInViaForm(page, user, user.password);

  // Another browser asks for a link; the link's page signs in only on the button.
  const linkBrowser = await freshBrowser(browser);
  await askForMail(linkBrowser, user.email, true);
  await auditPage(linkBrowser, "email-sign-in-code");
  const [first] = await mailsWith(user.email, SIGN_IN_SUBJECT, 1);
  const signInLink = linkTo(first!.text, "/login/email/link");
  const opened = await linkBrowser.goto(signInLink);
  expect(opened?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(linkBrowser.locator('meta[name="referrer"]')).toHaveAttribute("content", "no-referrer");
  await expect(linkBrowser.getByRole("heading", { level: 1, name: "Sign in to ASTROWORLD" })).toBeVisible();
  await auditPage(linkBrowser, "email-sign-in-link");
  await linkBrowser.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(linkBrowser).toHaveURL(/\/account$/);
  await expect(linkBrowser.getByTestId("account-username")).toHaveText(user.username);

  // A used link says so, and the page offers a new one.
  await linkBrowser.context().clearCookies();
  await linkBrowser.goto(signInLink);
  await linkBrowser.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(main(linkBrowser).getByRole("alert")).toHaveText("This link has already been used.");

  // That browser was new to the account: one alert, with what, where and the two links.
  const [alert] = await mailsWith(user.email, ALERT_SUBJECT, 1);
  expect(alert!.text).toContain("Emailed sign-in link");
  expect(alert!.text).toMatch(/Chrome|Chromium/);
  const secureLink = linkTo(alert!.text, "/secure-account");
  linkTo(alert!.text, "/account");

  // A third browser types the code of a second mail; a wrong code first is refused beside the field.
  const codeBrowser = await freshBrowser(browser);
  await askForMail(codeBrowser, user.email);
  const [second] = await mailsWith(user.email, SIGN_IN_SUBJECT, 2);
  const code = /Sign-in code: (\d{6})/.exec(second!.text)![1]!;
  const codeField = codeBrowser.getByLabel("Code from the email", { exact: true });
  await codeField.fill(code === "000000" ? "111111" : "000000");
  await codeBrowser.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(main(codeBrowser).getByRole("alert")).toContainText("That code is not right");
  await auditPage(codeBrowser, "email-sign-in-code-wrong");
  await codeField.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await codeBrowser.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(codeBrowser).toHaveURL(/\/account$/);
  await mailsWith(user.email, ALERT_SUBJECT, 2);

  // "Secure my account" from the alert: a page with a button, then every browser is signed out.
  await page.goto(secureLink);
  await expect(page.getByRole("heading", { level: 1, name: "Secure your account" })).toBeVisible();
  await auditPage(page, "secure-account");
  await page.getByRole("button", { name: "Secure my account" }).click();
  await expect(main(page).getByRole("status")).toContainText("Your account is secured");
  await auditPage(page, "secure-account-done");
  await codeBrowser.goto("/account");
  await expect(codeBrowser).toHaveURL(/\/login/);
  await mailsWith(user.email, "Reset your ASTROWORLD password", 1);
  await linkBrowser.context().close();
  await codeBrowser.context().close();
});

test("passwordless without JavaScript: the address form and the code form post and land", async ({ browser }) => {
  const setup = await freshBrowser(browser);
  const user = await verifiedUser(setup, "magic-nojs");
  await setup.context().close();
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-US", timezoneId: "UTC" });
  const page = await context.newPage();
  await page.goto("/login/email");
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page).toHaveURL(/\/login\/email$/);
  await expect(main(page).getByRole("status")).toContainText(`if ${user.email} has an account`);
  const [mail] = await mailsWith(user.email, SIGN_IN_SUBJECT, 1);
  const code = /Sign-in code: (\d{6})/.exec(mail!.text)![1]!;
  await page.getByLabel("Code from the email", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-username")).toHaveText(user.username);
  await context.close();
});

test("the same answer for an unknown address, and no button where the server has passwordless off", async ({
  page,
}) => {
  await page.goto("/login/email");
  await page.getByLabel("Email", { exact: true }).fill(`nobody-${Date.now()}@example.test`);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(main(page).getByRole("status")).toContainText("has an account, we have sent it a sign-in link");

  // The short-TTL server runs the production default: AUTH_EMAIL_SIGN_IN unset, so off.
  await page.goto(`${SHORT_TTL_URL}/login`);
  await expect(page.getByRole("heading", { level: 1, name: "Welcome back" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Email me a sign-in link" })).toHaveCount(0);
  const response = await page.goto(`${SHORT_TTL_URL}/login/email`);
  expect(response?.status()).toBe(404);
});
