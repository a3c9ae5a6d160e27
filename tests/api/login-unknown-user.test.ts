import { describe, expect, it, vi } from "vitest";
import { json, post } from "../helpers/http";
import { activeUser } from "../helpers/users";

// Count argon2 verifications without changing what they do.
const verifications = vi.hoisted(() => ({ count: 0 }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...real,
    verify: (...args: Parameters<typeof real.verify>) => {
      verifications.count++;
      return real.verify(...args);
    },
  };
});

describe("login for an account that does not exist", () => {
  it("still verifies a password hash, so it costs what a wrong password costs", async () => {
    const user = await activeUser();
    verifications.count = 0;
    const wrong = await post("/api/auth/login", { login: user.username, password: "Not-the-password-1" });
    expect(verifications.count).toBe(1);

    verifications.count = 0;
    const unknown = await post("/api/auth/login", { login: "nobody-by-this-name", password: "Not-the-password-1" });
    expect(verifications.count).toBe(1);

    expect(unknown.status).toBe(wrong.status);
    expect(await json(unknown)).toEqual(await json(wrong));
  });
});
