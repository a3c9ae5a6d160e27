// Per-IP limits count an IPv6 client by its /64 (lib/http/client-ip.ts rateLimitSubject): a
// subscriber holds a whole /64 and can give every request an address of its own.
import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { expectError } from "../helpers/account";
import { newUser } from "../helpers/users";
import { countOutcomes, loginWithHeaders } from "./support";

const PER_IP = 10;

vi.hoisted(() => {
  process.env.TRUSTED_PROXY_HOPS = "1";
  process.env.RATE_LIMIT_LOGIN_IP = "10/3600";
  process.env.RATE_LIMIT_LOGIN = "1000/3600";
});

const unknownLogin = () => ({ login: newUser().username, password: "Wrong-Password-1" });
const hextets = (n: number) => Array.from({ length: n }, () => randomBytes(2).toString("hex"));
/** A /64 of the documentation range, and an address in it (the lower 64 bits at random). */
const newPrefix = () => `2001:db8:${hextets(2).join(":")}`;
const inPrefix = (prefix: string) => `${prefix}:${hextets(4).join(":")}`;

describe("IPv6 clients", () => {
  it("40 parallel requests from 40 addresses of one /64 share one bucket; another /64 has its own", async () => {
    const prefix = newPrefix();
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => loginWithHeaders({ "x-forwarded-for": inPrefix(prefix) }, unknownLogin())),
    );
    expect(await countOutcomes(answers)).toEqual({ allowed: PER_IP, limited: 40 - PER_IP });
    // Spelled in capitals, in full or in brackets with a port, it is still the same /64.
    await expectError(
      await loginWithHeaders({ "x-forwarded-for": `[${inPrefix(prefix).toUpperCase()}]:8443` }, unknownLogin()),
      429,
      "rate_limited",
    );
    await expectError(
      await loginWithHeaders({ "x-forwarded-for": inPrefix(newPrefix()) }, unknownLogin()),
      401,
      "invalid_credentials",
    );
  });
});
