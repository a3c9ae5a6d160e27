import { expect, test } from "@playwright/test";
import { auditPage, registerViaApi, uniqueUser } from "./support/helpers";
import { logInViaForm, main } from "./support/flows";
import { SUBJECTS, mailedLinks } from "./support/mail";

// Resending the verification mail: a cooldown on the button, and the newest link is the
// only live one. (A used link is covered in auth-flow.spec.ts; an expired one would need
// the server's clock moved, which an e2e run cannot do.)

test("resend verification: cooldown, new mail, the old link is superseded", async ({ page }) => {
  const user = uniqueUser("resend");
  await registerViaApi(page.request, user);
  const [first] = await mailedLinks({ to: user.email, subject: SUBJECTS.verify, path: "/verify-email" });

  await page.goto(`/verify-email/sent?email=${encodeURIComponent(user.email)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Check your inbox" })).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(user.email);
  await page.getByRole("button", { name: "Resend verification email" }).click();

  // A reply to "Did not get it?", under the button; it tells no more than the API (never whether the address has an account).
  const sent = main(page).getByRole("status");
  await expect(sent).toHaveText(/^Sent again\. If the address still needs confirming, a new link is on its way/);
  const button = await main(page)
    .getByRole("button", { name: /^Send again in/ })
    .boundingBox();
  expect((await sent.boundingBox())!.y).toBeGreaterThan(button!.y);
  const cooldown = main(page).getByRole("button", { name: /^Send again in \d+s$/ });
  await expect(cooldown).toBeDisabled();
  await expect(page.getByRole("button", { name: "Resend verification email" })).toHaveCount(0);
  // The countdown really counts down.
  const start = Number((await cooldown.textContent())?.match(/\d+/)?.[0]);
  expect(start).toBeGreaterThan(1);
  expect(start).toBeLessThanOrEqual(60);
  await expect
    .poll(async () => Number((await cooldown.textContent())?.match(/\d+/)?.[0]), { timeout: 5_000 })
    .toBeLessThan(start);
  await auditPage(page, "verify-email-resent");

  // A second mail arrived (listed newest first).
  const [newest, older] = await mailedLinks({
    to: user.email,
    subject: SUBJECTS.verify,
    path: "/verify-email",
    count: 2,
  });
  expect(older).toBe(first);
  expect(newest).not.toBe(first);

  // The first link was superseded by the new one.
  await page.goto(first!);
  await expect(main(page).getByRole("alert")).toHaveText("This link isn't valid. Please ask for a new one.");
  await expect(main(page).getByRole("link", { name: "Send a new link" })).toBeVisible();
  await auditPage(page, "verify-email-superseded");

  // The newest link verifies, and the account can log in.
  await page.goto(newest!);
  await expect(main(page).getByRole("status").filter({ hasText: "Your email address is verified" })).toBeVisible();
  await logInViaForm(page, user, user.password);
  await expect(main(page).getByText("Verified", { exact: true })).toBeVisible();
});
