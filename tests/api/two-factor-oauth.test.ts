// The second-factor gate on a provider sign-in: the callback is a browser redirect, so it sends
// the person to /login/2fa with the half-done sign-in in an httpOnly cookie, never in the URL.
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { afterAll, describe, expect, it } from "vitest";
import { startOAuthStandIn, type StandInIdentity } from "../support/oauth-provider";
import { setCookiesOf, storeCookies, type CookieJar } from "../helpers/cookies";
import { get, json, post } from "../helpers/http";
import { codeFor, TWO_FACTOR_PATHS as PATHS } from "../helpers/two-factor";

const standIn = await startOAuthStandIn();
// Read by lib/env.ts on first use, which comes after this (the database opens in beforeAll).
Object.assign(process.env, standIn.env, { RATE_LIMIT_OAUTH: "1000/60" });
afterAll(() => standIn.close());

function person(): StandInIdentity {
  const tag = Math.random().toString(36).slice(2, 9);
  const identity: StandInIdentity = {
    provider: "github",
    key: `person-${tag}`,
    id: String(500_000 + Math.floor(Math.random() * 99_999)),
    login: `octo${tag}`,
    name: "Ada Lovelace",
    email: `octo${tag}@example.test`,
    emailVerified: true,
  };
  standIn.addIdentity(identity);
  return identity;
}

/** start → consent → callback, as a browser runs it; the callback's answer, its cookies in `jar`. */
async function signInWith(identity: StandInIdentity, jar: CookieJar): Promise<Response> {
  const started = await get("/api/auth/oauth/github?next=/dashboard", { jar });
  expect(started.status).toBe(302);
  storeCookies(jar, started);
  const authorize = new URL(started.headers.get("location")!);
  authorize.searchParams.set("as", identity.key);
  const consent = await fetch(authorize, { redirect: "manual" });
  const back = new URL(consent.headers.get("location")!);
  const answer = await get(`${back.pathname}${back.search}`, { jar });
  storeCookies(jar, answer);
  return answer;
}

describe("provider sign-in of an account with two-factor on", () => {
  it("lands on /login/2fa with the token in a cookie, and the code finishes the sign-in", async () => {
    const identity = person();
    const first: CookieJar = new Map();
    expect((await signInWith(identity, first)).headers.get("location")).toBe("/dashboard");
    const enrol = await post(PATHS.enrol, {}, { jar: first });
    const key = decodeBase32IgnorePadding((await json<{ secret: string }>(enrol)).secret.replace(/\s+/g, ""));
    expect((await post(PATHS.confirm, { code: codeFor(key) }, { jar: first })).status).toBe(200);

    const jar: CookieJar = new Map();
    const answer = await signInWith(identity, jar);
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe("/login/2fa?next=%2Fdashboard");
    const cookies = setCookiesOf(answer);
    expect(cookies.get("aw_mfa")?.attributes).toMatchObject({ httponly: true, samesite: "Lax" });
    expect(answer.headers.get("location")).not.toContain(cookies.get("aw_mfa")!.value);
    expect(jar.has("aw_access")).toBe(false);

    const done = await post(PATHS.loginTwoFactor, { code: codeFor(key, 1) }, { jar });
    expect(done.status, await done.clone().text()).toBe(200);
    storeCookies(jar, done);
    expect((await get("/api/auth/user", { jar })).status).toBe(200);
  });
});
