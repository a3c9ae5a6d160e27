// Social sign-in against a local stand-in provider (tests/support/oauth-provider.ts): the real
// start → consent → callback → code exchange (PKCE) → identity path, on both databases.
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { getDb, tables } from "@/db";
import { flashCookieName, readFlash, type Flash } from "@/lib/http/flash";
import { startOAuthStandIn, type StandInIdentity, type StandInProvider } from "../support/oauth-provider";
import { setCookiesOf, storeCookies, type CookieJar } from "../helpers/cookies";
import { confirmReset, requestResetLink, strongPassword } from "../helpers/account";
import { call, get, json } from "../helpers/http";
import { activeUser, loginWithCookies, newUser } from "../helpers/users";

const SPA = "http://spa.example:5173";
const standIn = await startOAuthStandIn();
// Read by lib/env.ts on first use, which comes after this (the database opens in beforeAll).
Object.assign(process.env, standIn.env, { RATE_LIMIT_OAUTH: "1000/60", AUTH_TRUSTED_ORIGINS: SPA });

afterAll(() => standIn.close());
afterEach(() => vi.restoreAllMocks());

let counter = 0;
/** A person at the provider no other test uses; their address is verified there unless said otherwise. */
function identity(provider: StandInProvider, overrides: Partial<StandInIdentity> = {}): StandInIdentity {
  counter += 1;
  const tag = `${counter}${Math.random().toString(36).slice(2, 7)}`;
  const person: StandInIdentity = {
    provider,
    key: `person-${tag}`,
    id: String(100_000 + counter * 1000 + Math.floor(Math.random() * 999)),
    login: `octo${tag}`,
    name: "Ada Lovelace",
    email: `octo${tag}@example.test`,
    emailVerified: true,
    ...overrides,
  };
  standIn.addIdentity(person);
  return person;
}

/** GET /api/auth/oauth/{provider}: the provider's authorize URL; the flow's cookies land in `jar`. */
async function start(provider: string, jar: CookieJar, query = ""): Promise<URL> {
  const response = await get(`/api/auth/oauth/${provider}${query}`, { jar });
  expect(response.status, await response.clone().text()).toBe(302);
  storeCookies(jar, response);
  return new URL(response.headers.get("location")!);
}

/** The person answers the consent page: the callback path the provider sends the browser to. */
async function consent(authorize: URL, choice: { as?: string; deny?: boolean }): Promise<string> {
  const url = new URL(authorize);
  if (choice.as) url.searchParams.set("as", choice.as);
  if (choice.deny) url.searchParams.set("deny", "1");
  const response = await fetch(url, { redirect: "manual" });
  expect(response.status).toBe(302);
  const back = new URL(response.headers.get("location")!);
  return `${back.pathname}${back.search}`;
}

async function callback(path: string, jar: CookieJar): Promise<Response> {
  const response = await get(path, { jar });
  storeCookies(jar, response);
  return response;
}

/** The whole flow as a browser runs it; the callback's answer. */
async function signInWith(person: StandInIdentity, jar: CookieJar = new Map(), query = ""): Promise<Response> {
  return callback(await consent(await start(person.provider, jar, query), { as: person.key }), jar);
}

function flashOf(response: Response, page = "/login"): Flash | null {
  return readFlash(setCookiesOf(response).get(flashCookieName())?.value, page);
}

function expectRefusedTo(response: Response, page: string, code: string) {
  expect(response.status).toBe(303);
  expect(response.headers.get("location")).toBe(page);
  expect(flashOf(response, page)).toMatchObject({ ok: false, code });
  expect(setCookiesOf(response).get("aw_access")).toBeUndefined();
}

async function usersWithEmail(email: string) {
  const db = await getDb();
  return db.select().from(tables.users).where(eq(tables.users.email, email));
}

async function linksOf(provider: StandInProvider, id: string) {
  const db = await getDb();
  return db
    .select()
    .from(tables.oauthAccounts)
    .where(and(eq(tables.oauthAccounts.provider, provider), eq(tables.oauthAccounts.providerUserId, id)));
}

async function me(jar: CookieJar) {
  const response = await get("/api/auth/user", { jar });
  expect(response.status).toBe(200);
  return json<{ id: string; username: string; email: string; email_verified: boolean }>(response);
}

