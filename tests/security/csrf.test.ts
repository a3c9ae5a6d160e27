// CSRF (docs/design.md#web-security): cookie-authenticated state changes must come from our origin or an
// AUTH_TRUSTED_ORIGINS entry; bearer calls need no Origin check; login CSRF is refused too.
// Requests are built by hand here so that exactly the browser headers named are sent.
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import * as login from "@/app/api/auth/login/route";
import * as logout from "@/app/api/auth/logout/route";
import * as passwordChange from "@/app/api/auth/password-change/route";
import * as register from "@/app/api/auth/register/route";
import * as refresh from "@/app/api/auth/token/refresh/route";
import * as profile from "@/app/api/auth/user/route";
import { expectError, strongPassword, userCount, userRow } from "../helpers/account";
import { cookieHeader, setCookiesOf, type CookieJar } from "../helpers/cookies";
import { BASE_URL, get } from "../helpers/http";
import {
  activeUser,
  loginForTokens,
  loginWithCookies,
  newUser,
  registrationBody,
  type TestUser,
} from "../helpers/users";

vi.hoisted(() => {
  process.env.AUTH_TRUSTED_ORIGINS = "https://app.partner.example/, http://localhost:5173";
});

const EVIL = "https://evil.example";

type Handler = (request: NextRequest, context: never) => Promise<Response>;

interface Send {
  headers?: Record<string, string>;
  jar?: CookieJar;
  json?: unknown;
  bearer?: string;
}

