import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { auditPage, SCREENSHOT_DIR, uniqueUser } from "./support/helpers";

// A small phone (360 px): the register page fits, and field errors appear in space that is
// already reserved, so nothing below them moves.

const PHONE = { width: 360, height: 740 };

/** Top edge of every label, the submit button and the footer line, in document coordinates. */
function layout(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    const at = (el: Element) => Math.round((el.getBoundingClientRect().top + window.scrollY) * 10) / 10;
    document.querySelectorAll("main form label").forEach((el) => (out[`label: ${el.textContent}`] = at(el)));
    const submit = document.querySelector('main form button[type="submit"]');
    if (submit) out.submit = at(submit);
    const footer = document.querySelector("main form .footer-links");
    if (footer) out.footer = at(footer);
    return out;
  });
}

function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

test("register at 360 px: no sideways scroll, and errors do not shift the form", async ({ page }) => {
  const user = uniqueUser("mobile");
  await page.goto("/register");
  await expect(page.getByRole("heading", { level: 1, name: "Create your account" })).toBeVisible();
  expect(await overflow(page), "horizontal overflow at 360 px").toBeLessThanOrEqual(0);

  // Every layout shift from here on, including those right after input (which CLS ignores).
  await page.evaluate(() => {
    const w = window as unknown as { __shifts: { value: number; nodes: string[] }[] };
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; sources?: { node?: Node }[] }[]) {
        const nodes = (entry.sources ?? []).map((s) =>
          s.node instanceof Element ? `${s.node.tagName.toLowerCase()}.${s.node.className}` : String(s.node?.nodeName),
        );
        w.__shifts.push({ value: entry.value, nodes });
      }
    }).observe({ type: "layout-shift" });
  });
  const before = await layout(page);
  expect(Object.keys(before)).toEqual(
    expect.arrayContaining([
      "label: Username",
      "label: Email",
      "label: Password",
      "label: Confirm password",
      "submit",
      "footer",
    ]),
  );

  // Errors people actually meet: a too-short username, a malformed email, a short password
  // and a confirmation that does not match (blur shows each; submit shows the rest).
  await page.getByLabel("First name", { exact: true }).fill(user.firstName);
  await page.getByLabel("Username", { exact: true }).fill("ab");
  await page.getByLabel("Email", { exact: true }).fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Confirm password", { exact: true }).fill("shorter");
  await page.getByRole("button", { name: "Create account" }).tap();

  for (const label of ["Username", "Email", "Password", "Confirm password"]) {
    await expect(page.getByLabel(label, { exact: true })).toHaveAttribute("aria-invalid", "true");
  }
  await expect(page.getByLabel("Username", { exact: true })).toHaveAccessibleDescription(/at least 3 characters/);
  await expect(page.getByLabel("Confirm password", { exact: true })).toHaveAccessibleDescription(/do not match/);
  // Let the strength hint settle (it loads its dictionary on first use).
  await expect(page.locator(".strength-label")).toHaveText(/Strength: /);

  const after = await layout(page);
  // Within half a pixel: sub-pixel rounding of the hint's font is not a shift anyone sees.
  expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  for (const [name, top] of Object.entries(before)) {
    expect(Math.abs(after[name]! - top), `${name} stays where it was`).toBeLessThanOrEqual(0.5);
  }
  const shifts = await page.evaluate(
    () => (window as unknown as { __shifts: { value: number; nodes: string[] }[] }).__shifts,
  );
  expect(shifts, "layout-shift entries while errors appeared").toEqual([]);
  expect(await overflow(page), "horizontal overflow at 360 px with errors").toBeLessThanOrEqual(0);
  await page.screenshot({
    path: join(SCREENSHOT_DIR, "register-errors-360.png"),
    fullPage: true,
    animations: "disabled",
  });
  await auditPage(page, "register-errors");
});