describe("starting a provider sign-in", () => {
  it("redirects to the provider with state, an S256 PKCE challenge and short-lived httpOnly Lax cookies", async () => {
    const jar: CookieJar = new Map();
    const response = await get("/api/auth/oauth/github", { jar });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(standIn.env.OAUTH_GITHUB_AUTHORIZE_URL);
    expect(location.searchParams.get("client_id")).toBe(standIn.clients.github.id);
    expect(location.searchParams.get("redirect_uri")).toBe("http://localhost:3000/api/auth/oauth/github/callback");
    expect(location.searchParams.get("code_challenge_method")).toBe("S256");
    expect(location.searchParams.get("state")).toMatch(/^[\w-]{20,}$/);
    const cookies = setCookiesOf(response);
    for (const name of ["aw_oauth_state", "aw_oauth_verifier"]) {
      expect(cookies.get(name)?.attributes).toMatchObject({ httponly: true, samesite: "Lax", "max-age": "600" });
    }
    // The verifier never leaves the browser's cookie for the URL.
    expect(location.toString()).not.toContain(cookies.get("aw_oauth_verifier")!.value);
  });

  it("adds an OpenID nonce for Google", async () => {
    const jar: CookieJar = new Map();
    const location = await start("google", jar);
    expect(location.searchParams.get("scope")).toBe("openid email profile");
    expect(location.searchParams.get("nonce")).toBe(jar.get("aw_oauth_nonce"));
  });

  it("answers 404 in the error format for an unknown provider", async () => {
    for (const path of ["/api/auth/oauth/twitter", "/api/auth/oauth/twitter/callback?code=x&state=y"]) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(await json(response)).toMatchObject({ code: "not_found" });
    }
  });

  it("refuses to connect a provider without a signed-in account", async () => {
    const response = await get("/api/auth/oauth/github?intent=link");
    expect(response.status).toBe(401);
  });
});

