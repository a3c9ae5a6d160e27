// The second e2e app server (playwright.config.ts): the same production build with access
// tokens that expire after two seconds, so a spec can outlive one without waiting 15 minutes.
export const SHORT_TTL_PORT = 3101;
export const SHORT_TTL_URL = `http://localhost:${SHORT_TTL_PORT}`;
export const SHORT_ACCESS_TTL_SECONDS = 2;
