// Where the e2e mail stand-in listens, shared by playwright.config.ts, the stand-in script
// and the specs. The key only opens this local test process, never a real Resend account.
export const MAIL_STANDIN = {
  port: 3199,
  url: "http://127.0.0.1:3199",
  apiKey: "re_e2e_local_standin",
} as const;