describe("signing in with a provider", () => {
  it("creates a verified account for a new GitHub identity and signs in like a password login", async () => {
    const person = identity("github");
    const jar: CookieJar = new Map();
    const response = await signInWith(person, jar);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/account");
    const cookies = setCookiesOf(response);
    expect(cookies.get("aw_access")?.attributes).toMatchObject({
      httponly: true,
      samesite: expect.stringMatching(/^lax$/i),
    });
    expect(cookies.get("aw_refresh")).toBeDefined();
    expect(cookies.get("aw_device")).toBeDefined();
    // The flow's cookies are spent.
    expect(jar.has("aw_oauth_state") || jar.has("aw_oauth_verifier")).toBe(false);

    const user = await me(jar);
    expect(user).toMatchObject({ username: person.login, email: person.email, email_verified: true });
    const [row] = await usersWithEmail(person.email);
    expect(row!.passwordHash.startsWith("!")).toBe(true);
    expect(row!.firstName).toBe("Ada");
    const db = await getDb();
    const events = await db.select().from(tables.auditEvents).where(eq(tables.auditEvents.userId, user.id));
    expect(events.map((e) => [e.event, e.metadata])).toEqual(
      expect.arrayContaining([
        ["register", { method: "oauth", provider: "github" }],
        ["login_success", { method: "oauth", provider: "github" }],
      ]),
    );
    expect(await linksOf("github", person.id)).toHaveLength(1);
  });

  it("signs a returning identity in to the same account and lands on a safe `next`", async () => {
    const person = identity("github");
    const first = new Map<string, string>();
    await signInWith(person, first);
    const { id } = await me(first);
    const [before] = await linksOf("github", person.id);

    const second = new Map<string, string>();
    const response = await signInWith(person, second, "?next=%2Fdashboard%3Ftab%3D1");
    expect(response.headers.get("location")).toBe("/dashboard?tab=1");
    expect((await me(second)).id).toBe(id);
    expect(await usersWithEmail(person.email)).toHaveLength(1);
    const [after] = await linksOf("github", person.id);
    expect(after!.lastUsedAt.getTime()).toBeGreaterThanOrEqual(before!.lastUsedAt.getTime());

    for (const next of ["//evil.example/", "https://evil.example/", `${SPA}.evil.example/`, "javascript:alert(1)"]) {
      const offsite = await signInWith(person, new Map(), `?next=${encodeURIComponent(next)}`);
      expect(offsite.headers.get("location"), next).toBe("/account");
    }
    // A frontend listed in AUTH_TRUSTED_ORIGINS gets its own page back (a SPA on another origin).
    const spa = await signInWith(person, new Map(), `?next=${encodeURIComponent(`${SPA}/app?tab=2`)}`);
    expect(spa.headers.get("location")).toBe(`${SPA}/app?tab=2`);
  });

  it("creates a Google account from a verified ID token (name claims, nonce checked)", async () => {
    const person = identity("google", { name: "Grace Hopper" });
    const jar: CookieJar = new Map();
    const response = await signInWith(person, jar);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/account");
    const user = await me(jar);
    expect(user.email).toBe(person.email);
    const [row] = await usersWithEmail(person.email);
    expect([row!.firstName, row!.lastName]).toEqual(["Grace", "Hopper"]);
  });

  it("makes the provider's login a free username", async () => {
    const taken = await activeUser();
    const person = identity("github", { login: taken.username.toUpperCase() });
    const jar: CookieJar = new Map();
    await signInWith(person, jar);
    expect((await me(jar)).username).toBe(`${taken.username.toUpperCase()}-2`);

    const odd = identity("github", { login: "a" });
    const oddJar: CookieJar = new Map();
    await signInWith(odd, oddJar);
    expect((await me(oddJar)).username).toBe("user-a");
  });

  it("never links an existing account by its address: sends the person to log in first", async () => {
    const owner = await activeUser();
    const person = identity("github", { email: owner.email.toUpperCase() });
    const response = await signInWith(person);
    expectRefusedTo(response, "/login", "oauth_account_exists");
    expect(flashOf(response)!.detail).toMatch(/Log in with your password/);
    expect(await linksOf("github", person.id)).toHaveLength(0);
    expect(await usersWithEmail(owner.email)).toHaveLength(1);
  });

  it("creates no account from an address the provider has not verified", async () => {
    for (const provider of ["github", "google"] as const) {
      const person = identity(provider, { emailVerified: false });
      expectRefusedTo(await signInWith(person), "/login", "oauth_email_unverified");
      expect(await usersWithEmail(person.email)).toHaveLength(0);
    }
    // Nor links one that has an account.
    const owner = await activeUser();
    const squatter = identity("github", { email: owner.email, emailVerified: false });
    expectRefusedTo(await signInWith(squatter), "/login", "oauth_email_unverified");
    expect(await linksOf("github", squatter.id)).toHaveLength(0);
  });

  it("refuses a disabled account", async () => {
    const person = identity("github");
    await signInWith(person);
    const db = await getDb();
    await db.update(tables.users).set({ isActive: false }).where(eq(tables.users.email, person.email));
    expectRefusedTo(await signInWith(person), "/login", "account_disabled");
  });

  it("one new identity finishing in many tabs at once gets one account", async () => {
    const person = identity("github");
    const jars = Array.from({ length: 12 }, () => new Map<string, string>());
    const paths = await Promise.all(jars.map(async (jar) => consent(await start("github", jar), { as: person.key })));
    const answers = await Promise.all(paths.map((path, i) => callback(path, jars[i]!)));
    for (const answer of answers) expect(answer.headers.get("location")).toBe("/account");
    expect(await usersWithEmail(person.email)).toHaveLength(1);
    expect(await linksOf("github", person.id)).toHaveLength(1);
  });
});

