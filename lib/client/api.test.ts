import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The browser's fetch, stubbed: each call is recorded, and the answer for a path comes from
// a script the test sets. Only the calls' order and count matter here.

type Answer = { status: number; body?: unknown } | "network_error";

interface Call {
  method: string;
  path: string;
  body: string | undefined;
}

const REFRESH = "/api/auth/token/refresh";
const EXPIRED = {
  status: 401,
  body: { detail: "Authentication credentials were not provided or are invalid.", code: "not_authenticated" },
};
const REFUSED = {
  status: 401,
  body: { detail: "The refresh token is invalid or expired.", code: "invalid_refresh_token" },
};
const OK = (body: unknown = { detail: "ok" }) => ({ status: 200, body });

let calls: Call[];
let answer: (call: Call, nth: number) => Answer | Promise<Answer>;

function stubFetch() {
  calls = [];
  vi.stubGlobal("fetch", async (path: string, init: RequestInit = {}) => {
    const call = { method: init.method ?? "GET", path, body: init.body as string | undefined };
    calls.push(call);
    const reply = await answer(call, calls.filter((c) => c.path === path).length);
    if (reply === "network_error") throw new TypeError("Failed to fetch");
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { "content-type": "application/json" },
    });
  });
}

/** A fresh module per test: the single-flight state lives at module level, as in the browser. */
const loadApi = () => import("./api");

const callsTo = (path: string) => calls.filter((c) => c.path === path);

