import { expect, test } from "@playwright/test";
import { auditPage } from "./support/helpers";
import { main } from "./support/flows";

// The pages nobody plans to see: branded, titled, a way home, no scrolling on an empty page,
// axe clean in the light and the dark scheme.

test("an unknown address answers a branded 404 with a way home", async ({ page }) => {
  const response = await page.goto("/no-such-page/anywhere");
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle("Page not found · ASTROWORLD Auth");
  await expect(page.getByRole("banner").getByRole("link", { name: "ASTROWORLD" })).toBeVisible();
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("We could not find that page");
  await auditPage(page, "not-found");
  for (const size of [
    { width: 1280, height: 800 },
    { width: 375, height: 812 },
  ]) {
    await page.setViewportSize(size);
    const scroll = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    expect(scroll, `vertical scroll at ${size.width}px`).toBeLessThanOrEqual(0);
  }
  await main(page).getByRole("link", { name: "Go to the home page" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("dark mode: the login page follows the system scheme", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/login");
  const card = page.locator(".card").first();
  const background = await card.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).toBe("rgb(22, 28, 53)");
  await page.emulateMedia({ colorScheme: "light" });
  expect(await card.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(255, 255, 255)");
});

test("/favicon.ico answers an icon (browsers ask for it whatever the page says)", async ({ request }) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  expect((await response.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
});

test("a page that fails to render shows the branded error page, with a retry and a way home", async ({ page }) => {
  // /test/fault throws while rendering; it exists only where TEST_ROUTES=true (the e2e server).
  const response = await page.goto("/test/fault");
  expect(response?.status()).toBe(500);
  await expect(page).toHaveTitle("Something went wrong · ASTROWORLD Auth");
  await expect(page.getByRole("banner").getByRole("link", { name: "ASTROWORLD" })).toBeVisible();
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Something went wrong");
  await expect(main(page).getByRole("button", { name: "Try again" })).toBeVisible();
  await auditPage(page, "error-page");
  await main(page).getByRole("link", { name: "Go to the home page" }).click();
  await expect(page).toHaveURL(/\/$/);
});
