import { CodeChallengeMethod, OAuth2Client, generateCodeVerifier, generateState } from "arctic";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { env } from "@/lib/env";

export const OAUTH_PROVIDERS = ["github", "google"] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

export const PROVIDER_NAMES: Record<OAuthProvider, string> = { github: "GitHub", google: "Google" };

/** Who the provider says signed in: its stable id for them, and the address it vouches for. */
export interface ProviderIdentity {
  provider: OAuthProvider;
  id: string;
  email: string | null;
  emailVerified: boolean;
  /** A handle to derive a username from (GitHub login, Google name or address). */
  login: string;
  firstName: string;
  lastName: string;
}

/** What one start of a sign-in keeps in its cookies until the provider sends the person back. */
export interface FlowSecrets {
  state: string;
  codeVerifier: string;
  nonce: string | null;
}

interface ProviderConfig {
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  scopes: string[];
}

export function isOAuthProvider(name: string): name is OAuthProvider {
  return (OAUTH_PROVIDERS as readonly string[]).includes(name);
}

/** Providers whose client id and secret are both configured, in display order. */
export function enabledProviders(): OAuthProvider[] {
  return OAUTH_PROVIDERS.filter((provider) => configOf(provider) !== null);
}

function configOf(provider: OAuthProvider): ProviderConfig | null {
  const e = env();
  if (provider === "github") {
    if (!e.GITHUB_CLIENT_ID || !e.GITHUB_CLIENT_SECRET) return null;
    return {
      clientId: e.GITHUB_CLIENT_ID,
      clientSecret: e.GITHUB_CLIENT_SECRET,
      authorizeUrl: e.OAUTH_GITHUB_AUTHORIZE_URL,
      tokenUrl: e.OAUTH_GITHUB_TOKEN_URL,
      scopes: ["read:user", "user:email"],
    };
  }
  if (!e.GOOGLE_CLIENT_ID || !e.GOOGLE_CLIENT_SECRET) return null;
  return {
    clientId: e.GOOGLE_CLIENT_ID,
    clientSecret: e.GOOGLE_CLIENT_SECRET,
    authorizeUrl: e.OAUTH_GOOGLE_AUTHORIZE_URL,
    tokenUrl: e.OAUTH_GOOGLE_TOKEN_URL,
    scopes: ["openid", "email", "profile"],
  };
}

export function callbackUrl(provider: OAuthProvider): string {
  return new URL(`/api/auth/oauth/${provider}/callback`, env().AUTH_URL).toString();
}

function clientOf(provider: OAuthProvider, config: ProviderConfig): OAuth2Client {
  return new OAuth2Client(config.clientId, config.clientSecret, callbackUrl(provider));
}

/**
 * The provider's consent page for a new flow, and the secrets that must come back with it:
 * state (CSRF), a PKCE verifier for both providers (GitHub honours S256 too), and for Google
 * an OpenID nonce that binds the ID token to this browser's flow. Null for a disabled provider.
 */
export function startFlow(provider: OAuthProvider): { url: URL; secrets: FlowSecrets } | null {
  const config = configOf(provider);
  if (!config) return null;
  const secrets: FlowSecrets = {
    state: generateState(),
    codeVerifier: generateCodeVerifier(),
    nonce: provider === "google" ? generateState() : null,
  };
  const url = clientOf(provider, config).createAuthorizationURLWithPKCE(
    config.authorizeUrl,
    secrets.state,
    CodeChallengeMethod.S256,
    secrets.codeVerifier,
    config.scopes,
  );
  if (secrets.nonce) url.searchParams.set("nonce", secrets.nonce);
  // GitHub: offer to create an account on its page; Google: let people pick which account.
  if (provider === "google") url.searchParams.set("prompt", "select_account");
  return { url, secrets };
}

/**
 * Trades the code for tokens and reads who signed in. Any refusal or surprise from the provider
 * (a spent or forged code, a wrong verifier, an ID token that does not check out) is null:
 * the caller answers it as one provider error.
 */
