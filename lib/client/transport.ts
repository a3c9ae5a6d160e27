import type { ApiResult, ErrorBody } from "./types";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Where a body-transport client keeps its refresh token (memory by default; a native app: its keychain). */
export interface RefreshTokenStore {
  get(): string | null | Promise<string | null>;
  set(token: string | null): void | Promise<void>;
}

export function memoryRefreshTokenStore(): RefreshTokenStore {
  let token: string | null = null;
  return { get: () => token, set: (value) => void (token = value) };
}

export interface TransportOptions {
  /** The API's origin, e.g. "https://auth.example.com"; "" for our own pages. */
  baseUrl?: string;
  /** "cookie": httpOnly cookies (browsers); "body": tokens in answers, access token in memory. */
  transport?: "cookie" | "body";
  /** Cookie transport: "include" (default) sends the cookies to another origin too. */
  credentials?: RequestCredentials;
  fetch?: FetchLike;
  refreshTokenStore?: RefreshTokenStore;
  /** Called once when a refresh is refused after a session was seen: it is over, and forgotten. */
  onSessionExpired?: () => void;
}

export const REFRESH_PATH = "/api/auth/token/refresh";

const unreachable: ErrorBody = {
  detail: "Could not reach the server. Check your connection and try again.",
  code: "internal_error",
};

const NO_REFRESH_TOKEN: ErrorBody = {
  detail: "The refresh token is invalid or expired.",
  code: "invalid_refresh_token",
};

type Sent<T> = { result: ApiResult<T>; status: number };
type Renewal = { outcome: "renewed" | "refused" | "unreachable"; result: ApiResult<unknown> };

/**
 * Sends JSON to the API in either transport and renews an expired access token: every call
 * that gets a 401 at the same time shares ONE refresh (refresh tokens rotate, so a second one
 * would be a replay), then each repeats itself once. A refused refresh forgets the session.
 */
export function createTransport(options: TransportOptions = {}) {
  const baseUrl = (options.baseUrl ?? "").replace(/\/+$/, "");
  const body = options.transport === "body";
  const credentials: RequestCredentials = body ? "omit" : (options.credentials ?? "include");
  const store = options.refreshTokenStore ?? memoryRefreshTokenStore();
  // Looked up per call, so a fetch replaced after creation (tests, polyfills) is used.
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let access: string | null = null;
  // Whether a session was seen (a login, a refresh, an answered account call): only losing one
  // is "expired"; a first visit without any, or a deliberate logout, is not.
  let hadSession = false;
  let renewals = 0;
  let renewal: Promise<Renewal> | null = null;

  async function send<T>(method: string, path: string, payload?: unknown): Promise<Sent<T>> {
    const headers: Record<string, string> = {};
    if (payload !== undefined) headers["content-type"] = "application/json";
    if (body) headers["x-auth-transport"] = "body";
    if (body && access) headers.authorization = `Bearer ${access}`;
    try {
      const response = await fetchImpl(`${baseUrl}${path}`, {
        method,
        headers: Object.keys(headers).length ? headers : undefined,
        body: payload === undefined ? undefined : JSON.stringify(payload),
        credentials,
      });
      const data = (await response.json().catch(() => null)) as unknown;
      if (response.ok) return { status: response.status, result: { ok: true, data: data as T } };
      const error = isErrorBody(data) ? data : unreachable;
      const retryAfter = Number(response.headers.get("retry-after")) || undefined;
      const failure = { ok: false as const, status: response.status, error, ...(retryAfter ? { retryAfter } : {}) };
      return { status: response.status, result: failure };
    } catch {
      return { status: 0, result: { ok: false, status: 0, error: unreachable } };
    }
  }

  /** Keeps what a login or refresh answered: the pair (body transport) or nothing (cookies). */
  async function keepTokens(data: unknown): Promise<void> {
    hadSession = true;
    if (!body || !data || typeof data !== "object") return;
    const pair = data as { access?: unknown; refresh?: unknown };
    if (typeof pair.access === "string") access = pair.access;
    if (typeof pair.refresh === "string") await store.set(pair.refresh);
  }

  async function forget(): Promise<void> {
    hadSession = false;
    access = null;
    await store.set(null);
  }

  async function refreshOnce(): Promise<Renewal> {
    const token = body ? await store.get() : null;
    // Nothing to refresh with: never signed in here, or already expired (no second callback).
    if (body && !token) return { outcome: "refused", result: { ok: false, status: 401, error: NO_REFRESH_TOKEN } };
    const sent = await send("POST", REFRESH_PATH, body ? { refresh: token } : undefined);
    if (sent.result.ok) {
      await keepTokens(sent.result.data);
      renewals += 1;
      return { outcome: "renewed", result: sent.result };
    }
    if (sent.status !== 401) return { outcome: "unreachable", result: sent.result };
    const expired = hadSession;
    await forget();
    if (expired) options.onSessionExpired?.();
    return { outcome: "refused", result: sent.result };
  }

  /** One refresh for everyone who asks while it runs. */
  function renew(): Promise<Renewal> {
    renewal ??= refreshOnce().finally(() => {
      renewal = null;
    });
    return renewal;
  }

  /** A call that renews once on 401 (when `renews`), then repeats itself once. */
  async function call<T>(method: string, path: string, payload?: unknown, renews = true): Promise<ApiResult<T>> {
    const renewalsBefore = renewals;
    const first = await send<T>(method, path, payload);
    if (!renews || first.status !== 401) return seen(renews, first.result);
    // Another call may have renewed while this one was in flight: then just repeat it.
    const renewed = renewals !== renewalsBefore || (await renew()).outcome === "renewed";
    return renewed ? seen(renews, (await send<T>(method, path, payload)).result) : first.result;
  }

  /** An account call that succeeded proves a session (cookies carry it without our knowing). */
  function seen<T>(renews: boolean, result: ApiResult<T>): ApiResult<T> {
    if (renews && result.ok) hadSession = true;
    return result;
  }

  return {
    call,
    keepTokens,
    forget,
    renew,
    refreshToken: () => store.get(),
    /** The access token of a body-transport client (memory only), for calls to other services. */
    accessToken: () => access,
    get transport() {
      return body ? ("body" as const) : ("cookie" as const);
    },
  };
}

function isErrorBody(value: unknown): value is ErrorBody {
  return Boolean(value && typeof value === "object" && "code" in value && "detail" in value);
}
