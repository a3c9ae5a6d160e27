import { generateHOTP } from "@oslojs/otp";
import { describe, expect, it } from "vitest";
import { generateRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode } from "./recovery-codes";
import { open, seal } from "./secret-box";
import { generateTotpKey, matchTotpStep, totpCodeAt, totpKeyText, totpKeyUri, totpStepAt } from "./totp";

const key = new TextEncoder().encode("12345678901234567890");
// RFC 6238 appendix B, SHA-1: at T = 59 s the 8-digit code is 94287082, so the 6-digit one is 287082.
const T59 = 59_000;

describe("TOTP codes (RFC 6238, 30 s, 6 digits)", () => {
  it("computes the RFC 6238 test vector", () => {
    expect(totpCodeAt(key, T59)).toBe("287082");
    expect(generateHOTP(key, 1n, 8)).toBe("94287082");
  });

  it("accepts the current step and one step either side, and says which step matched", () => {
    const now = 1_800_000_000_000;
    const step = totpStepAt(now);
    for (const drift of [-1, 0, 1]) {
      const code = generateHOTP(key, BigInt(step + drift), 6);
      expect(matchTotpStep(key, code, now)).toBe(step + drift);
    }
  });

  it("refuses codes two steps away", () => {
    const now = 1_800_000_000_000;
    const step = totpStepAt(now);
    for (const drift of [-2, 2]) expect(matchTotpStep(key, generateHOTP(key, BigInt(step + drift), 6), now)).toBeNull();
  });

  it("ignores spaces and refuses anything but six digits", () => {
    const code = totpCodeAt(key, T59);
    expect(matchTotpStep(key, `${code.slice(0, 3)} ${code.slice(3)}`, T59)).toBe(1);
    for (const bad of ["", "12345", "1234567", "abcdef", `${code}0`]) expect(matchTotpStep(key, bad, T59)).toBeNull();
  });

  it("makes 160-bit secrets and an otpauth URI apps read", () => {
    const secret = generateTotpKey();
    expect(secret).toHaveLength(20);
    const uri = new URL(totpKeyUri("ada@example.com", secret));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(totpKeyText(secret).replace(/ /g, ""));
    expect(uri.searchParams.get("period")).toBe("30");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("issuer")).toBe("ASTROWORLD Auth");
  });
});

describe("recovery codes", () => {
  it("are ten distinct codes of ten characters", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
  });

  it("hash the same however they are typed", () => {
    const [code] = generateRecoveryCodes();
    const typed = ` ${code!.toUpperCase().replace("-", " ")} `;
    expect(hashRecoveryCode(typed)).toBe(hashRecoveryCode(code!));
    expect(normalizeRecoveryCode("O1IL-0")).toBe("01110");
  });
});

describe("secret box (AES-256-GCM)", () => {
  it("opens what it sealed for the same owner only", () => {
    const secret = generateTotpKey();
    const box = seal(secret, "user-a");
    expect(open(box, "user-a")).toEqual(secret);
    expect(open(box, "user-b")).toBeNull();
    const [v, id, iv, data] = box.split(".");
    const flipped = `${data!.slice(0, -2)}${data!.endsWith("A") ? "B" : "A"}${data!.slice(-1)}`;
    expect(open([v, id, iv, flipped].join("."), "user-a")).toBeNull();
    expect(open("v1.other.iv.data", "user-a")).toBeNull();
  });
});
