import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { verifiedUser } from "./support/helpers";
import { expectLoginRejected, logInViaForm, main } from "./support/flows";
import { SHORT_ACCESS_TTL_SECONDS, SHORT_TTL_URL } from "./support/short-ttl-server";

// A page left open longer than the access token lives: its forms call the API with an
// expired (or already dropped) access cookie, and must renew from the refresh cookie and
// carry on instead of failing or sending the person to log in. Runs against the second e2e
// server, whose access tokens live two seconds (playwright.config.ts).

test.use({ baseURL: SHORT_TTL_URL });

const FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

/** Sits on the page, without navigating (navigation would renew in middleware), until the access token has expired. */
async function outliveAccessToken(page: Page): Promise<void> {
  await page.waitForTimeout((SHORT_ACCESS_TTL_SECONDS + 1.5) * 1000);
}

test("past the access-token lifetime, /account still saves the profile, changes the password and signs out sessions", async ({
  page,
  browser,
}) => {
  const user = await verifiedUser(page, "expiry");
  const newPassword = "comet Lattice harbour 64";
  await logInViaForm(page, user, user.password);
  const loginVisits: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame() && new URL(frame.url()).pathname === "/login") loginVisits.push(frame.url());
  });

  await test.step("edit the profile", async () => {
    await outliveAccessToken(page);
    const form = page.getByRole("form", { name: "Profile" });
    await form.getByLabel("Bio", { exact: true }).fill("Still here after the token expired.");
    await form.getByRole("button", { name: "Save profile" }).click();
    await expect(form.getByRole("status")).toHaveText("Profile saved.");
    await expect(form.getByRole("alert")).toHaveText("");
  });

  await test.step("download the data", async () => {
    await outliveAccessToken(page);
    const downloading = page.waitForEvent("download");
    await main(page).getByRole("link", { name: "Download my data" }).click();
    const exported = JSON.parse(readFileSync((await (await downloading).path())!, "utf8")) as {
      profile: { username: string };
    };
    expect(exported.profile.username).toBe(user.username);
  });

  await test.step("change the password", async () => {
    await outliveAccessToken(page);
    const form = page.getByRole("form", { name: "Change password" });
    await form.getByLabel("Current password", { exact: true }).fill(user.password);
    await form.getByLabel("New password", { exact: true }).fill(newPassword);
    await form.getByLabel("Confirm new password", { exact: true }).fill(newPassword);
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByRole("status")).toHaveText("Your password has been changed. Other devices were signed out.");
  });

  const laptop = await browser.newContext({
    baseURL: SHORT_TTL_URL,
    userAgent: FIREFOX_ON_LINUX,
    locale: "en-US",
    timezoneId: "UTC",
  });
  try {
    const other = await laptop.newPage();
    await logInViaForm(other, user, newPassword);

    await test.step("sign out another session", async () => {
      await page.reload();
      const sessions = main(page).getByRole("list", { name: "Active sessions" }).getByTestId("session");
      await expect(sessions).toHaveCount(2);
      await outliveAccessToken(page);
      await sessions
        .filter({ hasText: "Firefox on Linux" })
        .getByRole("button", { name: /^Sign out Firefox on Linux/ })
        .click();
      await expect(sessions).toHaveCount(1);
      await expect(sessions).toContainText("This device");
      // Nothing went wrong on the way (the page keeps empty alert regions for its forms).
      await expect(main(page).getByRole("alert").filter({ hasText: /\S/ })).toHaveCount(0);
    });
    expect(loginVisits, "no trip to /login while the page was open").toEqual([]);

    // It all happened on the server: the profile and password are stored, the laptop is out.
    await page.reload();
    await expect(page.getByRole("form", { name: "Profile" }).getByLabel("Bio", { exact: true })).toHaveValue(
      "Still here after the token expired.",
    );
    expect((await other.request.get("/api/auth/user")).status()).toBe(401);
    // Its access token has expired: the guard's renewal is refused as a revoked session, and /login says so.
    await other.goto("/account");
    await expect(other).toHaveURL(/\/login\?next=%2Faccount&signed_out=elsewhere$/);
    await expect(main(other).getByRole("status")).toHaveText("You were signed out from another device.");

    await test.step("sign out everywhere", async () => {
      // "Sign out everywhere" is offered only while another device is signed in.
      await logInViaForm(other, user, newPassword);
      await page.reload();
      await outliveAccessToken(page);
      await main(page).getByRole("button", { name: "Sign out everywhere" }).click();
      await main(page).getByRole("button", { name: "Yes, sign out everywhere" }).click();
      await expect(page).toHaveURL(/\/login\?signed_out=everywhere$/);
      await page.goto("/account");
      await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
    });
  } finally {
    await laptop.close();
  }
  await page.context().clearCookies();
  await expectLoginRejected(page, user.username, user.password);
});
