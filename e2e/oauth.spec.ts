import { expect, test, type APIRequestContext } from "@playwright/test";
import { main } from "./support/flows";
import { mailsTo } from "./support/mail";
import { auditPage, fillLogin, verifiedUser } from "./support/helpers";
import { OAUTH_STANDIN_URL } from "./support/oauth-standin-config";
import { SHORT_TTL_URL } from "./support/short-ttl-server";
import { SPA_ORIGIN } from "./support/spa-config";

// Social sign-in through the real pages against the local OAuth stand-in
// (e2e/support/oauth-standin.ts): the login page's button, the provider's consent page, the
// callback, the account page's Connected accounts section.

interface Person {
  provider: "github" | "google";
  key: string;
  id: string;
  login: string;
  name: string;
  email: string;
  emailVerified: boolean;
}

async function personAtProvider(request: APIRequestContext, provider: Person["provider"], email?: string) {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const person: Person = {
    provider,
    key: `e2e-${tag}`,
    id: String(Date.now() * 10 + Math.floor(Math.random() * 10)),
    login: `nova${tag}`,
    name: "Nova Star",
    email: email ?? `nova${tag}@example.test`,
    emailVerified: true,
  };
  const response = await request.post(`${OAUTH_STANDIN_URL}/_identities`, { data: person });
  expect(response.status()).toBe(201);
  return person;
}

test("signs up and in with GitHub from the login page, and shows the connection on the account page", async ({
  page,
}) => {
  const person = await personAtProvider(page.request, "github");
  await page.goto("/login");
  await auditPage(page, "login-with-providers");
  const github = main(page).getByRole("link", { name: "Sign in with GitHub" });
  await expect(main(page).getByRole("link", { name: "Sign in with Google" })).toBeVisible();
  await github.click();
  await page.getByRole("button", { name: `Continue as ${person.login}` }).click();

  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-username")).toHaveText(person.login);
  const connected = page.getByTestId("connected-github");
  await expect(connected).toContainText(person.email);
  await expect(main(page).getByText("Your account has no password yet")).toBeVisible();

  // The only way in cannot be disconnected; the page says why.
  await connected.getByRole("button", { name: "Disconnect GitHub" }).click();
  await expect(page.getByTestId("connected-accounts-message")).toContainText("This is your only way to sign in");
  await page.getByRole("heading", { name: "Connected accounts" }).scrollIntoViewIfNeeded();
  await auditPage(page, "account-connected-accounts");
});

/** The newest confirmation code mailed to `email`. */
async function mailedCode(email: string): Promise<string> {
  let code = "";
  await expect
    .poll(async () => {
      const mail = (await mailsTo(email)).find((m) => m.subject === "Your ASTROWORLD confirmation code");
      code = /Confirmation code: (\d{6})/.exec(mail?.text ?? "")?.[1] ?? "";
      return code;
    })
    .toMatch(/^\d{6}$/);
  return code;
}

