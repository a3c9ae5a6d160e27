import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next-path";

describe("safeNextPath", () => {
  it.each([
    "/account",
    "/account?x=1",
    "/account/sessions?tab=all#top",
    "/dashboard/a/b",
    "/search?q=https://example.com",
  ])("keeps the same-origin path %s", (next) => {
    expect(safeNextPath(next)).toBe(next);
  });

  it.each([
    ["protocol-relative", "//evil.com"],
    ["protocol-relative with path", "//evil.com/account"],
    ["absolute URL", "https://evil.com"],
    ["absolute URL with path", "https://evil.com/account"],
    ["javascript: URL", "javascript:alert(1)"],
    ["data: URL", "data:text/html,hi"],
    ["backslash", "/\\evil.com"],
    ["double backslash", "\\\\evil.com"],
    ["backslash after slash", "/\\/evil.com"],
    ["encoded tab", "/%09/evil.com"],
    ["raw tab", "/\t/evil.com"],
    ["raw newline", "/\n/evil.com"],
    ["encoded slashes", "/%2F%2Fevil.com"],
    ["encoded backslash", "/%5Cevil.com"],
    ["dot segment into //", "/.//evil.com"],
    ["parent segment into //", "/a/..//evil.com"],
    ["relative path", "account"],
    ["malformed escape", "/%E0%A4%A"],
  ])("rejects a %s (%j)", (_name, next) => {
    expect(safeNextPath(next)).toBe("/account");
  });

  it("falls back for a missing value and honours a custom fallback", () => {
    expect(safeNextPath(null)).toBe("/account");
    expect(safeNextPath(undefined)).toBe("/account");
    expect(safeNextPath("")).toBe("/account");
    expect(safeNextPath("//evil.com", { fallback: "/" })).toBe("/");
  });
});
