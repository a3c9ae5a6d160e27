// Two trusted proxies (e.g. nginx behind an AWS ALB): the ALB appends the client, nginx
// appends the ALB node. The client is the second entry from the right; an ALB node's own
// address must not become a rate-limit bucket, and a request that skipped a proxy has no IP.
import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { sessionRow } from "../helpers/account";
import { json } from "../helpers/http";
import { claimsOf } from "../helpers/tokens";
import { activeUser, type TokenPair } from "../helpers/users";
import { countOutcomes, loginWithHeaders, newIp } from "./support";

vi.hoisted(() => {
  process.env.TRUSTED_PROXY_HOPS = "2";
  process.env.RATE_LIMIT_LOGIN_IP = "10/3600";
  process.env.RATE_LIMIT_LOGIN = "1000/3600";
});

const albNode = () => `10.0.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

/** A login whose X-Forwarded-For is exactly `forwardedFor` (or absent). */
const loginWith = (forwardedFor: string | null, body?: { login: string; password: string }) =>
  loginWithHeaders(forwardedFor === null ? {} : { "x-forwarded-for": forwardedFor }, body);

const limitedCount = async (answers: Response[]) => (await countOutcomes(answers)).limited;

describe("two trusted proxies (TRUSTED_PROXY_HOPS=2)", () => {
  it("counts 30 parallel requests from one client through many ALB nodes, with forged prefixes, in one bucket", async () => {
    const client = newIp();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => loginWith(`${i % 3 ? newIp() : "<x>"}, ${client}, ${albNode()}`)),
    );
    expect(await limitedCount(answers)).toBe(20);
  });

  it("records the second entry from the right as the session's IP", async () => {
    const user = await activeUser();
    const answer = await loginWith(`6.6.6.6, 198.51.100.42, ${albNode()}`, {
      login: user.username,
      password: user.password,
    });
    expect(answer.status, await answer.clone().text()).toBe(200);
    const { access } = await json<TokenPair>(answer);
    expect((await sessionRow(claimsOf(access).sid))?.ip).toBe("198.51.100.42");
  });

  it("knows no IP when a request carries fewer entries than trusted hops (it skipped a proxy)", async () => {
    const user = await activeUser();
    const answer = await loginWith("198.51.100.43", { login: user.username, password: user.password });
    expect(answer.status, await answer.clone().text()).toBe(200);
    const { access } = await json<TokenPair>(answer);
    expect((await sessionRow(claimsOf(access).sid))?.ip).toBeNull();
    // Such requests, whatever single entry they carry, share the one unknown-IP bucket, where
    // the sign-in above already used one of the ten tries.
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => loginWith(i % 2 ? newIp() : null)));
    expect(await limitedCount(answers)).toBe(11);
  });
});
