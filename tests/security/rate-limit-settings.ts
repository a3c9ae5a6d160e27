// Limits for the endpoint rate-limit files (tests/security/rate-limits-*.test.ts). Windows
// of a day keep the sliding window from crossing a boundary mid-test, which would let a
// request through that the test expects to be refused.
export const WINDOW_SECONDS = 86_400;

export const RATE_LIMITS = {
  login: 3,
  loginIp: 8,
  register: 2,
  passwordReset: 2,
  verifyResend: 2,
  refresh: 3,
  passwordChange: 2,
} as const;

export const RATE_LIMIT_ENV: Record<string, string> = {
  RATE_LIMIT_LOGIN: `${RATE_LIMITS.login}/${WINDOW_SECONDS}`,
  RATE_LIMIT_LOGIN_IP: `${RATE_LIMITS.loginIp}/${WINDOW_SECONDS}`,
  RATE_LIMIT_REGISTER: `${RATE_LIMITS.register}/${WINDOW_SECONDS}`,
  RATE_LIMIT_PASSWORD_RESET: `${RATE_LIMITS.passwordReset}/${WINDOW_SECONDS}`,
  RATE_LIMIT_VERIFY_RESEND: `${RATE_LIMITS.verifyResend}/${WINDOW_SECONDS}`,
  RATE_LIMIT_REFRESH: `${RATE_LIMITS.refresh}/${WINDOW_SECONDS}`,
  RATE_LIMIT_PASSWORD_CHANGE: `${RATE_LIMITS.passwordChange}/${WINDOW_SECONDS}`,
};

/** A short window for the "limit resets" files: two hits per second. */
export const SHORT_WINDOW_ENV: Record<string, string> = {
  RATE_LIMIT_LOGIN: "2/1",
  RATE_LIMIT_LOGIN_IP: "1000/60",
};
