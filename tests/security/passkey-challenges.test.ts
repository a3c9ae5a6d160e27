// Passkey challenges as time passes and as an address asks for many (a 1-second lifetime
// stands in for five minutes): an expired challenge is refused and spent; options are limited per IP.
import { describe, expect, it, vi } from "vitest";
import { api, expectError, signIn } from "../helpers/account";
import { json, post } from "../helpers/http";
import { createCredential, getAssertion, newAuthenticator } from "../helpers/passkey-authenticator";
import { activeUser } from "../helpers/users";
import { expectTooMany, newIp, sleep } from "./support";

vi.hoisted(() => {
  process.env.PASSKEY_CHALLENGE_TTL_SECONDS = "1";
  process.env.RATE_LIMIT_PASSKEY_OPTIONS = "5/60";
});

const OPTIONS = "/api/auth/passkeys/login/options";

describe("passkey challenges", () => {
  it("an answer to an expired challenge is refused, for registration and sign-in, and cannot be retried", async () => {
    const credentials = await signIn(await activeUser(), "bearer");
    const authenticator = newAuthenticator();
    const options = await json<{ challenge: string; user: { id: string } }>(
      await api("POST", "/api/auth/passkeys/register/options", credentials),
    );
    await sleep(1_200);
    const late = { name: "Late", credential: createCredential(authenticator, options) };
    const refused = await api("POST", "/api/auth/passkeys/register/verify", { ...credentials, json: late });
    await expectError(refused, 400, "passkey_challenge_expired");
    const again = await api("POST", "/api/auth/passkeys/register/verify", { ...credentials, json: late });
    await expectError(again, 400, "passkey_challenge_invalid");

    // The challenge is spent before the credential is even looked up: no passkey needs to exist.
    const login = await json<{ challenge: string }>(await post(OPTIONS));
    await sleep(1_200);
    const credential = getAssertion(authenticator, login);
    await expectError(await post("/api/auth/passkeys/login/verify", { credential }), 400, "passkey_challenge_expired");
  });

  it("options are limited per client address: 5 a minute, then 429 with Retry-After", async () => {
    const ip = newIp();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => post(OPTIONS, undefined, { headers: { "x-forwarded-for": ip } })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(5);
    for (const answer of answers.filter((a) => a.status !== 200)) await expectTooMany(answer, "rate_limited", 60);
    expect((await post(OPTIONS, undefined, { headers: { "x-forwarded-for": newIp() } })).status).toBe(200);
  });
});
