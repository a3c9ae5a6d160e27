import { hash } from "@node-rs/argon2";
import { afterEach, describe, expect, it, vi } from "vitest";
import { hashPassword, passwordNeedsRehash, verifyDummyPassword, verifyPassword } from "./password";

const ARGON2ID = 2;

describe("hashPassword", () => {
  it("produces an argon2id hash carrying the configured parameters", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(stored).not.toContain("correct horse");
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });
});

describe("verifyPassword", () => {
  it("accepts the right password and rejects a wrong one", async () => {
    const stored = await hashPassword("Orbit-Launch-2024");
    expect(await verifyPassword(stored, "Orbit-Launch-2024")).toBe(true);
    expect(await verifyPassword(stored, "orbit-launch-2024")).toBe(false);
    expect(await verifyPassword(stored, "")).toBe(false);
  });

  it("answers false, not an exception, for a malformed stored hash", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
    expect(await verifyPassword("", "anything")).toBe(false);
  });

  it("normalises Unicode with NFKC, so composed and decomposed forms are the same password", async () => {
    const composed = "Caf\u00e9-\u212b-passw\u00f6rd";
    const decomposed = "Cafe\u0301-A\u030a-passwo\u0308rd";
    expect(composed).not.toBe(decomposed);
    expect(await verifyPassword(await hashPassword(composed), decomposed)).toBe(true);
  });

  it("treats compatibility characters (ligatures, full-width) as their plain forms", async () => {
    const stored = await hashPassword("\ufb01rework-\uff21\uff22\uff23");
    expect(await verifyPassword(stored, "firework-ABC")).toBe(true);
  });

  it("verifies hashes made with other parameters", async () => {
    const stored = await hash("legacy password", {
      algorithm: ARGON2ID,
      memoryCost: 2048,
      timeCost: 2,
      parallelism: 1,
    });
    expect(await verifyPassword(stored, "legacy password")).toBe(true);
  });
});

describe("verifyDummyPassword", () => {
  it("always answers false", async () => {
    expect(await verifyDummyPassword("astroworld-dummy-password")).toBe(false);
    expect(await verifyDummyPassword("anything")).toBe(false);
  });
});

describe("passwordNeedsRehash", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("is false for a hash made with the current parameters", async () => {
    expect(passwordNeedsRehash(await hashPassword("pw-current-params"))).toBe(false);
  });

  it.each([
    ["memory", { memoryCost: 2048, timeCost: 1, parallelism: 1 }],
    ["time", { memoryCost: 1024, timeCost: 2, parallelism: 1 }],
    ["parallelism", { memoryCost: 1024, timeCost: 1, parallelism: 2 }],
  ])("is true when the %s cost differs", async (_name, params) => {
    expect(passwordNeedsRehash(await hash("pw", { algorithm: ARGON2ID, ...params }))).toBe(true);
  });

  it("is true for other algorithms and unknown formats", async () => {
    expect(passwordNeedsRehash(await hash("pw", { algorithm: 0, memoryCost: 1024, timeCost: 1, parallelism: 1 }))).toBe(
      true,
    );
    expect(passwordNeedsRehash("$2b$12$abcdefghijklmnopqrstuuM7mNWS8m1mx4NR5i4j7n8Yk5tK8mBy")).toBe(true);
    expect(passwordNeedsRehash("plaintext")).toBe(true);
  });

  it("flags existing hashes once the configured parameters change", async () => {
    const stored = await hashPassword("pw-before-upgrade");
    vi.stubEnv("ARGON2_MEMORY_KIB", "19456");
    vi.stubEnv("ARGON2_TIME_COST", "2");
    vi.resetModules();
    const upgraded = await import("./password");

    expect(upgraded.passwordNeedsRehash(stored)).toBe(true);
    const rehashed = await upgraded.hashPassword("pw-before-upgrade");
    expect(rehashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(upgraded.passwordNeedsRehash(rehashed)).toBe(false);
  });
});
