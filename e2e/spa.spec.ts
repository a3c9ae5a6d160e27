import { expect, test, type Page } from "@playwright/test";
import { uniqueUser } from "./support/helpers";
import { verificationLinkFor } from "./support/mail";
import { SHORT_ACCESS_TTL_SECONDS, SHORT_TTL_URL } from "./support/short-ttl-server";
import { SPA_ORIGIN } from "./support/spa-config";

// The example SPA (examples/spa, Vite + React) on its own origin uses the API of the app
// servers through CORS with the typed client: AUTH_TRUSTED_ORIGINS lists it
// (playwright.config.ts). localhost:3102 and localhost:3100 are the same *site* (ports do not
// count), so the SameSite=Lax cookies travel with `credentials: "include"`.

const API = "http://localhost:3100";

/** Every request the SPA sends to an API, and whether any was refused by the browser (CORS). */
function watchApi(page: Page, api: string) {
  const seen = { refreshes: 0, calls: 0, failed: [] as string[], consoleErrors: [] as string[] };
  page.on("request", (request) => {
    if (!request.url().startsWith(`${api}/api/`) || request.method() === "OPTIONS") return;
    seen.calls += 1;
    if (new URL(request.url()).pathname === "/api/auth/token/refresh") seen.refreshes += 1;
  });
  page.on("requestfailed", (request) => {
    if (request.url().startsWith(`${api}/api/`)) seen.failed.push(`${request.method()} ${request.url()}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error" && !/401|Failed to load resource/.test(message.text())) {
      seen.consoleErrors.push(message.text());
    }
  });
  return seen;
}

async function logIn(page: Page, login: string, password: string) {
  await page.getByLabel("Username or email").fill(login);
  await page.getByLabel("Password", { exact: true }).first().fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

test("from another origin with cookies: sign up, verify, log in, edit, reload signed in, log out", async ({ page }) => {
  const user = uniqueUser("spa");
  const seen = watchApi(page, API);
  await page.goto(`${SPA_ORIGIN}/?api=${encodeURIComponent(API)}`);
  await expect(page.getByTestId("transport")).toHaveText("cookie");
  await expect(page.getByTestId("status")).toHaveText("Not signed in.");

  const signUp = page.getByRole("form", { name: "Sign up" });
  await signUp.getByLabel("Username").fill(user.username);
  await signUp.getByLabel("Email").fill(user.email);
  await signUp.getByLabel("Password").fill(user.password);
  await signUp.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByTestId("status")).toContainText("Account created");

  // The emailed link opens the app itself, as it would for any frontend.
  await page.goto(await verificationLinkFor(user.email));
  await expect(
    page
      .getByRole("main")
      .getByRole("status")
      .filter({ hasText: /verified/i }),
  ).toBeVisible();

  await page.goto(`${SPA_ORIGIN}/?api=${encodeURIComponent(API)}`);
  await logIn(page, user.email, user.password);
  await expect(page.getByTestId("username")).toHaveText(user.username);
  const cookies = await page.context().cookies(API);
  const access = cookies.find((c) => c.name === "aw_access");
  expect(access).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  // The SPA's own script cannot read them.
  expect(await page.evaluate(() => document.cookie)).not.toContain("aw_");

  await page.getByLabel("New bio").fill("Flying from another origin");
  await page.getByRole("button", { name: "Save bio" }).click();
  await expect(page.getByTestId("bio")).toHaveText("Flying from another origin");

  await page.reload();
  await expect(page.getByTestId("status")).toHaveText("Welcome back.");
  await expect(page.getByTestId("username")).toHaveText(user.username);

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByTestId("status")).toHaveText("Logged out.");
  await page.reload();
  await expect(page.getByTestId("status")).toHaveText("Not signed in.");
  expect(seen.failed).toEqual([]);
  expect(seen.consoleErrors).toEqual([]);
  expect(seen.calls).toBeGreaterThan(5);
});

for (const transport of ["cookie", "body"] as const) {
  test(`${transport} transport: an expired access token is renewed silently, once for three parallel calls`, async ({
    page,
    request,
  }) => {
    const user = uniqueUser(`spa${transport}`);
    // The short-lived server (2-second access tokens) has its own database: sign up there.
    const registered = await request.post(`${SHORT_TTL_URL}/api/auth/register`, {
      data: { username: user.username, email: user.email, password: user.password, password2: user.password },
    });
    expect(registered.status()).toBe(201);
    const link = new URL(await verificationLinkFor(user.email));
    const verified = await request.post(`${SHORT_TTL_URL}/api/auth/email-verify`, {
      data: { uid: link.searchParams.get("uid"), token: link.searchParams.get("token") },
    });
    expect(verified.status()).toBe(200);

    const seen = watchApi(page, SHORT_TTL_URL);
    await page.goto(`${SPA_ORIGIN}/?api=${encodeURIComponent(SHORT_TTL_URL)}&transport=${transport}`);
    await expect(page.getByTestId("transport")).toHaveText(transport);
    await logIn(page, user.username, user.password);
    await expect(page.getByTestId("username")).toHaveText(user.username);
    // Loading the page signed out tried one renewal (cookies: the browser may hold a session).
    seen.refreshes = 0;

    const apiCookies = (await page.context().cookies(SHORT_TTL_URL)).filter((c) => c.name.startsWith("aw_"));
    const stored = await page.evaluate(() => sessionStorage.getItem("aw_refresh"));
    if (transport === "body") {
      expect(apiCookies).toEqual([]);
      expect(stored).toBeTruthy();
    } else {
      expect(apiCookies.map((c) => c.name).sort()).toEqual(["aw_access", "aw_device", "aw_refresh"]);
      expect(stored).toBeNull();
    }

    await page.waitForTimeout((SHORT_ACCESS_TTL_SECONDS + 1) * 1000);
    expect(seen.refreshes).toBe(0);
    await page.getByRole("button", { name: "Reload profile" }).click();
    await expect(page.getByTestId("status")).toHaveText("Profile reloaded.");
    await expect(page.getByTestId("sessions")).toHaveText("1");
    expect(seen.refreshes).toBe(1);

    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page.getByTestId("status")).toHaveText("Logged out.");
    expect(await page.evaluate(() => sessionStorage.getItem("aw_refresh"))).toBeNull();
    expect(seen.failed).toEqual([]);
    expect(seen.consoleErrors).toEqual([]);
  });
}
