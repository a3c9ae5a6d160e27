import { expect, test, type Page } from "@playwright/test";
import { auditPage, verifiedUser } from "./support/helpers";

// Logging in with the keyboard alone: Tab / Shift+Tab to move, typing, Space and Enter to
// press. No clicks, and every stop shows where focus is.

interface Focused {
  tag: string;
  name: string;
  type: string | null;
  outlineStyle: string;
  outlineWidth: number;
  outlineColor: string;
  /** The first opaque background behind the element (what the ring is drawn against). */
  backdrop: string;
  focusVisible: boolean;
}

function rgb(colour: string): [number, number, number] {
  const parts = colour.match(/[\d.]+/g)?.map(Number) ?? [];
  expect(parts.length, `a computed rgb() colour: ${colour}`).toBeGreaterThanOrEqual(3);
  return [parts[0]!, parts[1]!, parts[2]!];
}

/** WCAG 2 contrast ratio of two sRGB colours. */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, b] = rgb(colour).map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The focused element: what it is, its accessible-ish name and how its focus is drawn. */
function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) return null;
    const style = getComputedStyle(el);
    const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null;
    return {
      tag: el.tagName.toLowerCase(),
      name: (el.getAttribute("aria-label") ?? label ?? el.textContent ?? "").trim(),
      type: el.getAttribute("type"),
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      outlineColor: style.outlineColor,
      backdrop: (() => {
        // The ring sits outside the element (outline-offset), so start at its parent.
        for (let node = el.parentElement; node; node = node.parentElement) {
          const bg = getComputedStyle(node).backgroundColor;
          if (!/^rgba\(.*,\s*0\)$/.test(bg) && bg !== "transparent") return bg;
        }
        return "rgb(255, 255, 255)";
      })(),
      focusVisible: el.matches(":focus-visible"),
    };
  });
}

async function expectVisibleFocus(page: Page, name: string | RegExp): Promise<Focused> {
  const now = await focused(page);
  expect(now, "something has focus").not.toBeNull();
  expect(now!.name).toMatch(name);
  expect(now!.focusVisible, `${now!.name} matches :focus-visible`).toBe(true);
  expect(now!.outlineStyle, `${now!.name} has a focus outline`).not.toBe("none");
  expect(now!.outlineWidth, `${now!.name} focus outline width`).toBeGreaterThanOrEqual(2);
  // WCAG 1.4.11: a focus indicator needs 3:1 against what surrounds it.
  expect(
    contrast(now!.outlineColor, now!.backdrop),
    `${now!.name}: focus ring ${now!.outlineColor} on ${now!.backdrop}`,
  ).toBeGreaterThanOrEqual(3);
  return now!;
}

test("log in with the keyboard only, with a visible focus at every stop", async ({ page }) => {
  const user = await verifiedUser(page, "keyboard");
  await page.context().clearCookies();
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: "Welcome back" })).toBeVisible();

  // The first field has focus on arrival, so typing can start at once.
  await expectVisibleFocus(page, "Username or email");
  // Shift+Tab walks back through the header to the skip link; every stop shows focus.
  const stops: string[] = [];
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press("Shift+Tab");
    const now = await expectVisibleFocus(page, /.+/);
    stops.push(now.name);
    if (now.name === "Skip to content") break;
  }
  expect(stops, "header links come before the form").toEqual(["Sign up", "Log in", "ASTROWORLD", "Skip to content"]);
  // The skip link jumps past the header: the next Tab lands in the form.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page, "Username or email");

  await page.keyboard.type(user.username);
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page, "Password");
  await page.keyboard.type(user.password);
  const password = page.getByLabel("Password", { exact: true });
  await expect(password).toHaveAttribute("type", "password");

  // Show / hide the password from the keyboard: Space, then Enter.
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page, "Show password");
  await page.keyboard.press("Space");
  await expect(password).toHaveAttribute("type", "text");
  await expect(password).toHaveValue(user.password);
  await expect(page.getByRole("button", { name: "Hide password" })).toHaveAttribute("aria-pressed", "true");
  await expectVisibleFocus(page, "Hide password");
  await auditPage(page, "login-keyboard-password-shown");
  await page.keyboard.press("Enter");
  await expect(password).toHaveAttribute("type", "password");
  await expect(page.getByRole("button", { name: "Show password" })).toHaveAttribute("aria-pressed", "false");

  // Shift+Tab goes back to the field, Tab forward again past the toggle and the reset link.
  await page.keyboard.press("Shift+Tab");
  await expectVisibleFocus(page, "Password");
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page, "Show password");
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page, "Forgot password?");
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page, "Log in");
  expect((await focused(page))!.tag).toBe("button");
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-username")).toHaveText(user.username);
});
