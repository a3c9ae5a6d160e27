import { expect, test, type Page } from "@playwright/test";
import { auditPage, uniqueUser, verifiedUser } from "./support/helpers";
import { COMMON_PASSWORD, MAYBE_MAILED, expectLoginRejected, logInViaForm, main } from "./support/flows";
import { SUBJECTS, mailedLinks, mailsTo } from "./support/mail";

// Forgot password → emailed link → choose a new one. The link is single use and the pages
// that carry it never leak it as a referrer.

/** Submits the forgot-password form already on screen and returns the answer shown. */
async function requestReset(page: Page, email: string): Promise<string> {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  const status = main(page).getByRole("status");
  await expect(status).not.toHaveText("");
  return (await status.textContent()) ?? "";
}

async function fillNewPassword(page: Page, password: string, confirm = password): Promise<void> {
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Confirm new password", { exact: true }).fill(confirm);
  await page.getByRole("button", { name: "Set new password" }).click();
}

test("forgot password: same answer for any address, reset by emailed link, link is single use", async ({ page }) => {
  const user = await verifiedUser(page, "reset");
  const stranger = uniqueUser("stranger");
  const newPassword = "orbit Meadow signal 58";

  await page.goto("/forgot-password");
  await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
  await auditPage(page, "forgot-password");

  // No enumeration: an unknown address and a real one get the very same answer.
  const unknownAnswer = await requestReset(page, stranger.email);
  expect(unknownAnswer).toBe(MAYBE_MAILED);
  await expect(main(page).getByRole("link", { name: "Back to log in" })).toBeVisible();
  await auditPage(page, "forgot-password-sent");
  // "try again" brings the form back for another address.
  await main(page).getByRole("link", { name: "try again" }).click();
  await expect(page.getByLabel("Email", { exact: true })).toBeVisible();
  const knownAnswer = await requestReset(page, user.email);
  expect(knownAnswer).toBe(unknownAnswer);

  // Only the real account got a mail.
  const [link] = await mailedLinks({ to: user.email, subject: SUBJECTS.reset, path: "/reset-password" });
  expect(await mailsTo(stranger.email)).toEqual([]);

  // The page that carries the token tells the browser not to pass it on.
  const response = await page.goto(link!);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute("content", "no-referrer");
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await auditPage(page, "reset-password");

  // Mismatched confirmation: flagged beside the confirm field.
  await fillNewPassword(page, newPassword, `${newPassword}!`);
  const confirm = page.getByLabel("Confirm new password", { exact: true });
  await expect(confirm).toHaveAttribute("aria-invalid", "true");
  await expect(confirm).toHaveAccessibleDescription("The two passwords do not match.");
  await auditPage(page, "reset-password-mismatch");

  // A common password: the server's policy, shown beside the new-password field.
  await fillNewPassword(page, "password123");
  const password = page.getByLabel("New password", { exact: true });
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription(new RegExp(COMMON_PASSWORD.replace(/\./g, "\\.")));
  await expect(confirm).not.toHaveAttribute("aria-invalid", "true");
  await auditPage(page, "reset-password-common");

  // The rejected attempt did not use up the link: a good password goes through.
  await fillNewPassword(page, newPassword);
  await expect(main(page).getByRole("status")).toHaveText("Your password has been reset. Log in with the new one.");
  await auditPage(page, "reset-password-done");
  await main(page).getByRole("link", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/login$/);

  // The old password is dead, the new one works.
  await expectLoginRejected(page, user.username, user.password);
  await logInViaForm(page, user, newPassword);
  await expect(page.getByTestId("account-username")).toHaveText(user.username);
  await expect(
    main(page).getByRole("list", { name: "Recent security activity" }).getByText("Password reset"),
  ).toBeVisible();

  // Following the link again: the page says on arrival that it has been used (no passwords to
  // type first) and offers a new one.
  await page.goto(link!);
  await expect(main(page).getByRole("alert")).toHaveText("This link has already been used.");
  await expect(page.getByLabel("New password", { exact: true })).toHaveCount(0);
  await auditPage(page, "reset-password-used");
  await main(page).getByRole("link", { name: "Request a new link" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  // The used link did not change anything.
  await page.context().clearCookies();
  await expectLoginRejected(page, user.username, "another Comet tunnel 93");
});

test("a reset link without its token explains what to do", async ({ page }) => {
  const response = await page.goto("/reset-password?uid=abc");
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(main(page).getByRole("alert")).toHaveText(/incomplete/i);
  await expect(main(page).getByRole("link", { name: "Request a new link" })).toBeVisible();
  await auditPage(page, "reset-password-incomplete");
});
