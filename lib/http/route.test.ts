import { describe, expect, it } from "vitest";
import { describeError } from "./route";

describe("describeError", () => {
  it("keeps a failed query's parameters out of the log, but names the driver error", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email_lower_idx"'), {
      name: "PostgresError",
    });
    const error = new Error(
      'Failed query: insert into "users" ... params: alice,$argon2id$v=19$m=19456,t=2,p=1$secret-hash',
      { cause },
    );
    error.name = "DrizzleQueryError";
    const line = describeError(error);
    expect(line).toContain("DrizzleQueryError caused by PostgresError: duplicate key value");
    expect(line).not.toContain("argon2id");
    expect(line).not.toContain("alice");
    expect(line).toMatch(/\n\s+at /);
  });

  it("describes plain errors and non-errors", () => {
    expect(describeError(new TypeError("x is not a function"))).toMatch(/^TypeError: x is not a function/);
    expect(describeError("boom")).toBe("boom");
  });
});
