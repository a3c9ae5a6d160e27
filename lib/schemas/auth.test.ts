import { describe, expect, it } from "vitest";
import { validate } from "@/lib/http/body";
import { emailVerifySchema, loginSchema, refreshSchema, registerSchema } from "./auth";

const valid = {
  username: "pilot_one",
  email: "Pilot.One@Example.COM",
  password: "Nebula-Orbit-42!",
  password2: "Nebula-Orbit-42!",
};

function fieldErrors(schema: Parameters<typeof validate>[0], data: unknown): Record<string, string[]> {
  const result = validate(schema, data);
  return result.ok ? {} : (result.fields ?? {});
}

describe("registerSchema", () => {
  it("accepts a complete registration and fills the optional names", () => {
    expect(registerSchema.parse(valid)).toEqual({
      username: "pilot_one",
      email: "pilot.one@example.com",
      password: "Nebula-Orbit-42!",
      password2: "Nebula-Orbit-42!",
      first_name: "",
      last_name: "",
    });
  });

  it("drops unknown and server-owned fields", () => {
    const parsed = registerSchema.parse({ ...valid, email_verified: true, is_active: false, id: "x", is_staff: true });
    expect(Object.keys(parsed).sort()).toEqual([
      "email",
      "first_name",
      "last_name",
      "password",
      "password2",
      "username",
    ]);
  });

  it("trims the username, names and email", () => {
    const parsed = registerSchema.parse({
      ...valid,
      username: "  pilot_one ",
      email: " pilot@example.com ",
      first_name: " Travis ",
    });
    expect(parsed).toMatchObject({ username: "pilot_one", email: "pilot@example.com", first_name: "Travis" });
  });

  it("reports missing fields by name", () => {
    expect(fieldErrors(registerSchema, {})).toEqual({
      username: ["Username is required."],
      email: ["Email is required."],
      password: ["Password is required."],
      password2: ["Password confirmation is required."],
    });
  });

  it.each([
    ["too short", "ab", "Username must be at least 3 characters."],
    ["spaces", "pilot one", "Use letters, digits and @ . + - _ only."],
    ["slashes", "pilot/one", "Use letters, digits and @ . + - _ only."],
    ["too long", "a".repeat(151), "Username must be at most 150 characters."],
  ])("rejects a username with %s", (_name, username, message) => {
    expect(fieldErrors(registerSchema, { ...valid, username }).username).toContain(message);
  });

  it("allows letters of any script, digits and @ . + - _ in usernames", () => {
    expect(registerSchema.safeParse({ ...valid, username: "jos\u00e9.m\u00fcller+1@x-y_z" }).success).toBe(true);
    expect(registerSchema.safeParse({ ...valid, username: "\u5b87\u5b99\u98de\u884c\u5458" }).success).toBe(true);
  });

  it.each(["not-an-email", "a@", "@example.com", "a b@example.com"])("rejects the email %j", (email) => {
    expect(fieldErrors(registerSchema, { ...valid, email }).email).toEqual(["Enter a valid email address."]);
  });

  it("rejects an email longer than 254 characters", () => {
    const email = `${"a".repeat(250)}@example.com`;
    expect(fieldErrors(registerSchema, { ...valid, email }).email?.[0]).toMatch(/at most 254/);
  });

  it("reports a confirmation that does not match", () => {
    expect(fieldErrors(registerSchema, { ...valid, password2: "Nebula-Orbit-43!" })).toEqual({
      password2: ["The two passwords do not match."],
    });
  });

  it("treats NFKC-equivalent passwords as matching", () => {
    expect(
      registerSchema.safeParse({ ...valid, password: "\ufb01rework-Orbit-9", password2: "firework-Orbit-9" }).success,
    ).toBe(true);
  });

  it("reports a password too similar to the username or email", () => {
    expect(
      fieldErrors(registerSchema, { ...valid, password: "pilot_one99", password2: "pilot_one99" }).password,
    ).toEqual(["This password is too similar to your username."]);
    expect(
      fieldErrors(registerSchema, {
        ...valid,
        email: "jacques.webster@example.com",
        password: "websterrr",
        password2: "websterrr",
      }).password,
    ).toEqual(["This password is too similar to your email address."]);
  });

  it("reports a password too similar to the first or last name", () => {
    expect(
      fieldErrors(registerSchema, {
        ...valid,
        first_name: "Anastasia",
        password: "anastasia!",
        password2: "anastasia!",
      }).password,
    ).toEqual(["This password is too similar to your first name."]);
    expect(
      fieldErrors(registerSchema, { ...valid, last_name: "Webster", password: "webster-9", password2: "webster-9" })
        .password,
    ).toEqual(["This password is too similar to your last name."]);
  });

  it("reports a short password with the policy message", () => {
    expect(fieldErrors(registerSchema, { ...valid, password: "short1", password2: "short1" }).password).toEqual([
      "Password must be at least 8 characters.",
    ]);
  });

  it("reports wrong types without throwing", () => {
    const fields = fieldErrors(registerSchema, {
      username: 1,
      email: true,
      password: [],
      password2: {},
      first_name: 3,
    });
    expect(fields).toEqual({
      username: ["Username must be text."],
      email: ["Email must be text."],
      password: ["Password must be text."],
      password2: ["Password confirmation must be text."],
      first_name: ["First name must be text."],
    });
  });
});

describe("loginSchema", () => {
  it("takes `login`, or `username` / `email` in its place", () => {
    expect(loginSchema.parse({ login: "pilot", password: "x" })).toEqual({ login: "pilot", password: "x" });
    expect(loginSchema.parse({ username: "pilot", password: "x" })).toEqual({ login: "pilot", password: "x" });
    expect(loginSchema.parse({ email: "p@example.com", password: "x" })).toEqual({
      login: "p@example.com",
      password: "x",
    });
  });

  it("prefers `login` over the aliases", () => {
    expect(loginSchema.parse({ login: "a", username: "b", email: "c", password: "x" }).login).toBe("a");
  });

  it("does not trim or normalise the password here", () => {
    expect(loginSchema.parse({ login: "a", password: "  x  " }).password).toBe("  x  ");
  });

  it("reports missing credentials by field", () => {
    expect(fieldErrors(loginSchema, {})).toEqual({
      login: ["Username or email is required."],
      password: ["Password is required."],
    });
  });
});

describe("emailVerifySchema", () => {
  it("accepts base64url parts", () => {
    expect(emailVerifySchema.safeParse({ uid: "YWJj", token: "a-b_C9" }).success).toBe(true);
  });

  it("rejects characters outside base64url", () => {
    expect(fieldErrors(emailVerifySchema, { uid: "a/b", token: "a=b" })).toEqual({
      uid: ["uid is malformed."],
      token: ["token is malformed."],
    });
  });
});

describe("refreshSchema", () => {
  it("makes the body token optional, for cookie clients", () => {
    expect(refreshSchema.parse({})).toEqual({});
    expect(refreshSchema.parse({ refresh: "a.b.c" })).toEqual({ refresh: "a.b.c" });
  });
});
