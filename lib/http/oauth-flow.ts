import { timingSafeEqual } from "node:crypto";
import type { NextRequest } from "next/server";
import type { Database } from "@/db";
import type { ClientInfo } from "@/lib/auth/client-info";
import type { DeviceOptions } from "@/lib/auth/known-device";
import { linkIdentity, signInWithIdentity } from "@/lib/auth/oauth-account";
import {
  enabledProviders,
  identityFor,
  isOAuthProvider,
  PROVIDER_NAMES,
  startFlow,
  type OAuthProvider,
} from "@/lib/auth/oauth-providers";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import type { SignedIn } from "@/lib/auth/sign-in";
import { env, isSecureUrl } from "@/lib/env";
import { callerOf, isFailure } from "./caller";
import { readCookie } from "./cookies";
import { ERRORS, fail, type ErrorCode, type Failure } from "./errors";
import { flashSetCookie } from "./flash";
import { mfaRedirectCookie } from "./mfa-step";
import { twoFactorPage } from "@/lib/client/mfa-step";
import { tokenResponse } from "./token-response";
import { isListedOrigin } from "./trusted-origins";

/** What the start of a flow leaves in the browser, read back by its callback. */
interface FlowCookie {
  provider: OAuthProvider;
  state: string;
  /** Epoch milliseconds after which the callback refuses this flow. */
  expires: number;
  next: string;
  /** The signed-in account that asked to connect this provider; absent for a sign-in. */
  link?: string;
}

/** The account page section the flash of a connect or disconnect is for. */
export const OAUTH_FLASH_SECTION = "connected-accounts";

function cookieName(part: "state" | "verifier" | "nonce"): string {
  return `${isSecureUrl() ? "__Host-" : ""}aw_oauth_${part}`;
}

function cookieLine(part: "state" | "verifier" | "nonce", value: string, maxAge: number): string {
  const secure = isSecureUrl() ? "; Secure" : "";
  // Lax: the provider sends the browser back with a top-level GET, which Lax cookies follow.
  return `${cookieName(part)}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`;
}

/**
 * A 302 to the provider's consent page, with the flow's state, PKCE verifier and (Google) nonce
 * in short-lived httpOnly cookies. `link` starts connecting the provider to the signed-in caller.
 */
export async function startOAuth(
  request: NextRequest,
  db: Database,
  provider: string,
  query: { next?: string; intent?: "link" },
): Promise<Response | Failure> {
  const flow = isOAuthProvider(provider) ? startFlow(provider) : null;
  if (!flow) return fail("not_found");
  let link: string | undefined;
  if (query.intent === "link") {
    const caller = await callerOf(request, db);
    if (isFailure(caller)) return caller;
    link = caller.user.id;
  }
  const ttl = env().OAUTH_STATE_TTL_SECONDS;
  const cookie: FlowCookie = {
    provider: provider as OAuthProvider,
    state: flow.secrets.state,
    expires: Date.now() + ttl * 1000,
    next: returnTarget(query.next ?? null),
    link,
  };
  const headers = new Headers({ location: flow.url.toString(), "cache-control": "no-store" });
  headers.append("set-cookie", cookieLine("state", encode(cookie), ttl));
  headers.append("set-cookie", cookieLine("verifier", flow.secrets.codeVerifier, ttl));
  if (flow.secrets.nonce) headers.append("set-cookie", cookieLine("nonce", flow.secrets.nonce, ttl));
  return new Response(null, { status: 302, headers });
}

interface CallbackInput {
  request: NextRequest;
  db: Database;
  provider: string;
  client: ClientInfo;
  device: DeviceOptions;
}

/**
 * Where the provider sends the browser back. Every outcome is a 303 that clears the flow's
 * cookies: signed in (to `next`), connected (to /account), or refused with a message in a flash
 * (to /login, or /account when connecting); never an error page.
 */
