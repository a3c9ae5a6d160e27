import { z } from "zod";
import { describe, expect, it } from "vitest";
import { checkNewPassword, PASSWORD_MAX_LENGTH, passwordField, similarAttribute, similarity } from "./password";

function messages(result: { success: boolean; error?: z.ZodError }): string[] {
  return result.error?.issues.map((i) => i.message) ?? [];
}

describe("passwordField", () => {
  const field = passwordField();

  it("accepts 8 to 128 characters with no composition rules", () => {
    expect(field.safeParse("abcdefgh").success).toBe(true);
    expect(field.safeParse("a".repeat(PASSWORD_MAX_LENGTH)).success).toBe(true);
    expect(field.safeParse("        ").success).toBe(true);
  });

  it("says when the password is too short", () => {
    expect(messages(field.safeParse("abc1234"))).toEqual(["Password must be at least 8 characters."]);
  });

  it("says when the password is too long", () => {
    expect(messages(field.safeParse("a".repeat(PASSWORD_MAX_LENGTH + 1)))).toEqual([
      "Password must be at most 128 characters.",
    ]);
  });

  it("says when the password is missing or not text", () => {
    expect(messages(field.safeParse(undefined))).toEqual(["Password is required."]);
    expect(messages(field.safeParse(""))).toContain("Password is required.");
    expect(messages(field.safeParse(12345678))).toEqual(["Password must be text."]);
  });

  it("does not trim: surrounding spaces are part of the password", () => {
    expect(field.parse("  spaced out  ")).toBe("  spaced out  ");
  });

  it("normalises with NFKC before checking the length", () => {
    expect(field.parse("\ufb01rework-\uff21")).toBe("firework-A");
    expect(field.parse("Cafe\u0301-passwo\u0308rd")).toBe("Caf\u00e9-passw\u00f6rd");
  });

  it("uses the label and minimum it is given", () => {
    expect(messages(passwordField("New password", 12).safeParse("short-pass1"))).toEqual([
      "New password must be at least 12 characters.",
    ]);
  });
});

describe("similarity", () => {
  it("is 1 for equal strings and 0 for entirely different ones", () => {
    expect(similarity("orbit", "orbit")).toBe(1);
    expect(similarity("", "")).toBe(1);
    expect(similarity("abc", "xyz")).toBe(0);
  });

  it("is one minus the normalised edit distance", () => {
    expect(similarity("kitten", "sitting")).toBeCloseTo(1 - 3 / 7);
  });
});

describe("similarAttribute", () => {
  it("finds a password that contains the username", () => {
    expect(similarAttribute("moonwalker1", { username: "moonwalker" })).toBe("username");
    expect(similarAttribute("MyMoonWalker!!", { username: "moonwalker" })).toBe("username");
  });

  it("finds a password close to a part of the email address", () => {
    expect(similarAttribute("jacques.webster", { email: "jacques.webster@example.com" })).toBe("email address");
    expect(similarAttribute("websterr", { email: "jacques.webster@example.com" })).toBe("email address");
  });

  it("finds a password close to the first or last name", () => {
    expect(similarAttribute("travisxx", { first_name: "Travis" })).toBe("first name");
    expect(similarAttribute("scotty123", { last_name: "Scott" })).toBe("last name");
  });

  it("ignores unrelated passwords and very short attributes", () => {
    expect(
      similarAttribute("Nebula-Orbit-42!", { username: "pilot_7", email: "pilot_7@example.com", first_name: "Al" }),
    ).toBeNull();
    expect(similarAttribute("xy-something-long", { first_name: "xy" })).toBeNull();
  });
});

describe("checkNewPassword", () => {
  const schema = z
    .object({ username: z.string(), pw: z.string(), pw2: z.string() })
    .superRefine((v, ctx) =>
      checkNewPassword(
        ctx,
        { password: v.pw, confirm: v.pw2, attributes: { username: v.username } },
        { password: "pw", confirm: "pw2" },
      ),
    );

  it("reports a mismatch on the confirmation field", () => {
    const result = schema.safeParse({ username: "pilot", pw: "Nebula-Orbit-42", pw2: "Nebula-Orbit-43" });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ["pw2"], message: "The two passwords do not match." }),
    ]);
  });

  it("reports similarity on the password field", () => {
    const result = schema.safeParse({ username: "moonwalker", pw: "moonwalker9", pw2: "moonwalker9" });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ["pw"], message: "This password is too similar to your username." }),
    ]);
  });

  it("passes matching, unrelated passwords", () => {
    expect(schema.safeParse({ username: "pilot", pw: "Nebula-Orbit-42", pw2: "Nebula-Orbit-42" }).success).toBe(true);
  });
});
