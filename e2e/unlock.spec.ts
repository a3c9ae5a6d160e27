import { expect, test } from "@playwright/test";
import { auditPage, verifiedUser } from "./support/helpers";
import { logInViaForm, main } from "./support/flows";
import { SUBJECTS, mailedLinks } from "./support/mail";

// Someone hammers an account with wrong passwords: its owner is mailed an unlock link that
// lets them back in from a browser that never signed in before.

test("a throttled account is unlocked from the emailed link on a button press, then the owner logs in", async ({
  page,
}) => {
  const user = await verifiedUser(page, "unlock");
  // Ten wrong guesses, split over username and email so the per-login rate limit stays clear.
  for (let i = 0; i < 10; i++) {
    const response = await page.request.post("/api/auth/login", {
      data: { login: i % 2 ? user.email : user.username, password: `wrong guess number ${i}` },
      headers: { "x-auth-transport": "body" },
    });
    expect(response.status()).toBe(401);
  }
  const paused = await page.request.post("/api/auth/login", {
    data: { login: user.username, password: user.password },
    headers: { "x-auth-transport": "body" },
  });
  expect(paused.status()).toBe(429);
  expect(Number(paused.headers()["retry-after"])).toBeGreaterThan(0);

  const [link] = await mailedLinks({ to: user.email, subject: SUBJECTS.paused, path: "/unlock" });
  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1, name: "Unlock sign-in" })).toBeVisible();
  await auditPage(page, "unlock");
  // Opening the link spends nothing (mail scanners open links): the throttle is still on.
  const stillPaused = await page.request.post("/api/auth/login", {
    data: { login: user.username, password: user.password },
    headers: { "x-auth-transport": "body" },
  });
  expect(stillPaused.status()).toBe(429);

  await page.getByRole("button", { name: "Unlock sign-in" }).click();
  await expect(main(page).getByRole("status")).toHaveText(/unlocked/i);
  await auditPage(page, "unlock-done");
  await logInViaForm(page, user, user.password);

  // The link works once.
  await page.goto(link!);
  await page.getByRole("button", { name: "Unlock sign-in" }).click();
  await expect(main(page).getByRole("alert")).toHaveText(/already been used/i);
});
