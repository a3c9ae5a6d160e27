import { describe, expect, it } from "vitest";
import { ERRORS, type ErrorCode } from "./errors";

// Pages show the table's sentence as it is (form alerts, the flash of a form posted without
// JavaScript, the link pages): every code needs one a person can read without knowing HTTP.
// ("Two-factor authentication" is the feature's own name, and stays.)
const JARGON =
  /credential|(un|not )authenticated|refresh token|request body|cross-site|origin|payload|\bcsrf\b|\b[1-5]\d\d\b|revoked/i;

describe("the error table's page copy", () => {
  it.each(Object.keys(ERRORS) as ErrorCode[])("%s has a plain, short sentence", (code) => {
    const [, sentence] = ERRORS[code];
    expect(sentence).toMatch(/^[A-Z“"].*[.?]$/s);
    expect(sentence.length).toBeLessThanOrEqual(160);
    expect(sentence).not.toMatch(JARGON);
  });

  it("says the two things people meet most in the words of the issue", () => {
    expect(ERRORS.invalid_credentials[1]).toMatch(/^That username or password isn't right\./);
    expect(ERRORS.session_revoked[1]).toMatch(/log in again/);
  });
});