/** Resolves after the macrotask queue has run, so every pending fetch has had its turn. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

beforeEach(() => {
  vi.resetModules();
  stubFetch();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("renewing an expired access token", () => {
  it("five parallel calls that all get 401 share ONE refresh, and each is retried once", async () => {
    const { sendJson, postJson } = await loadApi();
    let renewed = false;
    answer = (call) => {
      if (call.path === REFRESH) {
        renewed = true;
        return OK({ access_expires_at: new Date().toISOString() });
      }
      return renewed ? OK({ path: call.path }) : EXPIRED;
    };

    const results = await Promise.all([
      sendJson("PUT", "/api/auth/user", { bio: "a" }),
      postJson("/api/auth/password-change", { current_password: "x" }),
      sendJson("DELETE", "/api/auth/sessions/s1"),
      sendJson("DELETE", "/api/auth/sessions/s2"),
      postJson("/api/auth/logout-all"),
    ]);

    expect(results.every((r) => r.ok)).toBe(true);
    expect(callsTo(REFRESH)).toHaveLength(1);
    expect(callsTo(REFRESH)[0]!.method).toBe("POST");
    for (const path of [
      "/api/auth/user",
      "/api/auth/password-change",
      "/api/auth/sessions/s1",
      "/api/auth/sessions/s2",
      "/api/auth/logout-all",
    ]) {
      expect(callsTo(path), path).toHaveLength(2);
    }
    // The retry repeats the request as it was.
    const [first, retry] = callsTo("/api/auth/user");
    expect(retry).toEqual(first);
    expect(results[0]).toEqual({ ok: true, data: { path: "/api/auth/user" } });
  });

  it("fifty parallel 401s while the refresh is slow still make a single refresh call", async () => {
    const { sendJson } = await loadApi();
    let release!: () => void;
    const slowRefresh = new Promise<void>((resolve) => (release = resolve));
    let renewed = false;
    answer = async (call) => {
      if (call.path !== REFRESH) return renewed ? OK() : EXPIRED;
      await slowRefresh;
      renewed = true;
      return OK();
    };

    const pending = Promise.all(Array.from({ length: 50 }, (_, i) => sendJson("DELETE", `/api/auth/sessions/${i}`)));
    await tick();
    expect(callsTo(REFRESH)).toHaveLength(1);
    release();
    const results = await pending;
    expect(results.every((r) => r.ok)).toBe(true);
    expect(callsTo(REFRESH)).toHaveLength(1);
    expect(calls).toHaveLength(50 * 2 + 1);
  });

  it("a 401 that arrives after another call already renewed is retried without a second refresh", async () => {
    const { sendJson } = await loadApi();
    let renewed = false;
    let releaseLate!: () => void;
    const late = new Promise<void>((resolve) => (releaseLate = resolve));
    answer = async (call, nth) => {
      if (call.path === REFRESH) {
        renewed = true;
        return OK();
      }
      // The slow call was sent with the old cookie and answers 401 only after the renewal.
      if (call.path === "/api/auth/sessions/slow" && nth === 1) {
        await late;
        return EXPIRED;
      }
      return renewed ? OK() : EXPIRED;
    };

    const slow = sendJson("DELETE", "/api/auth/sessions/slow");
    await tick();
    expect((await sendJson("PUT", "/api/auth/user", { bio: "b" })).ok).toBe(true);
    releaseLate();
    expect((await slow).ok).toBe(true);
    expect(callsTo(REFRESH)).toHaveLength(1);
    expect(callsTo("/api/auth/sessions/slow")).toHaveLength(2);
  });

  it("when the refresh is refused, each call returns its original 401 and nothing is retried", async () => {
    const { sendJson } = await loadApi();
    answer = (call) => (call.path === REFRESH ? REFUSED : EXPIRED);

    const results = await Promise.all(Array.from({ length: 5 }, () => sendJson("PUT", "/api/auth/user", { bio: "c" })));

    for (const result of results) expect(result).toEqual({ ok: false, status: 401, error: EXPIRED.body });
    expect(callsTo(REFRESH)).toHaveLength(1);
    expect(callsTo("/api/auth/user")).toHaveLength(5);
  });

  it("a refresh that cannot reach the server also returns the original 401", async () => {
    const { postJson } = await loadApi();
    answer = (call) => (call.path === REFRESH ? "network_error" : EXPIRED);

    expect(await postJson("/api/auth/password-change", {})).toEqual({ ok: false, status: 401, error: EXPIRED.body });
    expect(callsTo(REFRESH)).toHaveLength(1);
    expect(callsTo("/api/auth/password-change")).toHaveLength(1);
  });

  it("does not loop: a retry that gets 401 again is returned as it is", async () => {
    const { sendJson } = await loadApi();
    answer = (call) => (call.path === REFRESH ? OK() : EXPIRED);

    expect(await sendJson("PUT", "/api/auth/user", { bio: "d" })).toEqual({
      ok: false,
      status: 401,
      error: EXPIRED.body,
    });
    expect(callsTo(REFRESH)).toHaveLength(1);
    expect(callsTo("/api/auth/user")).toHaveLength(2);
    expect(calls).toHaveLength(3);
  });

  it("a later expiry renews again (one refresh per expiry, not one per page)", async () => {
    const { sendJson } = await loadApi();
    let live = false;
    answer = (call) => {
      if (call.path === REFRESH) {
        live = true;
        return OK();
      }
      return live ? OK() : EXPIRED;
    };
    expect((await sendJson("PUT", "/api/auth/user", {})).ok).toBe(true);
    live = false; // the renewed token expires too
    expect((await sendJson("PUT", "/api/auth/user", {})).ok).toBe(true);
    expect(callsTo(REFRESH)).toHaveLength(2);
  });

  it.each([
    "/api/auth/login",
    "/api/auth/login/",
    "/api/auth/register",
    REFRESH,
    "/api/auth/email-verify",
    "/api/auth/password-reset-confirm",
  ])("never renews for a 401 from %s", async (path) => {
    const { postJson } = await loadApi();
    answer = () => ({
      status: 401,
      body: { detail: "Unable to log in with the provided credentials.", code: "invalid_credentials" },
    });
    const result = await postJson(path, { login: "ada", password: "wrong" });
    expect(result).toMatchObject({ ok: false, status: 401, error: { code: "invalid_credentials" } });
    expect(calls).toHaveLength(1);
  });

  it("leaves other failures alone: 403, 429 and network errors are not renewed", async () => {
    const { sendJson } = await loadApi();
    for (const reply of [
      { status: 403, body: { detail: "no", code: "csrf_failed" } },
      { status: 429, body: { detail: "slow", code: "rate_limited" } },
      "network_error",
    ] as const) {
      calls.length = 0;
      answer = () => reply;
      const result = await sendJson("PUT", "/api/auth/user", {});
      expect(result.ok).toBe(false);
      expect(calls).toHaveLength(1);
    }
  });
});
