import { expect, test, type CDPSession, type Page } from "@playwright/test";
import { logInViaForm, main } from "./support/flows";
import { auditPage, verifiedUser } from "./support/helpers";
import { mailsTo } from "./support/mail";

// Passkeys through the real pages, with Chromium's virtual authenticator standing in for a
// platform authenticator (Touch ID, Windows Hello): resident keys, user verification that
// succeeds, presence given automatically. http://localhost is a secure context, so WebAuthn runs.

async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

function passkeysSection(page: Page) {
  return main(page).getByRole("region", { name: "Passkeys" });
}

async function addPasskey(page: Page, name: string): Promise<void> {
  const form = page.getByRole("form", { name: "Add a passkey" });
  await form.getByLabel("Name for a new passkey").fill(name);
  await form.getByRole("button", { name: "Add a passkey" }).click();
  await expect(passkeysSection(page).getByRole("status")).toHaveText(
    `“${name}” is added. You can sign in with it now.`,
  );
}

test("a passkey added on /account signs in on its own from /login, and stops once removed", async ({ page }) => {
  const { cdp, authenticatorId } = await virtualAuthenticator(page);
  const user = await verifiedUser(page, "passkey");
  await logInViaForm(page, user, user.password);

  const section = passkeysSection(page);
  await expect(section.getByTestId("no-passkeys")).toBeVisible();
  // The name is required before the device is asked.
  await page.getByRole("form", { name: "Add a passkey" }).getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("form", { name: "Add a passkey" })).toContainText("Passkey name is required.");

  await addPasskey(page, "Work laptop");
  const row = section.getByTestId("passkey");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Work laptop");
  await expect(row).toContainText("never used");
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]!.isResidentCredential).toBe(true);
  await expect
    .poll(async () => (await mailsTo(user.email)).map((m) => m.subject))
    .toContain("A passkey was added to your ASTROWORLD account");
  await page.reload();
  await expect(main(page).getByRole("list", { name: "Recent security activity" })).toContainText("Passkey added");
  await auditPage(page, "account-passkeys");

  // Signed out, the passkey alone signs in: no username, no password. Chromium offers it in the
  // username field's autofill (conditional UI), and the virtual authenticator picks it at once.
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-username")).toHaveText(user.username);
  await expect(passkeysSection(page).getByTestId("passkey")).toContainText("last used");

  // A browser without conditional UI: the button.
  await page.addInitScript(() => {
    Object.defineProperty(PublicKeyCredential, "isConditionalMediationAvailable", { value: undefined });
  });
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login\?signed_out=here$/);
  await expect(page.getByLabel("Username or email", { exact: true })).toHaveAttribute(
    "autocomplete",
    "username webauthn",
  );
  await auditPage(page, "login-passkey");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-username")).toHaveText(user.username);

  // Renamed, then removed after a confirmation: the device still offers it, the server refuses it.
  await passkeysSection(page).getByRole("button", { name: "Rename Work laptop" }).click();
  const rename = page.getByRole("form", { name: "Rename Work laptop" });
  await rename.getByLabel("New name").fill("Old laptop");
  await rename.getByRole("button", { name: "Save name" }).click();
  await expect(passkeysSection(page).getByTestId("passkey")).toContainText("Old laptop");
  await passkeysSection(page).getByRole("button", { name: "Remove Old laptop" }).click();
  await expect(passkeysSection(page).getByRole("group")).toContainText("Remove “Old laptop”?");
  await passkeysSection(page).getByRole("button", { name: "Yes, remove" }).click();
  await expect(passkeysSection(page).getByTestId("no-passkeys")).toBeVisible();

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login\?signed_out=here$/);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(main(page).getByRole("alert").filter({ hasText: /\S/ })).toContainText("This passkey was not accepted.");
  await expect(page).toHaveURL(/\/login/);
});
