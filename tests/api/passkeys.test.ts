// Passkeys through the API, answered by a software authenticator (tests/helpers/passkey-authenticator.ts):
// registration and sign-in in both transports, and each way an attacker would bend a ceremony.
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb, tables } from "@/db";
import { MAX_PASSKEYS_PER_ACCOUNT } from "@/lib/schemas/passkeys";
import { api, auditEventsOf, expectError, signIn, userRow, type Credentials } from "../helpers/account";
import { setCookiesOf } from "../helpers/cookies";
import { json, post, type RequestOptions } from "../helpers/http";
import {
  createCredential,
  getAssertion,
  newAuthenticator,
  type Forgery,
  type SoftAuthenticator,
} from "../helpers/passkey-authenticator";
import { enrolledUser, passwordStep } from "../helpers/two-factor";
import { activeUser, mailTo, type TestUser } from "../helpers/users";

vi.hoisted(() => {
  process.env.RATE_LIMIT_PASSKEY_OPTIONS = "1000/60";
  process.env.RATE_LIMIT_PASSKEY_MANAGE = "1000/60";
  process.env.RATE_LIMIT_LOGIN = "1000/60";
  process.env.RATE_LIMIT_LOGIN_IP = "1000/60";
  process.env.LOGIN_THROTTLE_FAILURES = "3";
});

const P = {
  registerOptions: "/api/auth/passkeys/register/options",
  registerVerify: "/api/auth/passkeys/register/verify",
  list: "/api/auth/passkeys",
  loginOptions: "/api/auth/passkeys/login/options",
  loginVerify: "/api/auth/passkeys/login/verify",
};

type Options = { challenge: string; user: { id: string } };
interface PasskeyView {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  backed_up: boolean;
  transports: string[];
}

async function registrationOptions(credentials: Credentials): Promise<Options> {
  const response = await api("POST", P.registerOptions, credentials);
  expect(response.status, await response.clone().text()).toBe(200);
  return json<Options>(response);
}

function verifyRegistration(credentials: Credentials, body: unknown): Promise<Response> {
  return api("POST", P.registerVerify, { ...credentials, json: body });
}

