// The typed client of the ASTROWORLD Auth API: a method per endpoint (named after its
// operationId in /api/auth/openapi.json), types from the server's zod schemas, and one
// shared refresh for concurrent 401s. No framework, nothing at run time but fetch: import it,
// or copy it with transport.ts and types.ts (whose types come from lib/schemas and the code
// table in lib/http/errors.ts).
import { createTransport, type TransportOptions } from "./transport";
import type * as T from "./types";

export type { FetchLike, RefreshTokenStore, TransportOptions as AuthClientOptions } from "./transport";
export { memoryRefreshTokenStore } from "./transport";
export type * from "./types";

export type AuthClient = ReturnType<typeof createAuthClient>;

const secretHeader = (secret: string) => ({ authorization: `Bearer ${secret}` });

/**
 * `createAuthClient({ baseUrl: "https://auth.example.com" })` for a browser app on another
 * origin (cookies, `credentials: "include"`); add `transport: "body"` for tokens in memory
 * and a `refreshTokenStore` for apps that keep the refresh token (a keychain, say).
 */
export function createAuthClient(options: TransportOptions = {}) {
  const t = createTransport(options);
  const baseUrl = (options.baseUrl ?? "").replace(/\/+$/, "");
  const once = <R>(method: string, path: string, body?: unknown) => t.call<R>(method, path, body, false);
  const renewing = <R>(method: string, path: string, body?: unknown) => t.call<R>(method, path, body, true);

  return {
    /** The call any method makes; renews on 401 except for paths that answer 401 for bad credentials. */
    request: <R>(method: string, path: string, body?: unknown) => t.call<R>(method, path, body, mayRenew(path)),
    get transport() {
      return t.transport;
    },
    accessToken: t.accessToken,

    register: (input: T.RegisterInput) => once<T.RegisterResponse>("POST", "/api/auth/register", input),
    verifyEmail: (link: T.LinkInput) => once<T.Detail>("POST", "/api/auth/email-verify", link),
    resendVerification: (email: string) => once<T.Detail>("POST", "/api/auth/email-verify/resend", { email }),
    async login(input: T.LoginInput): Promise<T.ApiResult<T.LoginResponse>> {
      const result = await once<T.LoginResponse>("POST", "/api/auth/login", input);
      if (result.ok) await t.keepTokens(result.data);
      return result;
    },
    unlockLogin: (link: T.LinkInput) => once<T.Detail>("POST", "/api/auth/login/unlock", link),
    // Emailed sign-in: one mail with a link and a 6-digit code; either signs in (it may answer `mfa_required`).
    requestEmailSignIn: (email: string) => once<T.Detail>("POST", "/api/auth/login/email", { email }),
    async verifyEmailSignIn(input: T.EmailSignInVerifyInput): Promise<T.ApiResult<T.LoginResponse>> {
      const result = await once<T.LoginResponse>("POST", "/api/auth/login/email/verify", input);
      if (result.ok) await t.keepTokens(result.data);
      return result;
    },
    /** The new-device alert's "this wasn't me" link: ends every session, this client's included. */
    async secureAccount(link: T.SecureAccountInput): Promise<T.ApiResult<T.Detail>> {
      const result = await once<T.Detail>("POST", "/api/auth/secure-account", link);
      if (result.ok) await t.forget();
      return result;
    },
    /**
     * Where to send the browser to sign in with (or, `intent: "link"`, connect) a provider: a
     * navigation, not a fetch. The flow comes back signed in (cookies) to `next`.
     */
    startOAuth: (provider: T.OAuthProvider, query: T.OAuthStartQuery = {}) =>
      `${baseUrl}/api/auth/oauth/${encodeURIComponent(provider)}${queryString(query)}`,
    listConnectedAccounts: () => renewing<T.ConnectedAccounts>("GET", "/api/auth/connected-accounts"),
    disconnectProvider: (provider: T.OAuthProvider) =>
      renewing<T.Detail>("DELETE", `/api/auth/connected-accounts/${encodeURIComponent(provider)}`),
    /** `disconnectProvider` as an HTML form posts it; here for completeness. */
    disconnectProviderByForm: (provider: T.OAuthProvider) =>
      renewing<T.Detail>("POST", `/api/auth/connected-accounts/${encodeURIComponent(provider)}`),
    /** The second step after a login answered `mfa_required` (its `mfa_token` is on `result.error`, see `mfaTokenOf`). */
    async loginTwoFactor(input: T.LoginTwoFactorInput): Promise<T.ApiResult<T.LoginResponse>> {
      const result = await once<T.LoginResponse>("POST", "/api/auth/login/2fa", input);
      if (result.ok) await t.keepTokens(result.data);
      return result;
    },
    /** Renews now, sharing a refresh already under way; most apps never call it (401s do). */
    refresh: async () => (await t.renew()).result as T.ApiResult<T.RefreshResponse>,
    async logout(): Promise<T.ApiResult<T.Detail>> {
      const refresh = t.transport === "body" ? await t.refreshToken() : null;
      const result = await once<T.Detail>("POST", "/api/auth/logout", refresh ? { refresh } : undefined);
      await t.forget();
      return result;
    },
    async logoutAll(): Promise<T.ApiResult<T.LogoutAllResponse>> {
      const result = await renewing<T.LogoutAllResponse>("POST", "/api/auth/logout-all");
      if (result.ok) await t.forget();
      return result;
    },
    getUser: () => renewing<T.PublicUser>("GET", "/api/auth/user"),
    replaceUser: (profile: T.ProfileInput) => renewing<T.PublicUser>("PUT", "/api/auth/user", profile),
    updateUser: (changes: T.ProfilePatchInput) => renewing<T.PublicUser>("PATCH", "/api/auth/user", changes),
    /** `replaceUser` as an HTML form posts it; here for completeness. */
    replaceUserByForm: (profile: T.ProfileInput) => renewing<T.PublicUser>("POST", "/api/auth/user", profile),
    requestPasswordReset: (email: string) => once<T.Detail>("POST", "/api/auth/password-reset", { email }),
    confirmPasswordReset: (input: T.PasswordResetConfirmInput) =>
      once<T.Detail>("POST", "/api/auth/password-reset-confirm", input),
    changePassword: (input: T.PasswordChangeInput) => renewing<T.Detail>("POST", "/api/auth/password-change", input),
    // Account lifecycle: a new address counts once its link is opened; the old one can undo it.
    requestEmailChange: (input: T.EmailChangeInput) => renewing<T.Detail>("POST", "/api/auth/email-change", input),
    confirmEmailChange: (link: T.LinkInput) => once<T.Detail>("POST", "/api/auth/email-change/confirm", link),
    /** Ends every session of the account, this client's included. */
    async revertEmailChange(link: T.LinkInput): Promise<T.ApiResult<T.Detail>> {
      const result = await once<T.Detail>("POST", "/api/auth/email-change/revert", link);
      if (result.ok) await t.forget();
      return result;
    },
    /** For an account without a password: a mailed code to send as `code` instead of `password`. */
    requestReauthCode: () => renewing<T.Detail>("POST", "/api/auth/reauth-code"),
    exportUser: () => renewing<T.AccountExport>("GET", "/api/auth/user/export"),
    async deleteUser(input: T.AccountDeleteInput): Promise<T.ApiResult<T.Detail>> {
      const result = await renewing<T.Detail>("DELETE", "/api/auth/user", input);
      if (result.ok) await t.forget();
      return result;
    },
    /** `deleteUser` as an HTML form posts it; here for completeness. */
    async deleteUserByForm(input: T.AccountDeleteInput): Promise<T.ApiResult<T.Detail>> {
      const result = await renewing<T.Detail>("POST", "/api/auth/user/delete", input);
      if (result.ok) await t.forget();
      return result;
    },
    listSessions: () => renewing<T.SessionList>("GET", "/api/auth/sessions"),
    endSession: (id: string) => renewing<T.Detail>("DELETE", `/api/auth/sessions/${encodeURIComponent(id)}`),
    /** `endSession` as an HTML form posts it; here for completeness. */
    endSessionByForm: (id: string) => renewing<T.Detail>("POST", `/api/auth/sessions/${encodeURIComponent(id)}`),
    listAuditEvents: (query: T.AuditQuery = {}) => renewing<T.AuditPage>("GET", `/api/auth/audit${queryString(query)}`),
    // Passkeys: hand the options to @simplewebauthn/browser (startRegistration / startAuthentication), post its answer back.
    passkeyRegistrationOptions: () => renewing<T.PasskeyCreationOptions>("POST", "/api/auth/passkeys/register/options"),
    registerPasskey: (input: T.PasskeyRegisterInput) =>
      renewing<T.PasskeyCreated>("POST", "/api/auth/passkeys/register/verify", input),
    listPasskeys: () => renewing<T.PasskeyList>("GET", "/api/auth/passkeys"),
    renamePasskey: (id: string, name: string) =>
      renewing<T.PasskeyCreated>("PATCH", `/api/auth/passkeys/${encodeURIComponent(id)}`, { name }),
    deletePasskey: (id: string) => renewing<T.Detail>("DELETE", `/api/auth/passkeys/${encodeURIComponent(id)}`),
    passkeyLoginOptions: () => once<T.PasskeyRequestOptions>("POST", "/api/auth/passkeys/login/options"),
    async loginWithPasskey(input: T.PasskeyLoginInput): Promise<T.ApiResult<T.LoginResponse>> {
      const result = await once<T.LoginResponse>("POST", "/api/auth/passkeys/login/verify", input);
      if (result.ok) await t.keepTokens(result.data);
      return result;
    },
    // Two-factor (TOTP): enrol shows the secret, confirm turns it on and answers the recovery codes once.
    getTwoFactor: () => renewing<T.TwoFactorStatus>("GET", "/api/auth/2fa"),
    enrolTwoFactor: () => renewing<T.TotpEnrolment>("POST", "/api/auth/2fa/enrol"),
    confirmTwoFactor: (input: T.TwoFactorConfirmInput) =>
      renewing<T.RecoveryCodes>("POST", "/api/auth/2fa/confirm", input),
    disableTwoFactor: (input: T.TwoFactorDisableInput) => renewing<T.Detail>("POST", "/api/auth/2fa/disable", input),
    regenerateRecoveryCodes: (input: T.RecoveryCodesInput) =>
      renewing<T.RecoveryCodes>("POST", "/api/auth/2fa/recovery-codes", input),
    jwks: () => once<T.Jwks>("GET", "/api/auth/jwks"),
    openApiDocument: () => once<T.OpenApiDocument>("GET", "/api/auth/openapi.json"),
    /** Trusted backends only: never ship AUTH_INTROSPECTION_SECRET to a browser. */
    introspect: (token: string, secret: string) =>
      withHeaders<T.Introspection>(options, "POST", "/api/auth/introspect", secretHeader(secret), { token }),
    health: () => once<T.Health>("GET", "/api/health"),
    /** The platform's cron job (CRON_SECRET), here for completeness. */
    prune: (secret: string) => withHeaders<T.PruneResponse>(options, "GET", "/api/cron/prune", secretHeader(secret)),
  };
}

