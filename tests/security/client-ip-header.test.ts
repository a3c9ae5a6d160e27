// CLIENT_IP_HEADER (e.g. Cloudflare's CF-Connecting-IP): the address comes from that one
// header and X-Forwarded-For, whatever it says, is ignored.
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import * as login from "@/app/api/auth/login/route";
import { expectError, PATHS, sessionRow } from "../helpers/account";
import { BASE_URL, json } from "../helpers/http";
import { claimsOf } from "../helpers/tokens";
import { activeUser, newUser, type TokenPair } from "../helpers/users";
import { expectTooMany, newIp } from "./support";

vi.hoisted(() => {
  process.env.CLIENT_IP_HEADER = "CF-Connecting-IP";
  process.env.RATE_LIMIT_LOGIN_IP = "10/3600";
  process.env.RATE_LIMIT_LOGIN = "1000/3600";
});

function loginWith(headers: Record<string, string>, body = { login: newUser().username, password: "Wrong-Password-1" }): Promise<Response> {
  const request = new NextRequest(new URL(PATHS.login, BASE_URL), {
    method: "POST",
    headers: { "user-agent": "vitest", "content-type": "application/json", "x-auth-transport": "body", ...headers },
    body: JSON.stringify(body),
  });
  return login.POST(request, { params: Promise.resolve({}) } as never);
}

describe("CLIENT_IP_HEADER=cf-connecting-ip", () => {
  it("counts 30 parallel requests with one CF-Connecting-IP and rotating X-Forwarded-For / X-Real-IP in one bucket", async () => {
    const client = newIp();
    const answers = await Promise.all(Array.from({ length: 30 }, () => loginWith({ "cf-connecting-ip": client, "x-forwarded-for": newIp(), "x-real-ip": newIp() })));
    let limited = 0;
    for (const answer of answers) {
      if (answer.status === 429) {
        await expectTooMany(answer, "rate_limited", 3600);
        limited += 1;
      } else await expectError(answer, 401, "invalid_credentials");
    }
    expect(limited).toBe(20);
  });

  it("stores the header's address, and none when the header is missing, a list or not an IP", async () => {
    const user = await activeUser();
    const sessionIp = async (headers: Record<string, string>) => {
      const answer = await loginWith(headers, { login: user.username, password: user.password });
      expect(answer.status, await answer.clone().text()).toBe(200);
      return (await sessionRow(claimsOf((await json<TokenPair>(answer)).access).sid))?.ip;
    };
    expect(await sessionIp({ "cf-connecting-ip": "198.51.100.61", "x-forwarded-for": "203.0.113.1" })).toBe("198.51.100.61");
    expect(await sessionIp({ "x-forwarded-for": "203.0.113.1" })).toBeNull();
    expect(await sessionIp({ "cf-connecting-ip": "198.51.100.61, 203.0.113.1" })).toBeNull();
    expect(await sessionIp({ "cf-connecting-ip": "<script>" })).toBeNull();
  });
});
