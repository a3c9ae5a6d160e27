import { expect, test } from "@playwright/test";
import { registerViaApi, uniqueUser } from "./support/helpers";
import { verificationLinkFor } from "./support/mail";

// The e2e servers are production builds (NODE_ENV=production): mail leaves through the
// provider, and no page of the app shows it, whatever an attacker asks for.

test("the production build has no dev mailbox, even right after it mailed a link", async ({ page, request }) => {
  const user = uniqueUser("nomailbox");
  await registerViaApi(request, user);
  const link = await verificationLinkFor(user.email);
  const token = new URL(link).searchParams.get("token")!;

  for (const path of [
    "/dev/mailbox",
    "/dev/mailbox/",
    "/dev/mailbox?limit=500",
    "/DEV/MAILBOX",
    "/dev",
    "/dev/outbox",
  ]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    const body = await response.text();
    expect(body, path).not.toContain(user.email);
    expect(body, path).not.toContain(token);
  }

  const response = await page.goto("/dev/mailbox");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Dev mailbox" })).toHaveCount(0);
});
