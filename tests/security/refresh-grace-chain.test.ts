import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb, tables } from "@/db";
import { GRACE_CHAIN_STEPS } from "@/lib/auth/session";
import { hashSecretToken } from "@/lib/auth/secret-token";
import { expectError } from "../helpers/account";
import { setCookiesOf, storeCookies, type CookieJar } from "../helpers/cookies";
import { get, json, post } from "../helpers/http";
import { claimsOf } from "../helpers/tokens";
import { activeUser, loginForTokens, loginWithCookies, type TokenPair } from "../helpers/users";
import { sleep } from "./support";

// A short grace window, so that leaving it takes a real wait; every replay meant to land
// inside it follows its rotations within milliseconds.
const GRACE_SECONDS = 3;
vi.hoisted(() => {
  process.env.REFRESH_REUSE_GRACE_SECONDS = "3";
});

const REFRESH = "/api/auth/token/refresh";

const refreshWith = (refresh: string) => post(REFRESH, { refresh }, { tokenTransport: true });

async function rotate(refresh: string): Promise<TokenPair> {
  const response = await refreshWith(refresh);
  expect(response.status, await response.clone().text()).toBe(200);
  return json<TokenPair>(response);
}

/** Logs in and rotates `rotations` times: [T, S, S2, …], each the successor of the one before. */
async function chain(rotations: number): Promise<TokenPair[]> {
  const pairs = [await loginForTokens(await activeUser())];
  for (let i = 0; i < rotations; i++) pairs.push(await rotate(pairs.at(-1)!.refresh));
  return pairs;
}

async function tokenRow(refresh: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(tables.refreshTokens)
    .where(eq(tables.refreshTokens.jtiHash, hashSecretToken(claimsOf(refresh).jti)));
  return row;
}

async function sessionRow(refresh: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(tables.sessions)
    .where(eq(tables.sessions.id, claimsOf(refresh).sid));
  return row!;
}

const jtiOf = (refresh: string) => claimsOf(refresh).jti;

describe("refresh grace window under replay", () => {
  it("replaying T after its successor S was rotated to S2 answers with S2, never the used S", async () => {
    const [t, s, s2] = await chain(2);
    expect((await tokenRow(s!.refresh))?.usedAt).toBeInstanceOf(Date);

    const replay = await rotate(t!.refresh);
    expect(jtiOf(replay.refresh)).not.toBe(jtiOf(s!.refresh));
    expect(jtiOf(replay.refresh)).toBe(jtiOf(s2!.refresh));
    expect((await tokenRow(replay.refresh))?.usedAt).toBeNull();
    expect((await get("/api/auth/user", { bearer: replay.access })).status).toBe(200);

    // What the replay got is a working token: it rotates, and the session stays alive.
    const onward = await rotate(replay.refresh);
    expect((await tokenRow(onward.refresh))?.usedAt).toBeNull();
    expect((await sessionRow(t!.refresh)).revokedAt).toBeNull();
  });

  it("follows a longer chain from any used token to the live one", async () => {
    const pairs = await chain(4);
    const live = pairs.at(-1)!;
    for (const used of pairs.slice(0, -1)) {
      const replay = await rotate(used.refresh);
      expect(jtiOf(replay.refresh)).toBe(jtiOf(live.refresh));
      expect((await tokenRow(replay.refresh))?.usedAt).toBeNull();
    }
  });

  it("a browser replaying its old cookie never gets a used token written into the cookie", async () => {
    const jar = await loginWithCookies(await activeUser());
    const oldCookie = jar.get("aw_refresh")!;
    const used: string[] = [oldCookie];
    for (let i = 0; i < 2; i++) {
      const response = await post(REFRESH, undefined, { jar });
      expect(response.status).toBe(200);
      storeCookies(jar, response);
      used.push(jar.get("aw_refresh")!);
    }
    const live = used.pop()!;

    // A second tab still holding the first cookie, and one holding the middle one.
    for (const stale of used) {
      const tab: CookieJar = new Map([["aw_refresh", stale]]);
      const response = await post(REFRESH, undefined, { jar: tab });
      expect(response.status).toBe(200);
      const written = setCookiesOf(response).get("aw_refresh")?.value;
      expect(written).toBeDefined();
      expect(used.map(jtiOf)).not.toContain(jtiOf(written!));
      expect(jtiOf(written!)).toBe(jtiOf(live));
      expect((await tokenRow(written!))?.usedAt).toBeNull();
      storeCookies(tab, response);
      expect((await get("/api/auth/user", { jar: tab })).status).toBe(200);
    }
  });

  it("a parallel burst of replays of T after T→S→S2 all get S2 and keep the session", async () => {
    const [t, , s2] = await chain(2);
    const responses = await Promise.all(Array.from({ length: 20 }, () => refreshWith(t!.refresh)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const answers = await Promise.all(responses.map((r) => json<TokenPair>(r)));
    expect(new Set(answers.map((a) => jtiOf(a.refresh)))).toEqual(new Set([jtiOf(s2!.refresh)]));
    expect((await tokenRow(s2!.refresh))?.usedAt).toBeNull();
    expect((await sessionRow(t!.refresh)).revokedAt).toBeNull();
  });

  it("two parallel refreshes of a fresh T both succeed with the same successor", async () => {
    const [t] = await chain(0);
    const responses = await Promise.all([refreshWith(t!.refresh), refreshWith(t!.refresh)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const [a, b] = await Promise.all(responses.map((r) => json<TokenPair>(r)));
    expect(jtiOf(a!.refresh)).toBe(jtiOf(b!.refresh));
    expect((await tokenRow(a!.refresh))?.usedAt).toBeNull();
    expect((await rotate(b!.refresh)).refresh).toBeDefined();
  });

  it(`a chain longer than ${GRACE_CHAIN_STEPS} rotations inside the window is refused as reuse and ends the session`, async () => {
    const pairs = await chain(GRACE_CHAIN_STEPS + 1);
    // One step shorter is still followed.
    expect(jtiOf((await rotate(pairs[1]!.refresh)).refresh)).toBe(jtiOf(pairs.at(-1)!.refresh));

    await expectError(await refreshWith(pairs[0]!.refresh), 401, "refresh_token_reused");
    expect((await sessionRow(pairs[0]!.refresh)).revokedAt).toBeInstanceOf(Date);
    await expectError(await refreshWith(pairs.at(-1)!.refresh), 401, "session_revoked");
  });

  it("after the grace window, replaying T is reuse: refresh_token_reused and the session is revoked", async () => {
    const [t, s, s2] = await chain(2);
    await sleep(GRACE_SECONDS * 1000 + 600);

    await expectError(await refreshWith(t!.refresh), 401, "refresh_token_reused");
    expect((await sessionRow(t!.refresh)).revokedAt).toBeInstanceOf(Date);
    await expectError(await refreshWith(s2!.refresh), 401, "session_revoked");
    await expectError(await refreshWith(s!.refresh), 401, "session_revoked");
    expect((await get("/api/auth/user", { bearer: s2!.access })).status).toBe(401);
  });

  it("a token used just now is followed even when an earlier one has left the window", async () => {
    const [t, s] = await chain(1);
    await sleep(GRACE_SECONDS * 1000 + 600);
    const s2 = await rotate(s!.refresh);

    // S was used a moment ago: a second tab replaying it gets S2.
    expect(jtiOf((await rotate(s!.refresh)).refresh)).toBe(jtiOf(s2.refresh));
    // T was used long ago: reuse, whatever came after it.
    await expectError(await refreshWith(t!.refresh), 401, "refresh_token_reused");
  });
});
