// Where the e2e OAuth stand-in (tests/support/oauth-provider.ts) listens, and the client
// credentials the app server is given for it: shared by playwright.config.ts, the stand-in
// script and e2e/oauth.spec.ts. They open only this local test process, never a real provider.
export const OAUTH_STANDIN_PORT = 3198;
export const OAUTH_STANDIN_URL = `http://127.0.0.1:${OAUTH_STANDIN_PORT}`;
export const OAUTH_STANDIN_CLIENTS = {
  github: { id: "github-e2e-client", secret: "github-e2e-local-standin-secret" },
  google: { id: "google-e2e-client.apps.example", secret: "google-e2e-local-standin-secret" },
};

/** The app server's provider settings pointing at the stand-in (the test/enterprise overrides). */
export const OAUTH_STANDIN_ENV: Record<string, string> = {
  GITHUB_CLIENT_ID: OAUTH_STANDIN_CLIENTS.github.id,
  GITHUB_CLIENT_SECRET: OAUTH_STANDIN_CLIENTS.github.secret,
  GOOGLE_CLIENT_ID: OAUTH_STANDIN_CLIENTS.google.id,
  GOOGLE_CLIENT_SECRET: OAUTH_STANDIN_CLIENTS.google.secret,
  OAUTH_GITHUB_AUTHORIZE_URL: `${OAUTH_STANDIN_URL}/github/login/oauth/authorize`,
  OAUTH_GITHUB_TOKEN_URL: `${OAUTH_STANDIN_URL}/github/login/oauth/access_token`,
  OAUTH_GITHUB_API_URL: `${OAUTH_STANDIN_URL}/github/api`,
  OAUTH_GOOGLE_ISSUER: `${OAUTH_STANDIN_URL}/google`,
  OAUTH_GOOGLE_AUTHORIZE_URL: `${OAUTH_STANDIN_URL}/google/authorize`,
  OAUTH_GOOGLE_TOKEN_URL: `${OAUTH_STANDIN_URL}/google/token`,
  OAUTH_GOOGLE_JWKS_URL: `${OAUTH_STANDIN_URL}/google/jwks`,
};
