import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";

// A test-only stand-in for GitHub's OAuth app endpoints and REST API (/user, /user/emails) and
// for Google's OpenID Connect endpoints (authorize, token with a signed ID token, JWKS), on
// 127.0.0.1. The app reaches it through the OAUTH_* endpoint overrides, so the real redirect →
// callback → code exchange (PKCE checked, codes single-use) → identity path runs in tests.
//
// Its authorize page is a consent page listing the identities known for the provider; `as=<key>`
// in the authorize URL picks one without a page (integration tests follow the redirect themselves),
// and `deny=1` answers `error=access_denied` like a person pressing Cancel.

export type StandInProvider = "github" | "google";

export interface StandInIdentity {
  provider: StandInProvider;
  /** What `as=` names; also the consent page's button. */
  key: string;
  /** The provider's id for the person (GitHub user id, Google `sub`). */
  id: string;
  login: string;
  name?: string;
  email: string;
  emailVerified: boolean;
  /** Google: claims that replace the ID token's own (a wrong `aud`, `nonce`, `iss`, an old `exp`). */
  claims?: Record<string, unknown>;
}

export interface OAuthStandIn {
  url: string;
  clients: Record<StandInProvider, { id: string; secret: string }>;
  /** The app's OAUTH_* and client settings pointing at this stand-in. */
  env: Record<string, string>;
  addIdentity(identity: StandInIdentity): void;
  close(): Promise<void>;
}

interface IssuedCode {
  identity: StandInIdentity;
  clientId: string;
  redirectUri: string;
  challenge: string | null;
  nonce: string | null;
}