describe("a callback that does not check out lands on /login with a message", () => {
  it("denied consent", async () => {
    const jar: CookieJar = new Map();
    const response = await callback(await consent(await start("github", jar), { deny: true }), jar);
    expectRefusedTo(response, "/login", "oauth_denied");
    expect(flashOf(response)!.detail).toMatch(/cancelled/);
    // The flow's cookies are cleared whatever happened.
    expect(jar.size).toBe(1);
  });

  it("a provider error", async () => {
    const jar: CookieJar = new Map();
    const authorize = await start("github", jar);
    const state = authorize.searchParams.get("state")!;
    const response = await callback(`/api/auth/oauth/github/callback?error=server_error&state=${state}`, jar);
    expectRefusedTo(response, "/login", "oauth_provider_error");
  });

  it("a tampered state", async () => {
    const person = identity("github");
    const jar: CookieJar = new Map();
    const path = await consent(await start("github", jar), { as: person.key });
    const tampered = path.replace(/state=([^&]+)/, (_, s: string) => `state=${s.slice(0, -2)}xx`);
    expectRefusedTo(await callback(tampered, jar), "/login", "oauth_state_invalid");
    const without = path.replace(/&?state=[^&]+/, "");
    expectRefusedTo(await callback(without, new Map(jar)), "/login", "oauth_state_invalid");
    expect(await usersWithEmail(person.email)).toHaveLength(0);
  });

  it("a callback in another browser (no state cookie): login CSRF with the attacker's code fails", async () => {
    const attacker = identity("github");
    const path = await consent(await start("github", new Map()), { as: attacker.key });
    expectRefusedTo(await callback(path, new Map()), "/login", "oauth_state_invalid");
  });

  it("a state cookie of another provider", async () => {
    const person = identity("google");
    const jar: CookieJar = new Map();
    const githubState = (await start("github", jar)).searchParams.get("state")!;
    const path = await consent(await start("google", new Map()), { as: person.key });
    const forged = path.replace(/state=[^&]+/, `state=${githubState}`);
    expectRefusedTo(await callback(forged, jar), "/login", "oauth_state_invalid");
  });

  it("a missing PKCE verifier cookie", async () => {
    const person = identity("github");
    const jar: CookieJar = new Map();
    const path = await consent(await start("github", jar), { as: person.key });
    jar.delete("aw_oauth_verifier");
    expectRefusedTo(await callback(path, jar), "/login", "oauth_state_invalid");
  });

  it("a wrong PKCE verifier: the provider refuses the code", async () => {
    const person = identity("github");
    const jar: CookieJar = new Map();
    const path = await consent(await start("github", jar), { as: person.key });
    jar.set("aw_oauth_verifier", "x".repeat(43));
    expectRefusedTo(await callback(path, jar), "/login", "oauth_provider_error");
  });

  it("an expired state", async () => {
    const person = identity("github");
    const jar: CookieJar = new Map();
    const path = await consent(await start("github", jar), { as: person.key });
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + 601_000);
    expectRefusedTo(await callback(path, jar), "/login", "oauth_state_expired");
  });

  it("a replayed code, with or without the flow's cookies, signs nobody in again", async () => {
    const person = identity("github");
    const jar: CookieJar = new Map();
    const path = await consent(await start("github", jar), { as: person.key });
    const captured = new Map(jar);
    expect((await callback(path, jar)).headers.get("location")).toBe("/account");
    // The same browser: its flow cookies are spent.
    expectRefusedTo(await callback(path, jar), "/login", "oauth_state_invalid");
    // Someone who also copied the cookies: the provider refuses the spent code, 30 times at once.
    const replays = await Promise.all(Array.from({ length: 30 }, () => callback(path, new Map(captured))));
    for (const replay of replays) expectRefusedTo(replay, "/login", "oauth_provider_error");
  });

  it("a forged code", async () => {
    const jar: CookieJar = new Map();
    const state = (await start("github", jar)).searchParams.get("state")!;
    const response = await callback(`/api/auth/oauth/github/callback?code=forged&state=${state}`, jar);
    expectRefusedTo(response, "/login", "oauth_provider_error");
  });

  it("a Google ID token for another client, from another issuer, expired, or with another nonce", async () => {
    const bad = [
      { aud: "someone-else.apps.example" },
      { iss: "https://issuer.example" },
      { exp: Math.floor(Date.now() / 1000) - 60 },
      { nonce: "not-this-flow" },
    ];
    for (const claims of bad) {
      const person = identity("google", { claims });
      expectRefusedTo(await signInWith(person), "/login", "oauth_provider_error");
      expect(await usersWithEmail(person.email)).toHaveLength(0);
    }
  });
});