export async function finishOAuth(input: CallbackInput): Promise<Response | Failure> {
  const { request, db, provider, client, device } = input;
  if (!isOAuthProvider(provider) || !enabledProviders().includes(provider)) return fail("not_found");
  const params = request.nextUrl.searchParams;
  const flow = decode(readCookie(request, cookieName("state")));
  const linking = flow?.provider === provider && flow.link !== undefined;
  const refuse = (code: ErrorCode) => landWithMessage(linking ? "/account" : "/login", code, linking);

  const providerError = params.get("error");
  if (providerError) return refuse(providerError === "access_denied" ? "oauth_denied" : "oauth_provider_error");
  if (!flow || flow.provider !== provider) return refuse("oauth_state_invalid");
  if (!sameSecret(flow.state, params.get("state"))) return refuse("oauth_state_invalid");
  if (Date.now() > flow.expires) return refuse("oauth_state_expired");
  const codeVerifier = readCookie(request, cookieName("verifier"));
  const nonce = readCookie(request, cookieName("nonce")) ?? null;
  const code = params.get("code");
  if (!codeVerifier || !code || (provider === "google" && !nonce)) return refuse("oauth_state_invalid");

  const identity = await identityFor(provider, code, { codeVerifier, nonce });
  if (!identity) return refuse("oauth_provider_error");

  if (flow.link !== undefined) {
    const caller = await callerOf(request, db);
    // Connecting needs the very account that started it, still signed in.
    if (isFailure(caller) || caller.user.id !== flow.link) return landWithMessage("/login", "not_authenticated", false);
    const linked = await linkIdentity(db, caller.user, identity, client);
    if (!linked.ok) return refuse(linked.code);
    return landWithMessage("/account", null, true, `${PROVIDER_NAMES[provider]} is now connected to your account.`);
  }
  const result = await signInWithIdentity(db, identity, client, device);
  return answerSignIn(request, result, flow.next);
}

/**
 * The one place a provider sign-in's outcome becomes an answer: tokens in cookies and a 303 to
 * the page asked for, or the refusal on /login. (A second factor, when signIn asks for one, is
 * answered here too.)
 */
function answerSignIn(request: NextRequest, result: SignedIn | Failure, next: string): Response {
  // Two-factor on: the code step next, the half-done sign-in in its httpOnly cookie (never the URL).
  const mfaCookie = mfaRedirectCookie(result);
  if (mfaCookie) return redirect(twoFactorPage(next), [mfaCookie]);
  if (!result.ok) return landWithMessage("/login", result.code, false);
  const answer = tokenResponse(request, result.tokens, { deviceToken: result.deviceToken });
  return redirect(next, answer.headers.getSetCookie());
}

function landWithMessage(page: string, code: ErrorCode | null, section: boolean, detail?: string): Response {
  const flash = flashSetCookie({
    page,
    ok: code === null,
    code: code ?? undefined,
    detail: detail ?? (code ? ERRORS[code][1] : undefined),
    values: section ? { section: OAUTH_FLASH_SECTION } : undefined,
  });
  return redirect(page, [flash]);
}

function redirect(location: string, cookies: string[]): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  for (const part of ["state", "verifier", "nonce"] as const) headers.append("set-cookie", cookieLine(part, "", 0));
  return new Response(null, { status: 303, headers });
}

/**
 * Where a sign-in lands: a same-origin path (lib/auth/safe-next-path.ts), or a page of a frontend
 * listed in AUTH_TRUSTED_ORIGINS (a SPA elsewhere that started the flow and wants its page back).
 */
function returnTarget(next: string | null): string {
  if (next && /^https?:\/\//i.test(next)) {
    try {
      const url = new URL(next);
      if (isListedOrigin(url.origin) && !url.username && !url.password) return url.toString();
    } catch {
      // Not a URL: the default below.
    }
    return "/account";
  }
  return safeNextPath(next, { fallback: "/account" });
}

function sameSecret(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function encode(cookie: FlowCookie): string {
  return Buffer.from(JSON.stringify(cookie)).toString("base64url");
}

function decode(value: string | undefined): FlowCookie | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString()) as Partial<FlowCookie>;
    const valid =
      (parsed.provider === "github" || parsed.provider === "google") &&
      typeof parsed.state === "string" &&
      typeof parsed.expires === "number" &&
      typeof parsed.next === "string" &&
      (parsed.link === undefined || typeof parsed.link === "string");
    if (!valid) return null;
    return { ...(parsed as FlowCookie), next: returnTarget(parsed.next ?? null) };
  } catch {
    return null;
  }
}
