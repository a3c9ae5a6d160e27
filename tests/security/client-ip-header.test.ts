// CLIENT_IP_HEADER (e.g. Cloudflare's CF-Connecting-IP): the address comes from that one
// header and X-Forwarded-For, whatever it says, is ignored.
import { describe, expect, it, vi } from "vitest";
import { sessionRow } from "../helpers/account";
import { json } from "../helpers/http";
import { claimsOf } from "../helpers/tokens";
import { activeUser, type TokenPair } from "../helpers/users";
import { countOutcomes, loginWithHeaders, newIp } from "./support";

vi.hoisted(() => {
  process.env.CLIENT_IP_HEADER = "CF-Connecting-IP";
  process.env.RATE_LIMIT_LOGIN_IP = "10/3600";
  process.env.RATE_LIMIT_LOGIN = "1000/3600";
});

describe("CLIENT_IP_HEADER=cf-connecting-ip", () => {
  it("counts 30 parallel requests with one CF-Connecting-IP and rotating X-Forwarded-For / X-Real-IP in one bucket", async () => {
    const client = newIp();
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        loginWithHeaders({ "cf-connecting-ip": client, "x-forwarded-for": newIp(), "x-real-ip": newIp() }),
      ),
    );
    const { limited } = await countOutcomes(answers);
    expect(limited).toBe(20);
  });

  it("stores the header's address, and none when the header is missing, a list or not an IP", async () => {
    const user = await activeUser();
    const sessionIp = async (headers: Record<string, string>) => {
      const answer = await loginWithHeaders(headers, { login: user.username, password: user.password });
      expect(answer.status, await answer.clone().text()).toBe(200);
      return (await sessionRow(claimsOf((await json<TokenPair>(answer)).access).sid))?.ip;
    };
    expect(await sessionIp({ "cf-connecting-ip": "198.51.100.61", "x-forwarded-for": "203.0.113.1" })).toBe(
      "198.51.100.61",
    );
    expect(await sessionIp({ "x-forwarded-for": "203.0.113.1" })).toBeNull();
    expect(await sessionIp({ "cf-connecting-ip": "198.51.100.61, 203.0.113.1" })).toBeNull();
    expect(await sessionIp({ "cf-connecting-ip": "<script>" })).toBeNull();
  });
});
