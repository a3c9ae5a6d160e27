import { describe, expect, it } from "vitest";
import { clientIp, ipAddress, rateLimitSubject } from "./client-ip";

const forwardedFor = (value: string) => new Headers({ "x-forwarded-for": value });

describe("clientIp", () => {
  it("takes the entry that many hops from the right, whatever the client wrote to its left", () => {
    const headers = forwardedFor("6.6.6.6, 1.1.1.1, 198.51.100.1, 10.0.0.2");
    expect(clientIp(headers, { trustedProxyHops: 1 })).toBe("10.0.0.2");
    expect(clientIp(headers, { trustedProxyHops: 2 })).toBe("198.51.100.1");
    expect(clientIp(headers, { trustedProxyHops: 4 })).toBe("6.6.6.6");
  });

  it("knows no address when the header has fewer entries than trusted hops, or no proxy is trusted", () => {
    expect(clientIp(forwardedFor("198.51.100.1"), { trustedProxyHops: 2 })).toBeNull();
    expect(clientIp(new Headers(), { trustedProxyHops: 1 })).toBeNull();
    expect(clientIp(forwardedFor("198.51.100.1"), { trustedProxyHops: 0 })).toBeNull();
  });

  it("reads X-Real-IP only when it is the configured header, and then ignores X-Forwarded-For", () => {
    const headers = new Headers({
      "x-forwarded-for": "198.51.100.1",
      "x-real-ip": "6.6.6.6",
      "cf-connecting-ip": "203.0.113.9",
    });
    expect(clientIp(headers, { trustedProxyHops: 1 })).toBe("198.51.100.1");
    expect(clientIp(headers, { trustedProxyHops: 1, clientIpHeader: "cf-connecting-ip" })).toBe("203.0.113.9");
    expect(clientIp(headers, { trustedProxyHops: 1, clientIpHeader: "x-real-ip" })).toBe("6.6.6.6");
    expect(
      clientIp(forwardedFor("198.51.100.1"), { trustedProxyHops: 1, clientIpHeader: "cf-connecting-ip" }),
    ).toBeNull();
  });

  it("treats a list in the configured single-value header as no address", () => {
    expect(
      clientIp(new Headers({ "x-real-ip": "6.6.6.6, 198.51.100.1" }), {
        trustedProxyHops: 1,
        clientIpHeader: "x-real-ip",
      }),
    ).toBeNull();
  });
});

describe("ipAddress", () => {
  it.each([
    ["198.51.100.1", "198.51.100.1"],
    [" 198.51.100.1 ", "198.51.100.1"],
    ["198.51.100.1:5678", "198.51.100.1"],
    ["2001:DB8:0:0::1", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["[::1]", "::1"],
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["::FFFF:7f00:1", "127.0.0.1"],
  ])("reads %j as %j", (value, ip) => {
    expect(ipAddress(value)).toBe(ip);
  });

  it.each([
    "",
    "unknown",
    "<script>alert(1)</script>",
    "1.2.3.4.5",
    "256.1.1.1",
    "01.2.3.4",
    "1.2.3.4:99999",
    "1.2.3.4 5.6.7.8",
    "fe80::1%eth0",
    "[fe80::1%25eth0]:80",
    "2001:db8::1:443:1:2:3:4:5",
    "1".repeat(300),
    "::ffff:1.2.3.4\u0000",
  ])("refuses %j", (value) => {
    expect(ipAddress(value)).toBeNull();
  });
});

describe("rateLimitSubject", () => {
  it("counts an IPv6 client by its /64, however the address is spelled", () => {
    const subject = rateLimitSubject(ipAddress("2001:db8:abcd:12::1"));
    expect(subject).toBe("2001:db8:abcd:12::/64");
    for (const spelling of [
      "2001:0DB8:ABCD:0012:ffff:ffff:ffff:ffff",
      "[2001:db8:abcd:12:0:0:0:99]:443",
      "2001:db8:abcd:12:8a2e:370:7334:1",
    ])
      expect(rateLimitSubject(ipAddress(spelling))).toBe(subject);
    expect(rateLimitSubject(ipAddress("2001:db8:abcd:13::1"))).not.toBe(subject);
    expect(rateLimitSubject(ipAddress("::1"))).toBe("0:0:0:0::/64");
    expect(rateLimitSubject(ipAddress("fe80::1:2:3:4"))).toBe("fe80:0:0:0::/64");
  });

  it("keeps an IPv4 address (also one seen through a dual-stack socket) and pools the unknown", () => {
    expect(rateLimitSubject(ipAddress("203.0.113.7"))).toBe("203.0.113.7");
    expect(rateLimitSubject(ipAddress("::ffff:203.0.113.7"))).toBe("203.0.113.7");
    expect(rateLimitSubject(null)).toBe("unknown");
  });
});
