// A token "issued" in the future was not issued by us (or by a clock we can trust): it is
// refused wherever tokens are verified, beyond a 60-second allowance for clock skew between
// instances. Each forgery below is signed with the real key and differs from an accepted
// token only in `iat`.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { middleware } from "@/middleware";
import { expectError, PATHS } from "../helpers/account";
import { BASE_URL, get, json, post } from "../helpers/http";
import { claimsOf, forgeToken } from "../helpers/tokens";
import { activeUser, loginForTokens, type TokenPair } from "../helpers/users";

const now = () => Math.floor(Date.now() / 1000);

/** The access token of a live session, re-signed with `iat` moved by `shift` seconds. */
async function accessWithIat(pair: TokenPair, shift: number): Promise<string> {
  const { sub, sid } = claimsOf(pair.access);
  return forgeToken({ typ: "at+jwt", claims: { sub, sid, iat: now() + shift, exp: now() + shift + 900 } });
}

/** The live refresh token, same jti and session, with `iat` moved by `shift` seconds. */
async function refreshWithIat(pair: TokenPair, shift: number): Promise<string> {
  const { sub, sid, jti, exp } = claimsOf(pair.refresh);
  return forgeToken({
    typ: "refresh+jwt",
    claims: { sub, sid, jti, iat: now() + shift, exp: Math.max(exp!, now() + shift + 600) },
  });
}

describe("an access token with iat in the future", () => {
  it("is refused by the API (401), in parallel, while the same claims issued now pass", async () => {
    const pair = await loginForTokens(await activeUser());
    const future = await accessWithIat(pair, 3600);
    const answers = await Promise.all(Array.from({ length: 20 }, () => get(PATHS.user, { bearer: future })));
    for (const answer of answers) await expectError(answer, 401, "not_authenticated");
    expect((await get(PATHS.user, { bearer: await accessWithIat(pair, 0) })).status).toBe(200);
  });

  it("is accepted within the clock-skew allowance, refused just beyond it", async () => {
    const pair = await loginForTokens(await activeUser());
    expect((await get(PATHS.user, { bearer: await accessWithIat(pair, 30) })).status).toBe(200);
    await expectError(await get(PATHS.user, { bearer: await accessWithIat(pair, 120) }), 401, "not_authenticated");
  });

  it("does not open a protected page: the edge guard sends the browser to log in", async () => {
    const pair = await loginForTokens(await activeUser());
    const page = (access: string) =>
      middleware(new NextRequest(new URL("/account", BASE_URL), { headers: { cookie: `aw_access=${access}` } }));
    expect((await page(await accessWithIat(pair, 3600))).status).toBe(307);
    expect((await page(await accessWithIat(pair, 0))).headers.get("x-middleware-next")).toBe("1");
  });
});

describe("a refresh token with iat in the future", () => {
  it("is refused and rotates nothing; the genuine token still refreshes afterwards", async () => {
    const pair = await loginForTokens(await activeUser());
    const future = await refreshWithIat(pair, 3600);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => post(PATHS.refresh, { refresh: future }, { tokenTransport: true })),
    );
    for (const answer of answers) expect(answer.status, await answer.clone().text()).toBe(401);
    const genuine = await post(PATHS.refresh, { refresh: pair.refresh }, { tokenTransport: true });
    expect(genuine.status, await genuine.clone().text()).toBe(200);
    expect((await json<TokenPair>(genuine)).refresh).not.toBe(pair.refresh);
  });

  it("cannot sign out a session either", async () => {
    const pair = await loginForTokens(await activeUser());
    await post(PATHS.logout, { refresh: await refreshWithIat(pair, 3600) }, { tokenTransport: true });
    expect((await get(PATHS.user, { bearer: pair.access })).status).toBe(200);
  });
});
