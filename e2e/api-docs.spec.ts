import { expect, test } from "@playwright/test";
import { auditPage } from "./support/helpers";

test("the API reference is linked from the landing page and shows every operation of the served document", async ({
  page,
  request,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/");
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/docs\/api$/);
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();

  const doc = (await (await request.get("/api/auth/openapi.json")).json()) as {
    paths: Record<string, Record<string, { operationId: string }>>;
  };
  const ids = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((o) => o.operationId));
  expect(ids.length).toBeGreaterThan(18);
  for (const id of ids) await expect(page.locator(`section#${id}`)).toHaveCount(1);
  await expect(page.locator("section#login")).toContainText("X-Auth-Transport");
  await expect(page.locator("section#login")).toContainText("login_throttled");

  await auditPage(page, "docs-api");
  expect(violations).toEqual([]);
});