describe("connected accounts", () => {
  async function connect(person: StandInIdentity, jar: CookieJar): Promise<Response> {
    const path = await consent(await start(person.provider, jar, "?intent=link"), { as: person.key });
    return callback(path, jar);
  }

  it("a signed-in password account connects GitHub, then signs in with it", async () => {
    const owner = await activeUser();
    const jar = await loginWithCookies(owner);
    const person = identity("github", { email: owner.email });
    const response = await connect(person, jar);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/account");
    expect(flashOf(response, "/account")).toMatchObject({
      ok: true,
      detail: "GitHub is now connected to your account.",
    });
    const { id } = await me(jar);
    expect((await linksOf("github", person.id))[0]!.userId).toBe(id);

    const listed = await json<{ accounts: { provider: string }[]; providers: string[]; has_password: boolean }>(
      await get("/api/auth/connected-accounts", { jar }),
    );
    expect(listed).toMatchObject({ providers: ["github", "google"], has_password: true });
    expect(listed.accounts.map((a) => a.provider)).toEqual(["github"]);

    const again: CookieJar = new Map();
    await signInWith(person, again);
    expect((await me(again)).id).toBe(id);
  });

  it("an identity connected to another account is refused, nothing changes", async () => {
    const person = identity("github");
    await signInWith(person);
    const [before] = await linksOf("github", person.id);
    const other = await activeUser();
    const jar = await loginWithCookies(other);
    expectRefusedTo(await connect(person, jar), "/account", "oauth_identity_taken");
    expect(await linksOf("github", person.id)).toEqual([before]);
  });

  it("a second identity of the same provider is refused", async () => {
    const owner = await activeUser();
    const jar = await loginWithCookies(owner);
    await connect(identity("github"), jar);
    const second = identity("github");
    expectRefusedTo(await connect(second, jar), "/account", "oauth_provider_already_linked");
    expect(await linksOf("github", second.id)).toHaveLength(0);
  });

  it("connecting needs the account that started it, still signed in", async () => {
    const owner = await activeUser();
    const jar = await loginWithCookies(owner);
    const person = identity("github");
    const path = await consent(await start("github", jar, "?intent=link"), { as: person.key });
    await call("POST", "/api/auth/logout", { jar });
    jar.delete("aw_access");
    jar.delete("aw_refresh");
    expectRefusedTo(await callback(path, jar), "/login", "not_authenticated");
    expect(await linksOf("github", person.id)).toHaveLength(0);
  });

  it("disconnects a provider, but never the last way to sign in", async () => {
    const github = identity("github");
    const jar: CookieJar = new Map();
    await signInWith(github, jar);
    const last = await call("DELETE", "/api/auth/connected-accounts/github", { jar });
    expect(last.status).toBe(409);
    expect(await json(last)).toMatchObject({ code: "oauth_last_sign_in_method" });
    expect(await linksOf("github", github.id)).toHaveLength(1);

    await connect(identity("google"), jar);
    const ok = await call("DELETE", "/api/auth/connected-accounts/github", { jar });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(await json(ok)).toEqual({ detail: "GitHub is disconnected from your account." });
    expect(await linksOf("github", github.id)).toHaveLength(0);
    expect((await call("DELETE", "/api/auth/connected-accounts/google", { jar })).status).toBe(409);
    expect((await call("DELETE", "/api/auth/connected-accounts/github", { jar })).status).toBe(404);
  });

  it("two providers disconnected at once: one stays", async () => {
    const jar: CookieJar = new Map();
    const github = identity("github");
    await signInWith(github, jar);
    const google = identity("google");
    await connect(google, jar);
    const answers = await Promise.all(
      ["github", "google", "github", "google"].map((p) => call("DELETE", `/api/auth/connected-accounts/${p}`, { jar })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const db = await getDb();
    const { id } = await me(jar);
    expect(await db.select().from(tables.oauthAccounts).where(eq(tables.oauthAccounts.userId, id))).toHaveLength(1);
  });

  it("an account with a password may disconnect its only provider", async () => {
    const owner = await activeUser();
    const jar = await loginWithCookies(owner);
    await connect(identity("github"), jar);
    expect((await call("DELETE", "/api/auth/connected-accounts/github", { jar })).status).toBe(200);
  });
});

describe("an account made by a provider has no password", () => {
  it("password login fails like a wrong password; password change explains how to set one", async () => {
    const person = identity("github");
    const jar: CookieJar = new Map();
    await signInWith(person, jar);
    const login = await call("POST", "/api/auth/login", { json: { login: person.email, password: "!" } });
    expect(login.status).toBe(401);
    expect(await json(login)).toMatchObject({ code: "invalid_credentials" });
    const { password } = newUser();
    const change = await call("POST", "/api/auth/password-change", {
      jar,
      json: { current_password: "anything-at-all", new_password: password, new_password2: password },
    });
    expect(change.status).toBe(400);
    expect((await json<{ fields: Record<string, string[]> }>(change)).fields.current_password![0]).toMatch(
      /no password yet/,
    );
  });

  it("sets one through the reset link, then logs in with it and may disconnect the provider", async () => {
    const person = identity("github");
    const jar: CookieJar = new Map();
    await signInWith(person, jar);
    const password = strongPassword();
    const reset = await confirmReset(await requestResetLink(person.email), password);
    expect(reset.status, await reset.clone().text()).toBe(200);
    const login = await loginWithCookies({ username: person.login, email: person.email, password });
    expect((await call("DELETE", "/api/auth/connected-accounts/github", { jar: login })).status).toBe(200);
  });
});
