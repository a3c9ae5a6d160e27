// Small helpers shared by the tests/security files (the shared tests/helpers/* stay untouched).
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { NextRequest } from "next/server";
import * as login from "@/app/api/auth/login/route";
import { expectError, PATHS } from "../helpers/account";
import type { CookieJar } from "../helpers/cookies";
import { BASE_URL, post } from "../helpers/http";
import { newUser } from "../helpers/users";

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A client address no other test (nor an earlier run against the same Redis) has used: the
 * limiter keys on it, and the Upstash backend's Redis outlives the test run.
 */
export function newIp(): string {
  const groups = randomBytes(8).toString("hex").match(/.{4}/g)!;
  return `2001:db8:${groups.slice(0, 4).join(":")}::${groups[0]}`;
}

/** A contract 429 with a positive whole-second Retry-After no longer than the window. */
export async function expectTooMany(
  response: Response,
  code: "rate_limited" | "login_throttled",
  maxSeconds: number,
): Promise<number> {
  await expectError(response, 429, code);
  const retryAfter = response.headers.get("retry-after");
  expect(retryAfter, "Retry-After").toMatch(/^[1-9]\d*$/);
  expect(Number(retryAfter)).toBeLessThanOrEqual(maxSeconds);
  return Number(retryAfter);
}

/**
 * A wrong-password login sent with exactly these headers: unlike tests/helpers/http.ts, no
 * default X-Forwarded-For, so each test decides what a proxy (or an attacker) wrote.
 */
export function loginWithHeaders(
  headers: Record<string, string>,
  body: { login: string; password: string } = { login: newUser().username, password: "Wrong-Password-1" },
): Promise<Response> {
  const request = new NextRequest(new URL(PATHS.login, BASE_URL), {
    method: "POST",
    headers: { "user-agent": "vitest", "content-type": "application/json", "x-auth-transport": "body", ...headers },
    body: JSON.stringify(body),
  });
  return login.POST(request, { params: Promise.resolve({}) } as never);
}

/** Wrong-password logins: how many were checked (401) and how many the per-IP limit refused (429). */
export async function countOutcomes(answers: Response[]): Promise<{ allowed: number; limited: number }> {
  let allowed = 0;
  let limited = 0;
  for (const answer of answers) {
    if (answer.status === 429) {
      await expectTooMany(answer, "rate_limited", 3600);
      limited += 1;
    } else {
      await expectError(answer, 401, "invalid_credentials");
      allowed += 1;
    }
  }
  return { allowed, limited };
}

/** One login attempt: with the browser's cookie jar (known-device cookie), else as a token client. */
export function attempt(login: string, password: string, jar?: CookieJar): Promise<Response> {
  return post(PATHS.login, { login, password }, jar ? { jar } : { tokenTransport: true });
}

/** `times` wrong passwords for `login`, one after another (each a distinct guess). */
export async function fail(login: string, times: number, jar?: CookieJar): Promise<Response[]> {
  const answers: Response[] = [];
  for (let i = 0; i < times; i++) answers.push(await attempt(login, `Wrong-guess-${i}-xyz`, jar));
  return answers;
}