/** Exactly the headers given (no Origin is added), plus the jar's cookies and a JSON body. */
function send(
  handler: Handler,
  method: string,
  path: string,
  { headers = {}, jar, json, bearer }: Send = {},
): Promise<Response> {
  const all = new Headers({ "user-agent": "vitest", "x-forwarded-for": "203.0.113.50", ...headers });
  if (jar?.size) all.set("cookie", cookieHeader(jar));
  if (bearer !== undefined) all.set("authorization", `Bearer ${bearer}`);
  if (json !== undefined) all.set("content-type", "application/json");
  const request = new NextRequest(new URL(path, BASE_URL), {
    method,
    headers: all,
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  return handler(request, { params: Promise.resolve({}) } as never);
}

const sendLogout = (options: Send) => send(logout.POST, "POST", "/api/auth/logout", options);
const sendPatch = (options: Send) => send(profile.PATCH, "PATCH", "/api/auth/user", options);

async function stillSignedIn(jar: CookieJar): Promise<boolean> {
  return (await get("/api/auth/user", { jar })).status === 200;
}

async function refused(response: Response): Promise<void> {
  await expectError(response, 403, "csrf_failed");
  expect(response.headers.getSetCookie()).toEqual([]);
}

async function browserSession(): Promise<{ user: TestUser; jar: CookieJar }> {
  const user = await activeUser();
  return { user, jar: await loginWithCookies(user) };
}

describe("cookie-authenticated writes from another site", () => {
  it("POST /logout with a foreign Origin: 403 csrf_failed, still signed in", async () => {
    const { jar } = await browserSession();
    await refused(await sendLogout({ jar, headers: { origin: EVIL } }));
    expect(await stillSignedIn(jar)).toBe(true);
  });

  it("POST /password-change with a foreign Origin: 403, the old password still works", async () => {
    const { user, jar } = await browserSession();
    const password = strongPassword();
    const body = { current_password: user.password, new_password: password, new_password2: password };
    const before = await userRow(user.email);
    await refused(
      await send(passwordChange.POST, "POST", "/api/auth/password-change", {
        jar,
        json: body,
        headers: { origin: EVIL },
      }),
    );
    expect((await userRow(user.email)).passwordHash).toBe(before.passwordHash);
    expect(await stillSignedIn(await loginWithCookies(user))).toBe(true);
  });

  it("PATCH /user with a foreign Origin: 403, the profile is unchanged", async () => {
    const { user, jar } = await browserSession();
    const before = await userRow(user.email);
    await refused(await sendPatch({ jar, json: { bio: "pwned" }, headers: { origin: EVIL } }));
    expect(await userRow(user.email)).toEqual(before);
  });

  it("POST /token/refresh with the refresh cookie from a foreign Origin: 403, nothing rotated", async () => {
    const { jar } = await browserSession();
    const response = await send(refresh.POST, "POST", "/api/auth/token/refresh", { jar, headers: { origin: EVIL } });
    await refused(response);
    // The refresh token was not used up: our own page can still refresh with it.
    const ours = await send(refresh.POST, "POST", "/api/auth/token/refresh", { jar, headers: { origin: BASE_URL } });
    expect(ours.status, await ours.clone().text()).toBe(200);
  });

  it.each([
    ["Sec-Fetch-Site: cross-site without Origin", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: same-site (a sibling subdomain) without Origin", { "sec-fetch-site": "same-site" }],
    ["Origin: null (sandboxed frame, data: URL)", { origin: "null" }],
    ["neither Origin nor Sec-Fetch-Site, but our cookies", {}],
    ["a look-alike origin", { origin: "http://localhost:3000.evil.example" }],
    ["our host on another port", { origin: "http://localhost:30000" }],
    ["a trusted host over the wrong scheme", { origin: "http://app.partner.example" }],
    ["a trusted origin as a prefix", { origin: "https://app.partner.example.evil.example" }],
  ])("is refused with %s", async (_name, headers: Record<string, string>) => {
    const { jar } = await browserSession();
    await refused(await sendLogout({ jar, headers }));
    await refused(await sendPatch({ jar, json: { bio: "pwned" }, headers }));
    expect(await stillSignedIn(jar)).toBe(true);
  });

  it("cannot be smuggled past the check with a junk bearer header next to the cookies", async () => {
    const { jar } = await browserSession();
    await refused(await sendLogout({ jar, bearer: "junk", headers: { origin: EVIL } }));
    await refused(
      await send(refresh.POST, "POST", "/api/auth/token/refresh", { jar, bearer: "junk", headers: { origin: EVIL } }),
    );
    expect(await stillSignedIn(jar)).toBe(true);
  });
});

describe("cookie-authenticated writes from our own pages or trusted origins", () => {
  it.each([
    ["our Origin", { origin: BASE_URL }],
    ["Sec-Fetch-Site: same-origin without Origin", { "sec-fetch-site": "same-origin" }],
    ["Sec-Fetch-Site: none (typed by the user) without Origin", { "sec-fetch-site": "none" }],
    ["a trusted origin (configured with a trailing slash)", { origin: "https://app.partner.example" }],
    ["another trusted origin", { origin: "http://localhost:5173" }],
  ])("is accepted with %s", async (_name, headers: Record<string, string>) => {
    const { user, jar } = await browserSession();
    const response = await sendPatch({ jar, json: { bio: "mine" }, headers });
    expect(response.status, await response.clone().text()).toBe(200);
    expect((await userRow(user.email)).bio).toBe("mine");
    const out = await sendLogout({ jar, headers });
    expect(out.status).toBe(200);
    expect(await stillSignedIn(jar)).toBe(false);
  });

  it("accepts a same-origin password change", async () => {
    const { user, jar } = await browserSession();
    const password = strongPassword();
    const body = { current_password: user.password, new_password: password, new_password2: password };
    const response = await send(passwordChange.POST, "POST", "/api/auth/password-change", {
      jar,
      json: body,
      headers: { origin: BASE_URL },
    });
    expect(response.status, await response.clone().text()).toBe(200);
  });
});

describe("bearer calls", () => {
  it("are accepted with a foreign Origin: they carry no ambient credentials", async () => {
    const user = await activeUser();
    const { access } = await loginForTokens(user);
    const response = await sendPatch({
      bearer: access,
      json: { bio: "from an app" },
      headers: { origin: EVIL, "sec-fetch-site": "cross-site" },
    });
    expect(response.status, await response.clone().text()).toBe(200);
    expect((await userRow(user.email)).bio).toBe("from an app");
    expect((await sendLogout({ bearer: access, headers: { origin: EVIL } })).status).toBe(200);
  });
});

describe("login CSRF and other credential-less writes", () => {
  it("refuses a cross-site login POST (no cookies, foreign Origin) and sets no cookies", async () => {
    const user = await activeUser();
    const body = { login: user.username, password: user.password };
    await refused(await send(login.POST, "POST", "/api/auth/login", { json: body, headers: { origin: EVIL } }));
    await refused(
      await send(login.POST, "POST", "/api/auth/login", { json: body, headers: { "sec-fetch-site": "cross-site" } }),
    );
  });

  it("refuses a cross-site registration and creates nobody", async () => {
    const users = await userCount();
    await refused(
      await send(register.POST, "POST", "/api/auth/register", {
        json: registrationBody(newUser()),
        headers: { origin: EVIL },
      }),
    );
    expect(await userCount()).toBe(users);
  });

  it("accepts a login from our page, from a trusted origin, and from a non-browser client", async () => {
    const user = await activeUser();
    const body = { login: user.username, password: user.password };
    for (const headers of [{ origin: BASE_URL }, { origin: "https://app.partner.example" }, {}] as Record<
      string,
      string
    >[]) {
      const response = await send(login.POST, "POST", "/api/auth/login", { json: body, headers });
      expect(response.status, JSON.stringify(headers)).toBe(200);
      expect(setCookiesOf(response).has("aw_access")).toBe(true);
    }
  });
});

describe("reads", () => {
  it("are not blocked by the Origin check (CORS keeps foreign pages from reading them)", async () => {
    const { jar } = await browserSession();
    const response = await send(profile.GET, "GET", "/api/auth/user", { jar, headers: { origin: EVIL } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });
});