test("an account made with GitHub has no password: a mailed code confirms its new address and its deletion", async ({
  page,
}) => {
  const person = await personAtProvider(page.request, "github");
  await page.goto("/login");
  await main(page).getByRole("link", { name: "Sign in with GitHub" }).click();
  await page.getByRole("button", { name: `Continue as ${person.login}` }).click();
  await expect(page).toHaveURL(/\/account$/);

  // With JavaScript: the code is asked for in place, beside the field.
  const email = page.getByRole("form", { name: "Change email address" });
  await expect(email.getByLabel("Current password")).toHaveCount(0);
  await email.getByRole("button", { name: "Email me a code" }).click();
  await expect(email.getByRole("status").first()).toContainText(`We sent a code to ${person.email}`);
  await email.scrollIntoViewIfNeeded();
  await auditPage(page, "account-email-code");
  await email.getByLabel("New email address", { exact: true }).fill(`moved.${person.login}@example.test`);
  // Enter sends the form (not another code, though that button comes first).
  await email.getByLabel("Code from the email", { exact: true }).fill(await mailedCode(person.email));
  await email.getByLabel("Code from the email", { exact: true }).press("Enter");
  await expect(email.getByRole("status").last()).toContainText(`Check moved.${person.login}@example.test`);

  // Without JavaScript: asking for the code is a form post that comes back to the open question.
  const context = await page.context().browser()!.newContext({ javaScriptEnabled: false });
  try {
    await context.addCookies(await page.context().cookies());
    const plain = await context.newPage();
    await plain.goto("/account?confirm=delete-account#delete-question");
    const question = plain.getByRole("form", { name: "Delete your account for good?" });
    await question.getByRole("button", { name: "Email me a code" }).click();
    await expect(plain).toHaveURL(/\/account\?confirm=delete-account#delete-question$/);
    await expect(question).toContainText(`We sent a code to ${person.email}`);
    const code = await mailedCode(person.email);
    await question.getByLabel("Code from the email", { exact: true }).fill(code);
    await question.getByLabel("Code from the email", { exact: true }).press("Enter");
    await expect(plain).toHaveURL(/\/goodbye$/);
  } finally {
    await context.close();
  }
});

test("cancelling at the provider lands back on /login with a message", async ({ page }) => {
  await page.goto("/register");
  await expect(main(page).getByRole("link", { name: "Sign up with GitHub" })).toBeVisible();
  await auditPage(page, "register-with-providers");
  await main(page).getByRole("link", { name: "Sign up with Google" }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(main(page).getByRole("alert")).toContainText("Sign-in was cancelled at the provider");
  // The message has focus; the empty field it left is not called wrong before anyone typed.
  await expect(main(page).getByRole("alert").locator("p")).toBeFocused();
  await expect(main(page).getByText("Username or email is required")).toHaveCount(0);
});

test("an address with a password account is not taken over: log in first, then connect from /account", async ({
  page,
}) => {
  const user = await verifiedUser(page, "oauth-link");
  const person = await personAtProvider(page.request, "google", user.email);
  await page.goto("/login");
  await main(page).getByRole("link", { name: "Sign in with Google" }).click();
  await page.getByRole("button", { name: `Continue as ${person.login}` }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(main(page).getByRole("alert")).toContainText("An account with this email already exists");
  await auditPage(page, "login-oauth-account-exists");

  await fillLogin(page, user.username, user.password);
  await expect(page).toHaveURL(/\/account$/);
  await page.getByTestId("connected-google").getByRole("link", { name: "Connect Google" }).click();
  await page.getByRole("button", { name: `Continue as ${person.login}` }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("connected-accounts-message")).toHaveText("Google is now connected to your account.");
  await expect(page.getByTestId("connected-google")).toContainText(user.email);

  await page.getByTestId("connected-google").getByRole("button", { name: "Disconnect Google" }).click();
  await expect(page.getByTestId("connected-accounts-message")).toHaveText("Google is disconnected from your account.");
  await expect(page.getByTestId("connected-google")).toContainText("Not connected");
});

test("the example SPA on another origin signs in with GitHub and comes back signed in (cookie transport)", async ({
  page,
}) => {
  const person = await personAtProvider(page.request, "github");
  await page.goto(`${SPA_ORIGIN}/?api=${encodeURIComponent("http://localhost:3100")}`);
  await expect(page.getByTestId("status")).toHaveText("Not signed in.");
  await page.getByRole("link", { name: "Sign in with GitHub" }).click();
  await page.getByRole("button", { name: `Continue as ${person.login}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${SPA_ORIGIN}/`));
  await expect(page.getByTestId("username")).toHaveText(person.login);
  // No token ever travelled in a URL.
  expect(page.url()).not.toMatch(/access|refresh|token|code=/);
});

test("a server without provider credentials shows no provider buttons", async ({ page }) => {
  // The second e2e server (playwright.config.ts) has no GITHUB_* or GOOGLE_* settings.
  for (const path of ["/login", "/register"]) {
    await page.goto(`${SHORT_TTL_URL}${path}`);
    await expect(main(page).getByRole("heading", { level: 1 })).toBeVisible();
    await expect(main(page).getByRole("link", { name: /with (GitHub|Google)/ })).toHaveCount(0);
  }
  const start = await page.request.get(`${SHORT_TTL_URL}/api/auth/oauth/github`, { maxRedirects: 0 });
  expect(start.status()).toBe(404);
  expect(await start.json()).toMatchObject({ code: "not_found" });
});
