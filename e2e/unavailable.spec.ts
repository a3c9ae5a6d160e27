import { expect, test } from "@playwright/test";
import { auditPage } from "./support/helpers";

// The page a visitor lands on while the database cannot be reached (lib/auth/current-user.ts
// sends them there with the page they asked for). The outage itself is driven through a TCP
// proxy in tests/api/database-outage.test.ts; here the page must be branded, accessible and
// lead back to that page, never off-site.

test("the temporarily unavailable page leads back to the page asked for", async ({ page }) => {
  await page.goto("/unavailable?next=%2Faccount%3Ftab%3Dsessions");
  await expect(page.getByRole("heading", { level: 1, name: "Temporarily unavailable" })).toBeVisible();
  await expect(page).toHaveTitle(/Temporarily unavailable · ASTROWORLD Auth/);
  const retry = page.getByRole("link", { name: "Try again" });
  await expect(retry).toHaveAttribute("href", "/account?tab=sessions");
  await auditPage(page, "unavailable");
});

test("a hostile next= on the unavailable page leads home", async ({ page }) => {
  for (const next of ["//evil.com", "https://evil.com", "/\\evil.com", "javascript:alert(1)"]) {
    await page.goto(`/unavailable?next=${encodeURIComponent(next)}`);
    await expect(page.getByRole("link", { name: "Try again" })).toHaveAttribute("href", "/");
  }
});