/** Registers a new passkey (or the given authenticator's) for whoever `credentials` signs in as. */
async function addPasskey(credentials: Credentials, name = "Laptop", authenticator = newAuthenticator()) {
  const options = await registrationOptions(credentials);
  const response = await verifyRegistration(credentials, {
    name,
    credential: createCredential(authenticator, options),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  const { passkey } = await json<{ passkey: PasskeyView }>(response);
  return { authenticator, passkey };
}

async function loginOptions(): Promise<{ challenge: string }> {
  const response = await post(P.loginOptions);
  expect(response.status, await response.clone().text()).toBe(200);
  return json<{ challenge: string }>(response);
}

async function passkeyLogin(authenticator: SoftAuthenticator, forgery: Forgery = {}, options: RequestOptions = {}) {
  const credential = getAssertion(authenticator, await loginOptions(), forgery);
  return post(P.loginVerify, { credential }, options);
}

async function listPasskeys(credentials: Credentials): Promise<PasskeyView[]> {
  const response = await api("GET", P.list, credentials);
  expect(response.status).toBe(200);
  return (await json<{ passkeys: PasskeyView[] }>(response)).passkeys;
}

async function ready(): Promise<{ user: TestUser; bearer: Credentials; id: string }> {
  const user = await activeUser();
  return { user, bearer: await signIn(user, "bearer"), id: (await userRow(user.email)).id };
}

describe("registering a passkey", () => {
  it.each(["bearer", "cookie"] as const)("stores it under its name (%s), audited and mailed", async (transport) => {
    const user = await activeUser();
    const credentials = await signIn(user, transport);
    const options = await registrationOptions(credentials);
    expect(options).toMatchObject({
      rp: { id: "localhost", name: "ASTROWORLD Auth" },
      user: { name: user.username },
      authenticatorSelection: { residentKey: "required", userVerification: "required" },
      attestation: "none",
    });
    const response = await verifyRegistration(credentials, {
      name: "  Work laptop ",
      credential: createCredential(newAuthenticator(), options),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const { passkey } = await json<{ passkey: PasskeyView }>(response);
    expect(passkey).toMatchObject({ name: "Work laptop", last_used_at: null, backed_up: true });
    expect(passkey.transports).toEqual(["internal", "hybrid"]);
    expect(await listPasskeys(credentials)).toEqual([passkey]);

    const { id } = await userRow(user.email);
    const events = await auditEventsOf(id);
    expect(events.at(-1)).toMatchObject({ event: "passkey_added", metadata: { passkey: passkey.id } });
    expect((await mailTo(user.email))[0]?.subject).toBe("A passkey was added to your ASTROWORLD account");
  });

  it("excludes the account's passkeys from new options, so one authenticator is not registered twice", async () => {
    const { bearer } = await ready();
    const { authenticator } = await addPasskey(bearer);
    const options = await registrationOptions(bearer);
    expect((options as unknown as { excludeCredentials: { id: string }[] }).excludeCredentials).toEqual([
      expect.objectContaining({ id: authenticator.credentialId.toString("base64url") }),
    ]);
  });

  it("refuses a credential another account already holds (409), and keeps it with its owner", async () => {
    const first = await ready();
    const second = await ready();
    const { authenticator } = await addPasskey(first.bearer);
    const options = await registrationOptions(second.bearer);
    const response = await verifyRegistration(second.bearer, {
      name: "Stolen",
      credential: createCredential(authenticator, options),
    });
    await expectError(response, 409, "passkey_exists");
    expect(await listPasskeys(second.bearer)).toEqual([]);
    expect(await listPasskeys(first.bearer)).toHaveLength(1);
  });

  it(`holds at most ${MAX_PASSKEYS_PER_ACCOUNT} per account, also when the last places are raced for`, async () => {
    const { bearer, id } = await ready();
    // The account already holds all but one (stored directly: 19 ceremonies would say nothing more).
    const db = await getDb();
    await db.insert(tables.passkeys).values(
      Array.from({ length: MAX_PASSKEYS_PER_ACCOUNT - 1 }, (_, i) => ({
        userId: id,
        credentialId: `held-${id}-${i}`,
        publicKey: "AA",
        counter: 0,
        transports: [],
        deviceType: "multiDevice" as const,
        backedUp: true,
        name: `Key ${i}`,
      })),
    );
    // Thirty devices answer thirty sets of options at once: one place is left, one wins.
    const answers = await Promise.all(
      Array.from({ length: 30 }, async () => createCredential(newAuthenticator(), await registrationOptions(bearer))),
    );
    const results = await Promise.all(
      answers.map((credential, i) => verifyRegistration(bearer, { name: `Race ${i}`, credential })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(29).fill(409)]);
    for (const refused of results.filter((r) => r.status === 409)) await expectError(refused, 409, "passkey_limit");
    expect(await listPasskeys(bearer)).toHaveLength(MAX_PASSKEYS_PER_ACCOUNT);
    // A full account is told before the device is asked.
    await expectError(await api("POST", P.registerOptions, bearer), 409, "passkey_limit");
    // Removing one makes room again.
    const [oldest] = (await listPasskeys(bearer)).slice(-1);
    expect((await api("DELETE", `${P.list}/${oldest!.id}`, bearer)).status).toBe(200);
    await addPasskey(bearer, "Room again");
  });

  it("spends its challenge once: a replayed answer, or a second credential on the same options, is refused", async () => {
    const { bearer } = await ready();
    const options = await registrationOptions(bearer);
    const credential = createCredential(newAuthenticator(), options);
    expect((await verifyRegistration(bearer, { name: "One", credential })).status).toBe(201);
    await expectError(await verifyRegistration(bearer, { name: "One", credential }), 400, "passkey_challenge_invalid");
    const another = createCredential(newAuthenticator(), options);
    await expectError(
      await verifyRegistration(bearer, { name: "Two", credential: another }),
      400,
      "passkey_challenge_invalid",
    );
    expect(await listPasskeys(bearer)).toHaveLength(1);
  });

  it("refuses options issued to another account", async () => {
    const victim = await ready();
    const attacker = await ready();
    const options = await registrationOptions(victim.bearer);
    const response = await verifyRegistration(attacker.bearer, {
      name: "Mine",
      credential: createCredential(newAuthenticator(), options),
    });
    await expectError(response, 400, "passkey_challenge_invalid");
    expect(await listPasskeys(attacker.bearer)).toEqual([]);
  });

  it.each<[string, Forgery]>([
    ["another origin", { origin: "https://evil.example" }],
    ["another RP id", { rpId: "evil.example" }],
    ["no user verification", { userVerified: false }],
    ["a sign-in answer", { type: "webauthn.get" }],
  ])("refuses an answer from %s, and spends the challenge", async (_, forgery) => {
    const { bearer } = await ready();
    const options = await registrationOptions(bearer);
    const credential = createCredential(newAuthenticator(), options, forgery);
    await expectError(await verifyRegistration(bearer, { name: "Forged", credential }), 400, "passkey_not_verified");
    const honest = createCredential(newAuthenticator(), options);
    await expectError(
      await verifyRegistration(bearer, { name: "Late", credential: honest }),
      400,
      "passkey_challenge_invalid",
    );
    expect(await listPasskeys(bearer)).toEqual([]);
  });

  it("needs a session, a name and a well-formed answer", async () => {
    await expectError(await post(P.registerOptions), 401, "not_authenticated");
    const { bearer } = await ready();
    const options = await registrationOptions(bearer);
    const credential = createCredential(newAuthenticator(), options);
    await expectError(await verifyRegistration(bearer, { name: " ", credential }), 400, "validation_error", ["name"]);
    await expectError(
      await verifyRegistration(bearer, { name: "x", credential: { ...credential, type: "other" } }),
      400,
      "validation_error",
    );
  });
});

describe("signing in with a passkey", () => {
  it("answers like a password login with cookies, and stores the counter and last use", async () => {
    const { user, bearer, id } = await ready();
    const { authenticator, passkey } = await addPasskey(bearer);
    const response = await passkeyLogin(authenticator);
    expect(response.status, await response.clone().text()).toBe(200);
    const body = await json<{ user: { username: string }; access_expires_at: string; access?: string }>(response);
    expect(body.user.username).toBe(user.username);
    expect(body.access).toBeUndefined();
    const cookies = setCookiesOf(response);
    expect(cookies.get("aw_access")?.attributes.httponly).toBe(true);
    expect(cookies.get("aw_refresh")).toBeDefined();

    const [row] = await (await getDb()).select().from(tables.passkeys).where(eq(tables.passkeys.id, passkey.id));
    expect(row!.counter).toBe(1);
    expect(row!.lastUsedAt).toBeInstanceOf(Date);
    expect((await listPasskeys(bearer))[0]!.last_used_at).toBe(row!.lastUsedAt!.toISOString());
    expect((await auditEventsOf(id)).filter((e) => e.event === "login_success").at(-1)).toMatchObject({
      event: "login_success",
      metadata: { method: "passkey", passkey: passkey.id },
    });
  });

  it("gives a token client the token body, which then works as a bearer", async () => {
    const { bearer } = await ready();
    const { authenticator, passkey } = await addPasskey(bearer);
    const response = await passkeyLogin(authenticator, {}, { tokenTransport: true });
    expect(response.status, await response.clone().text()).toBe(200);
    const body = await json<{ access: string; refresh: string; token_type: string }>(response);
    expect(body.token_type).toBe("Bearer");
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await listPasskeys({ bearer: body.access })).toEqual([expect.objectContaining({ id: passkey.id })]);
  });

  it("spends its challenge once: the same answer replayed is refused", async () => {
    const { bearer } = await ready();
    const { authenticator } = await addPasskey(bearer);
    const credential = getAssertion(authenticator, await loginOptions());
    expect((await post(P.loginVerify, { credential })).status).toBe(200);
    await expectError(await post(P.loginVerify, { credential }), 400, "passkey_challenge_invalid");
  });

  it("lets one of 30 parallel verifies of one answer through, and refuses the rest", async () => {
    const { bearer, id } = await ready();
    const { authenticator } = await addPasskey(bearer);
    const credential = getAssertion(authenticator, await loginOptions());
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => post(P.loginVerify, { credential }, { tokenTransport: true })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const answer of answers.filter((a) => a.status !== 200))
      await expectError(answer, 400, "passkey_challenge_invalid");
    expect((await auditEventsOf(id)).filter((e) => e.event === "login_success")).toHaveLength(2);
  });

  it("refuses a registration challenge, an unknown challenge and an unreadable answer", async () => {
    const { bearer } = await ready();
    const { authenticator } = await addPasskey(bearer);
    const registration = await registrationOptions(bearer);
    await expectError(
      await post(P.loginVerify, { credential: getAssertion(authenticator, registration) }),
      400,
      "passkey_challenge_invalid",
    );
    const made = getAssertion(authenticator, { challenge: Buffer.alloc(32, 7).toString("base64url") });
    await expectError(await post(P.loginVerify, { credential: made }), 400, "passkey_challenge_invalid");
    const garbled = { ...made, response: { ...made.response, clientDataJSON: "bm90LWpzb24" } };
    await expectError(await post(P.loginVerify, { credential: garbled }), 400, "passkey_challenge_invalid");
  });

  it.each<[string, Forgery]>([
    ["another origin", { origin: "https://evil.example" }],
    ["another RP id", { rpId: "evil.example" }],
    ["no user verification", { userVerified: false }],
    ["a registration answer", { type: "webauthn.create" }],
  ])("refuses an answer from %s as a failed sign-in", async (_, forgery) => {
    const { bearer, id } = await ready();
    const { authenticator } = await addPasskey(bearer);
    await expectError(await passkeyLogin(authenticator, forgery), 401, "passkey_invalid");
    expect((await auditEventsOf(id)).at(-1)).toMatchObject({ event: "login_failure", metadata: { method: "passkey" } });
    expect((await passkeyLogin(authenticator)).status).toBe(200);
  });

  it("refuses a signature by another key for a registered credential id", async () => {
    const { bearer } = await ready();
    const { authenticator } = await addPasskey(bearer);
    const impostor = { ...newAuthenticator(), credentialId: authenticator.credentialId, counter: 50 };
    await expectError(await passkeyLogin(impostor), 401, "passkey_invalid");
  });

  it("refuses a credential whose user handle names another account", async () => {
    const victim = await ready();
    const attacker = await ready();
    await addPasskey(victim.bearer);
    const { authenticator } = await addPasskey(attacker.bearer);
    const victimHandle = Buffer.from(victim.id.replaceAll("-", ""), "hex").toString("base64url");
    await expectError(await passkeyLogin({ ...authenticator, userHandle: victimHandle }), 401, "passkey_invalid");
  });

  it("refuses a counter that went backwards (a cloned authenticator)", async () => {
    const { bearer } = await ready();
    const { authenticator } = await addPasskey(bearer);
    authenticator.counter = 10;
    expect((await passkeyLogin(authenticator)).status).toBe(200);
    authenticator.counter = 3;
    await expectError(await passkeyLogin(authenticator), 401, "passkey_invalid");
  });

  it("goes through the account's login throttle: failed checks count, and then even a right passkey waits", async () => {
    const { bearer } = await ready();
    const { authenticator } = await addPasskey(bearer);
    for (let i = 0; i < 3; i++)
      await expectError(await passkeyLogin(authenticator, { userVerified: false }), 401, "passkey_invalid");
    const throttled = await passkeyLogin(authenticator);
    await expectError(throttled, 429, "login_throttled");
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("counts as two factors: an account with TOTP on signs in with its passkey alone, its password still asks for a code", async () => {
    const user = await activeUser();
    const { credentials } = await enrolledUser(user);
    const { authenticator } = await addPasskey(credentials);
    await passwordStep(user, { tokenTransport: true });
    const response = await passkeyLogin(authenticator, {}, { tokenTransport: true });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await json(response)).toMatchObject({ token_type: "Bearer" });
  });

  it("refuses a disabled account after a valid passkey", async () => {
    const { bearer, id } = await ready();
    const { authenticator } = await addPasskey(bearer);
    await (await getDb()).update(tables.users).set({ isActive: false }).where(eq(tables.users.id, id));
    await expectError(await passkeyLogin(authenticator), 403, "account_disabled");
  });

  it("options name no account and no credential", async () => {
    const options = await loginOptions();
    expect(options).toMatchObject({ rpId: "localhost", userVerification: "required" });
    expect((options as { allowCredentials?: unknown[] }).allowCredentials ?? []).toEqual([]);
  });
});

describe("managing passkeys", () => {
  it("renames one; another account's passkey answers 404", async () => {
    const owner = await ready();
    const other = await ready();
    const { passkey } = await addPasskey(owner.bearer, "Old name");
    const path = `${P.list}/${passkey.id}`;
    const renamed = await api("PATCH", path, { ...owner.bearer, json: { name: "Phone" } });
    expect(renamed.status).toBe(200);
    expect((await json<{ passkey: PasskeyView }>(renamed)).passkey.name).toBe("Phone");
    await expectError(await api("PATCH", path, { ...other.bearer, json: { name: "Mine" } }), 404, "not_found");
    await expectError(await api("DELETE", path, other.bearer), 404, "not_found");
    await expectError(await api("DELETE", `${P.list}/not-a-uuid`, owner.bearer), 404, "not_found");
    expect((await listPasskeys(owner.bearer))[0]!.name).toBe("Phone");
  });

  it("a deleted passkey cannot sign in; the removal is audited and mailed", async () => {
    const { user, bearer, id } = await ready();
    const { authenticator, passkey } = await addPasskey(bearer, "Security key");
    const removed = await api("DELETE", `${P.list}/${passkey.id}`, bearer);
    expect(removed.status, await removed.clone().text()).toBe(200);
    expect(await listPasskeys(bearer)).toEqual([]);
    expect((await auditEventsOf(id)).at(-1)).toMatchObject({
      event: "passkey_removed",
      metadata: { passkey: passkey.id },
    });
    expect((await mailTo(user.email))[0]?.subject).toBe("A passkey was removed from your ASTROWORLD account");
    expect((await mailTo(user.email))[0]?.text).toContain("Security key");
    await expectError(await passkeyLogin(authenticator), 401, "passkey_invalid");
    await expectError(await api("DELETE", `${P.list}/${passkey.id}`, bearer), 404, "not_found");
  });

  it("refuses a cross-site delete with the cookies", async () => {
    const user = await activeUser();
    const cookie = await signIn(user, "cookie");
    const { passkey } = await addPasskey(cookie);
    const response = await api("DELETE", `${P.list}/${passkey.id}`, {
      ...cookie,
      headers: { origin: "https://evil.example" },
    });
    await expectError(response, 403, "csrf_failed");
    expect(await listPasskeys(cookie)).toHaveLength(1);
  });
});
