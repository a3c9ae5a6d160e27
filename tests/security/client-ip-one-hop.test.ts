// The client IP (lib/http/client-ip.ts) behind one trusted proxy: whatever a client writes
// into X-Forwarded-For or X-Real-IP, the per-IP limits count the address our proxy appended
// (or, when there is none, one shared "unknown" bucket). client-ip-storage.test.ts checks
// what reaches the database.
import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { expectError } from "../helpers/account";
import { newUser } from "../helpers/users";
import { countOutcomes, loginWithHeaders, newIp } from "./support";

const PER_IP = 10;

vi.hoisted(() => {
  process.env.TRUSTED_PROXY_HOPS = "1";
  // An upgrade that keeps the old flag must not bring back "the first hop is the client".
  process.env.TRUST_PROXY = "true";
  process.env.RATE_LIMIT_LOGIN_IP = "10/3600";
  process.env.RATE_LIMIT_LOGIN = "1000/3600";
});

const unknownLogin = () => ({ login: newUser().username, password: "Wrong-Password-1" });

/** What an attacker puts left of (or instead of) the proxy's entry. */
function forged(i: number): string {
  const choices = [
    `${1 + (i % 223)}.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`,
    newIp(),
    "unknown",
    "<script>alert(1)</script>",
    "1.2.3.4.5",
    "x".repeat(300),
    `${randomBytes(4).join(".")}, ${randomBytes(4).join(".")}`,
  ];
  return choices[i % choices.length]!;
}

describe("one trusted proxy (TRUSTED_PROXY_HOPS=1)", () => {
  it("puts 40 parallel requests with forged X-Forwarded-For prefixes into the proxy-seen IP's one bucket", async () => {
    const proxySeen = newIp();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        loginWithHeaders(
          { "x-forwarded-for": `${forged(i)}, ${proxySeen}`, "x-real-ip": forged(i + 1) },
          unknownLogin(),
        ),
      ),
    );
    expect(await countOutcomes(answers)).toEqual({ allowed: PER_IP, limited: 40 - PER_IP });
    // The bucket belongs to that address only: another client is unaffected.
    await expectError(
      await loginWithHeaders({ "x-forwarded-for": `${forged(0)}, ${newIp()}` }, unknownLogin()),
      401,
      "invalid_credentials",
    );
  });

  it("ignores a forged X-Real-IP: without X-Forwarded-For every such request shares the unknown-IP bucket", async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        loginWithHeaders({ "x-real-ip": i % 2 ? newIp() : forged(i) }, unknownLogin()),
      ),
    );
    expect(await countOutcomes(answers)).toEqual({ allowed: PER_IP, limited: 30 - PER_IP });
  });

  it("spells one address one way: a port, brackets or an IPv4-mapped form do not make a fresh bucket", async () => {
    const ip = `198.51.100.${10 + Math.floor(Math.random() * 200)}`;
    const spellings = [ip, `${ip}:4242`, `::ffff:${ip}`, `[::ffff:${ip}]:443`, ` ${ip} `];
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        loginWithHeaders({ "x-forwarded-for": `${forged(i)},${spellings[i % spellings.length]}` }, unknownLogin()),
      ),
    );
    expect(await countOutcomes(answers)).toEqual({ allowed: PER_IP, limited: 20 - PER_IP });
  });
});
