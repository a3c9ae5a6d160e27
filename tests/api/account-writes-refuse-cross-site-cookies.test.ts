import { describe, expect, it } from "vitest";
import { api, expectError, PATHS, sessionRow, strongPassword, userRow } from "../helpers/account";
import { claimsOf } from "../helpers/tokens";
import { activeUser, loginForTokens, loginWithCookies, type TestUser } from "../helpers/users";

type Write = {
  name: string;
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  path: (user: TestUser, otherSid: string) => string;
  body: (user: TestUser) => unknown;
};

const writes: Write[] = [
  { name: "PATCH /user", method: "PATCH", path: () => PATHS.user, body: () => ({ bio: "pwned" }) },
  {
    name: "PUT /user",
    method: "PUT",
    path: () => PATHS.user,
    body: (u) => ({ username: `${u.username}_x`, first_name: "", last_name: "", bio: "pwned", profile_picture: null }),
  },
  {
    name: "POST /password-change",
    method: "POST",
    path: () => PATHS.passwordChange,
    body: (u) => {
      const password = strongPassword();
      return { current_password: u.password, new_password: password, new_password2: password };
    },
  },
  {
    name: "DELETE /sessions/{id}",
    method: "DELETE",
    path: (_, sid) => `${PATHS.sessions}/${sid}`,
    body: () => undefined,
  },
  { name: "POST /logout-all", method: "POST", path: () => PATHS.logoutAll, body: () => undefined },
];

const crossSite: [string, Record<string, string>][] = [
  ["a foreign Origin", { origin: "https://evil.example" }],
  ["Origin: null", { origin: "null" }],
  // An empty Origin stops buildRequest from adding our own, as when a browser sends none.
  ["no Origin but Sec-Fetch-Site: cross-site", { origin: "", "sec-fetch-site": "cross-site" }],
];

describe.each(writes)("$name with cookies", ({ method, path, body }) => {
  it.each(crossSite)("is refused with 403 csrf_failed from %s and changes nothing", async (_, headers) => {
    const user = await activeUser();
    const jar = await loginWithCookies(user);
    const other = await loginForTokens(user);
    const otherSid = claimsOf(other.access).sid;
    const before = await userRow(user.email);

    const response = await api(method, path(user, otherSid), { jar, json: body(user), headers });
    await expectError(response, 403, "csrf_failed");
    expect(response.headers.getSetCookie()).toEqual([]);

    expect(await userRow(user.email)).toEqual(before);
    expect((await sessionRow(otherSid))?.revokedAt).toBeNull();
    expect((await api("GET", PATHS.user, { jar })).status).toBe(200);
  });

  it("is allowed from our own origin", async () => {
    const user = await activeUser();
    const jar = await loginWithCookies(user);
    const other = await loginForTokens(user);
    const response = await api(method, path(user, claimsOf(other.access).sid), {
      jar,
      json: body(user),
      headers: { origin: "http://localhost:3000" },
    });
    expect(response.status, await response.clone().text()).toBe(200);
  });
});

describe("bearer calls carry no ambient credentials", () => {
  it("are not subject to the Origin check", async () => {
    const user = await activeUser();
    const { access } = await loginForTokens(user);
    const response = await api("PATCH", PATHS.user, {
      bearer: access,
      json: { bio: "from a native app" },
      headers: { origin: "https://elsewhere.example" },
    });
    expect(response.status).toBe(200);
    expect((await userRow(user.email)).bio).toBe("from a native app");
  });
});
