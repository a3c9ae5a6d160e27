// A value in the trusted X-Forwarded-For position that is not an IP address, or a forged
// X-Real-IP, never reaches the database: sessions.ip and audit_events.ip stay null, and the
// session list shows no address.
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import * as refresh from "@/app/api/auth/token/refresh/route";
import { api, auditEventsOf, PATHS, sessionRow, userRow } from "../helpers/account";
import { BASE_URL, json } from "../helpers/http";
import { claimsOf } from "../helpers/tokens";
import { activeUser, type TestUser, type TokenPair } from "../helpers/users";
import { loginWithHeaders } from "./support";

vi.hoisted(() => {
  process.env.TRUSTED_PROXY_HOPS = "1";
});

const NOT_IPS = [
  ["markup", "<script>alert(1)</script>"],
  ["five octets", "1.2.3.4.5"],
  ["300 characters", "9".repeat(300)],
  ["a word", "unknown"],
  ["an SQL-ish string", "203.0.113.7' OR '1'='1"],
  ["an IPv6 zone id", "fe80::1%eth0"],
  ["an out-of-range port", "203.0.113.7:70000"],
] as const;

async function signIn(user: TestUser, headers: Record<string, string>): Promise<TokenPair> {
  const answer = await loginWithHeaders(headers, { login: user.username, password: user.password });
  expect(answer.status, await answer.clone().text()).toBe(200);
  return json<TokenPair>(answer);
}

/** Every IP the account's audit events and its session list show. */
async function storedIps(user: TestUser, access: string): Promise<(string | null)[]> {
  const { id } = await userRow(user.email);
  const events = (await auditEventsOf(id)).map((e) => e.ip);
  const listed = await json<{ sessions: { ip: string | null }[] }>(
    await api("GET", PATHS.sessions, { bearer: access }),
  );
  return [...events, ...listed.sessions.map((s) => s.ip)];
}

describe("a non-IP value in the trusted X-Forwarded-For position", () => {
  it.each(NOT_IPS)("(%s) is stored as no IP: not in the session, not in the audit log", async (_name, value) => {
    const user = await activeUser();
    const headers = { "x-forwarded-for": `203.0.113.7, ${value}`, "x-real-ip": "203.0.113.8" };
    await loginWithHeaders(headers, { login: user.username, password: "Wrong-Password-1" });
    const pair = await signIn(user, headers);
    expect((await sessionRow(claimsOf(pair.access).sid))?.ip).toBeNull();
    const { id } = await userRow(user.email);
    const events = await auditEventsOf(id);
    expect(events.filter((e) => e.event === "login_failure").map((e) => e.ip)).toEqual([null]);
    expect(events.filter((e) => e.event === "login_success").map((e) => e.ip)).toEqual([null]);
    // Registration and verification came through the test helper's default proxy entry.
    expect(new Set(await storedIps(user, pair.access))).toEqual(new Set(["203.0.113.7", null]));
  });

  it("on a refresh does not overwrite the session's known IP", async () => {
    const user = await activeUser();
    const pair = await signIn(user, { "x-forwarded-for": "198.51.100.20" });
    const request = new NextRequest(new URL(PATHS.refresh, BASE_URL), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-auth-transport": "body",
        "x-forwarded-for": "1.2.3.4, <img src=x>",
      },
      body: JSON.stringify({ refresh: pair.refresh }),
    });
    const refreshed = await refresh.POST(request, { params: Promise.resolve({}) } as never);
    expect(refreshed.status, await refreshed.clone().text()).toBe(200);
    expect((await sessionRow(claimsOf(pair.access).sid))?.ip).toBe("198.51.100.20");
  });
});

describe("X-Real-IP", () => {
  it("is never stored when not configured: only the proxy's entry is, normalised", async () => {
    const user = await activeUser();
    const pair = await signIn(user, { "x-forwarded-for": "<b>, [2001:DB8:0::7]:51234", "x-real-ip": "<script>" });
    expect((await sessionRow(claimsOf(pair.access).sid))?.ip).toBe("2001:db8::7");
    const bare = await signIn(user, { "x-real-ip": "198.51.100.77" });
    expect((await sessionRow(claimsOf(bare.access).sid))?.ip).toBeNull();
    expect(await storedIps(user, bare.access)).not.toContain("198.51.100.77");
    expect(await storedIps(user, bare.access)).not.toContain("<script>");
  });
});