// Paths that answer 401 for a wrong password or token, not for an expired access token:
// renewing there would be pointless or would loop.
const NO_RENEWAL = new Set([
  "/api/auth/login",
  "/api/auth/login/2fa",
  "/api/auth/register",
  "/api/auth/token/refresh",
  "/api/auth/email-verify",
  "/api/auth/email-verify/resend",
  "/api/auth/password-reset",
  "/api/auth/password-reset-confirm",
  "/api/auth/introspect",
  "/api/auth/passkeys/login/options",
  "/api/auth/passkeys/login/verify",
  "/api/auth/login/email",
  "/api/auth/login/email/verify",
  "/api/auth/secure-account",
]);

/** The token of a half-done sign-in, when a login (password, emailed code) answered `mfa_required`. */
export function mfaTokenOf(result: T.ApiResult<unknown>): string | null {
  if (result.ok || result.error.code !== "mfa_required") return null;
  const token = (result.error as Partial<T.MfaRequired>).mfa_token;
  return typeof token === "string" ? token : null;
}

function mayRenew(path: string): boolean {
  return !NO_RENEWAL.has(path.split("?")[0]!.replace(/\/+$/, ""));
}

function queryString(query: Record<string, string | number | undefined>): string {
  const entries = Object.entries(query).filter(([, value]) => value !== undefined);
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : "";
}

/** Server-to-server calls with their own credentials: no session, no renewal. */
async function withHeaders<R>(
  options: TransportOptions,
  method: string,
  path: string,
  headers: Record<string, string>,
  payload?: unknown,
): Promise<T.ApiResult<R>> {
  const fetchImpl = options.fetch ?? ((input: string, init: RequestInit) => globalThis.fetch(input, init));
  const plain = createTransport({
    ...options,
    transport: "cookie",
    credentials: "omit",
    fetch: (input, init) => fetchImpl(input, { ...init, headers: { ...(init.headers as object), ...headers } }),
  });
  return plain.call<R>(method, path, payload, false);
}