export async function identityFor(
  provider: OAuthProvider,
  code: string,
  secrets: Omit<FlowSecrets, "state">,
): Promise<ProviderIdentity | null> {
  const config = configOf(provider);
  if (!config) return null;
  try {
    const tokens = await clientOf(provider, config).validateAuthorizationCode(
      config.tokenUrl,
      code,
      secrets.codeVerifier,
    );
    // GitHub answers a refused code with 200 and an `error` field: accessToken() throws then.
    if (provider === "github") return await githubIdentity(tokens.accessToken());
    return await googleIdentity(tokens.idToken(), config.clientId, secrets.nonce);
  } catch (error) {
    console.warn(`[oauth] ${provider} sign-in failed at the provider: ${describe(error)}`);
    return null;
  }
}

async function githubIdentity(accessToken: string): Promise<ProviderIdentity> {
  const api = env().OAUTH_GITHUB_API_URL.replace(/\/+$/, "");
  const headers = {
    authorization: `Bearer ${accessToken}`,
    accept: "application/vnd.github+json",
    "user-agent": "astroworld-auth",
    "x-github-api-version": "2022-11-28",
  };
  const user = (await getJson(`${api}/user`, headers)) as { id?: unknown; login?: unknown; name?: unknown };
  const emails = (await getJson(`${api}/user/emails`, headers)) as {
    email?: unknown;
    primary?: unknown;
    verified?: unknown;
  }[];
  if (typeof user.id !== "number" && typeof user.id !== "string") throw new Error("GitHub user without an id");
  if (typeof user.login !== "string") throw new Error("GitHub user without a login");
  // Only the primary address, and only if GitHub has verified it, stands for the person.
  const primary = Array.isArray(emails) ? emails.find((e) => e.primary === true && typeof e.email === "string") : null;
  const [firstName = "", ...rest] = typeof user.name === "string" ? user.name.trim().split(/\s+/) : [];
  return {
    provider: "github",
    id: String(user.id),
    email: primary ? String(primary.email).toLowerCase() : null,
    emailVerified: primary?.verified === true,
    login: user.login,
    firstName,
    lastName: rest.join(" "),
  };
}

let googleKeys: { url: string; keys: ReturnType<typeof createRemoteJWKSet> } | undefined;

async function googleIdentity(idToken: string, clientId: string, nonce: string | null): Promise<ProviderIdentity> {
  const e = env();
  if (googleKeys?.url !== e.OAUTH_GOOGLE_JWKS_URL)
    googleKeys = { url: e.OAUTH_GOOGLE_JWKS_URL, keys: createRemoteJWKSet(new URL(e.OAUTH_GOOGLE_JWKS_URL)) };
  // Google signs with the issuer written with and without its scheme.
  const issuer =
    e.OAUTH_GOOGLE_ISSUER === "https://accounts.google.com"
      ? ["https://accounts.google.com", "accounts.google.com"]
      : e.OAUTH_GOOGLE_ISSUER;
  const { payload } = await jwtVerify(idToken, googleKeys.keys, {
    issuer,
    audience: clientId,
    requiredClaims: ["exp"],
  });
  if (!nonce || payload.nonce !== nonce) throw new Error("ID token nonce does not match this flow");
  if (typeof payload.sub !== "string" || payload.sub === "") throw new Error("ID token without a subject");
  const email = typeof payload.email === "string" ? payload.email.toLowerCase() : null;
  const text = (claim: unknown) => (typeof claim === "string" ? claim : "");
  return {
    provider: "google",
    id: payload.sub,
    email,
    emailVerified: email !== null && payload.email_verified === true,
    login: text(payload.name) || (email ?? "").split("@")[0]!,
    firstName: text(payload.given_name),
    lastName: text(payload.family_name),
  };
}

async function getJson(url: string, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${new URL(url).pathname} answered ${response.status}`);
  return response.json();
}

/** The error's kind and message: never a token, which the provider's errors do not carry. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : String(error).slice(0, 200);
}
