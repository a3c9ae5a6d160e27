import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { auditPage, uniqueUser, verifiedUser } from "./support/helpers";
import { expectLoginRejected, logInViaForm, main } from "./support/flows";
import { mailedLinks, mailsTo } from "./support/mail";

// Issue 14 through the pages: change the address and undo it from the old inbox; export and
// delete the account. Mail is read from the stand-in (e2e/support/mail.ts).

const CONFIRM_SUBJECT = "Confirm your new ASTROWORLD email address";
const CHANGED_SUBJECT = "Your ASTROWORLD email address was changed";
const GOODBYE_SUBJECT = "Your ASTROWORLD account was deleted";

function emailForm(page: Page) {
  return page.getByRole("form", { name: "Change email address" });
}

test("changing the email address, then undoing it from the old inbox", async ({ page }) => {
  // Three sign-ins, two mails and six audited pages (axe, light and dark, two widths).
  test.slow();
  const user = await verifiedUser(page, "mover");
  const newEmail = uniqueUser("moved").email;
  await logInViaForm(page, user, user.password);

  const form = emailForm(page);
  await form.getByLabel("New email address", { exact: true }).fill(newEmail);
  await form.getByLabel("Current password", { exact: true }).fill("not my password at all");
  await form.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(form.getByText("Your password is incorrect.")).toBeVisible();
  await form.getByLabel("Current password", { exact: true }).fill(user.password);
  await form.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(form.getByRole("status")).toContainText(`Check ${newEmail}`);
  await auditPage(page, "account-email-sent");

  // The link changes nothing until its button is pressed.
  const [confirm] = await mailedLinks({ to: newEmail, subject: CONFIRM_SUBJECT, path: "/email-change/confirm" });
  await page.goto(confirm!);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your new email address" })).toBeVisible();
  await expect(main(page).locator(".lead")).toContainText(`Your account will use ${newEmail} from now on`);
  await auditPage(page, "email-change-confirm");
  await main(page).getByRole("button", { name: "Use this address" }).click();
  await expect(main(page).getByRole("status")).toContainText("Your email address is changed.");
  await auditPage(page, "email-change-confirmed");

  await page.goto("/account");
  await expect(page.locator(".account-head .address")).toHaveText(newEmail);

  // The old inbox got the notice with its way back.
  const [revert] = await mailedLinks({ to: user.email, subject: CHANGED_SUBJECT, path: "/email-change/revert" });
  await page.goto(revert!);
  await expect(page.getByRole("heading", { level: 1, name: "This wasn't me" })).toBeVisible();
  await expect(main(page).locator(".lead")).toContainText(`Put ${user.email} back on your account`);
  await auditPage(page, "email-change-revert");
  await main(page).getByRole("button", { name: "Restore my address and sign out everywhere" }).click();
  await expect(main(page).getByRole("status")).toContainText("Your email address is back");
  await expect(main(page).getByRole("link", { name: "Choose a new password" })).toBeVisible();
  await auditPage(page, "email-change-reverted");

  // Signed out everywhere (this browser too); the old address is back.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
  await logInViaForm(page, { username: user.email }, user.password);
  await expect(page.locator(".account-head .address")).toHaveText(user.email);

  // The link works once, and says so on arrival: no button, no address.
  await page.goto(revert!);
  await expect(main(page).getByRole("alert")).toContainText("already been used");
  await expect(main(page).getByRole("button", { name: "Restore my address and sign out everywhere" })).toHaveCount(0);
  await expect(main(page).locator(".lead")).not.toContainText(user.email);
});

test("exporting the data, then deleting the account after a confirmation", async ({ page }) => {
  const user = await verifiedUser(page, "leaver");
  await logInViaForm(page, user, user.password);

  const downloading = page.waitForEvent("download");
  await main(page).getByRole("link", { name: "Download my data" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^astroworld-account-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(readFileSync((await download.path())!, "utf8")) as { profile: { username: string } };
  expect(exported.profile.username).toBe(user.username);

  await main(page).getByRole("button", { name: "Delete account…" }).click();
  const confirmation = page.getByRole("form", { name: "Delete your account for good?" });
  await expect(confirmation).toContainText("every session: all your devices are signed out");
  await expect(confirmation.getByLabel("Current password", { exact: true })).toBeFocused();
  await auditPage(page, "account-delete-confirm");

  // Cancel leaves everything as it was.
  await confirmation.getByRole("button", { name: "Cancel" }).click();
  await expect(main(page).getByRole("button", { name: "Delete account…" })).toBeFocused();
  await main(page).getByRole("button", { name: "Delete account…" }).click();

  await confirmation.getByLabel("Current password", { exact: true }).fill("not my password at all");
  await confirmation.getByRole("button", { name: "Delete my account permanently" }).click();
  await expect(confirmation.getByText("Your password is incorrect.")).toBeVisible();
  await confirmation.getByLabel("Current password", { exact: true }).fill(user.password);
  await confirmation.getByRole("button", { name: "Delete my account permanently" }).click();

  await expect(page).toHaveURL(/\/goodbye$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your account has been deleted" })).toBeVisible();
  await auditPage(page, "goodbye");
  await expect
    .poll(async () => (await mailsTo(user.email)).filter((m) => m.subject === GOODBYE_SUBJECT).length)
    .toBe(1);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
  await expectLoginRejected(page, user.username, user.password);
});