export async function startOAuthStandIn(
  options: { port?: number; clients?: OAuthStandIn["clients"] } = {},
): Promise<OAuthStandIn> {
  const clients = options.clients ?? {
    github: { id: "github-test-client", secret: `gh-secret-${randomUUID()}` },
    google: { id: "google-test-client.apps.example", secret: `google-secret-${randomUUID()}` },
  };
  const identities = new Map<string, StandInIdentity>();
  const codes = new Map<string, IssuedCode>();
  const accessTokens = new Map<string, StandInIdentity>();
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: "stand-in-key", alg: "RS256", use: "sig" };
  let url = "";

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const path = new URL(req.url ?? "/", "http://stand-in");
    const reply = (status: number, data: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(data));
    };
    const route = `${req.method} ${path.pathname}`;
    if (route === "GET /") return reply(200, { ok: true });
    if (route === "POST /_identities") {
      const identity = JSON.parse(body) as StandInIdentity;
      identities.set(`${identity.provider}:${identity.key}`, identity);
      return reply(201, { ok: true });
    }
    if (route === "GET /github/login/oauth/authorize") return authorize("github", path.searchParams, res);
    if (route === "GET /google/authorize") return authorize("google", path.searchParams, res);
    if (route === "POST /github/login/oauth/access_token") return token("github", req, body, reply);
    if (route === "POST /google/token") return token("google", req, body, reply);
    if (route === "GET /google/jwks") return reply(200, { keys: [jwk] });
    if (route === "GET /github/api/user" || route === "GET /github/api/user/emails") {
      const identity = accessTokens.get((req.headers.authorization ?? "").replace(/^Bearer /, ""));
      if (!identity) return reply(401, { message: "Bad credentials" });
      if (path.pathname.endsWith("/user")) {
        return reply(200, { id: Number(identity.id), login: identity.login, name: identity.name ?? null });
      }
      return reply(200, [
        { email: identity.email, primary: true, verified: identity.emailVerified, visibility: "private" },
        { email: `${identity.login}@users.noreply.github.example`, primary: false, verified: true, visibility: null },
      ]);
    }
    reply(404, { message: "Not Found" });
  };

  function authorize(provider: StandInProvider, params: URLSearchParams, res: ServerResponse) {
    const redirectUri = params.get("redirect_uri") ?? "";
    const clientId = params.get("client_id") ?? "";
    if (clientId !== clients[provider].id || !/^https?:\/\//.test(redirectUri)) {
      res.writeHead(400, { "content-type": "text/plain" });
      return res.end("Unknown client or redirect_uri");
    }
    const back = new URL(redirectUri);
    back.searchParams.set("state", params.get("state") ?? "");
    if (params.get("deny") === "1") {
      back.searchParams.set("error", "access_denied");
      return redirect(res, back);
    }
    const chosen = identities.get(`${provider}:${params.get("as") ?? ""}`);
    if (!chosen) return consentPage(provider, params, res);
    const code = randomBytes(16).toString("hex");
    codes.set(code, {
      identity: chosen,
      clientId,
      redirectUri,
      challenge: params.get("code_challenge_method") === "S256" ? params.get("code_challenge") : null,
      nonce: params.get("nonce"),
    });
    back.searchParams.set("code", code);
    if (provider === "google") back.searchParams.set("iss", `${url}/google`);
    return redirect(res, back);
  }

  function consentPage(provider: StandInProvider, params: URLSearchParams, res: ServerResponse) {
    const hidden = [...params]
      .filter(([name]) => name !== "as" && name !== "deny")
      .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
      .join("");
    const action = provider === "github" ? "/github/login/oauth/authorize" : "/google/authorize";
    const choices = [...identities.values()]
      .filter((identity) => identity.provider === provider)
      .map(
        (identity) =>
          `<button name="as" value="${escape(identity.key)}">Continue as ${escape(identity.login)}</button>`,
      )
      .join(" ");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><title>Stand-in ${provider}</title><h1>Authorize ASTROWORLD (stand-in ${provider})</h1>
<form action="${action}" method="get">${hidden}${choices} <button name="deny" value="1">Cancel</button></form>`);
  }

  async function token(
    provider: StandInProvider,
    req: IncomingMessage,
    body: string,
    reply: (status: number, data: unknown) => void,
  ) {
    const form = new URLSearchParams(body);
    const [clientId, secret] = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64")
      .toString()
      .split(":");
    // GitHub answers refusals with 200 and an `error` field; Google with 400, per RFC 6749.
    const refuse = (error: string) => reply(provider === "github" ? 200 : 400, { error });
    if (clientId !== clients[provider].id || secret !== clients[provider].secret) return refuse("invalid_client");
    const code = form.get("code") ?? "";
    const issued = codes.get(code);
    // Single use: a replayed code is refused like an unknown one.
    codes.delete(code);
    if (!issued || issued.clientId !== clientId || issued.redirectUri !== form.get("redirect_uri"))
      return refuse(provider === "github" ? "bad_verification_code" : "invalid_grant");
    const verifier = form.get("code_verifier") ?? "";
    const expected = createHash("sha256").update(verifier).digest("base64url");
    if (issued.challenge !== null && expected !== issued.challenge) return refuse("invalid_grant");
    const accessToken = randomBytes(20).toString("hex");
    accessTokens.set(accessToken, issued.identity);
    if (provider === "github") return reply(200, { access_token: accessToken, token_type: "bearer", scope: "" });
    const identity = issued.identity;
    const [given = "", ...family] = (identity.name ?? "").split(" ");
    const idToken = await new SignJWT({
      email: identity.email,
      email_verified: identity.emailVerified,
      name: identity.name ?? identity.login,
      given_name: given,
      family_name: family.join(" "),
      ...(issued.nonce ? { nonce: issued.nonce } : {}),
      ...identity.claims,
    })
      .setProtectedHeader({ alg: "RS256", kid: jwk.kid })
      .setIssuer(typeof identity.claims?.iss === "string" ? identity.claims.iss : `${url}/google`)
      .setAudience(typeof identity.claims?.aud === "string" ? identity.claims.aud : clientId)
      .setSubject(identity.id)
      .setIssuedAt()
      .setExpirationTime(typeof identity.claims?.exp === "number" ? identity.claims.exp : "5m")
      .sign(privateKey);
    return reply(200, { access_token: accessToken, id_token: idToken, token_type: "Bearer", expires_in: 3599 });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    clients,
    env: {
      GITHUB_CLIENT_ID: clients.github.id,
      GITHUB_CLIENT_SECRET: clients.github.secret,
      GOOGLE_CLIENT_ID: clients.google.id,
      GOOGLE_CLIENT_SECRET: clients.google.secret,
      OAUTH_GITHUB_AUTHORIZE_URL: `${url}/github/login/oauth/authorize`,
      OAUTH_GITHUB_TOKEN_URL: `${url}/github/login/oauth/access_token`,
      OAUTH_GITHUB_API_URL: `${url}/github/api`,
      OAUTH_GOOGLE_ISSUER: `${url}/google`,
      OAUTH_GOOGLE_AUTHORIZE_URL: `${url}/google/authorize`,
      OAUTH_GOOGLE_TOKEN_URL: `${url}/google/token`,
      OAUTH_GOOGLE_JWKS_URL: `${url}/google/jwks`,
    },
    addIdentity: (identity) => identities.set(`${identity.provider}:${identity.key}`, identity),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function redirect(res: ServerResponse, location: URL) {
  res.writeHead(302, { location: location.toString() });
  res.end();
}

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
