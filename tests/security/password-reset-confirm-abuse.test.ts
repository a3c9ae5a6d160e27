import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb, tables } from "@/db";
import { encodeUid } from "@/lib/auth/one-time-token";
import { hashPassword } from "@/lib/auth/password";
import {
  api,
  auditEventsOf,
  expectError,
  loginAttempt,
  PATHS,
  requestResetLink,
  strongPassword,
  userRow,
} from "../helpers/account";
import { activeUser, type LinkToken } from "../helpers/users";
import { expectTooMany, newIp } from "./support";

const PER_IP = 10;
const PER_ACCOUNT = 5;
const WINDOW_SECONDS = 86_400;

vi.hoisted(() => {
  Object.assign(process.env, {
    RATE_LIMIT_PASSWORD_RESET_CONFIRM_IP: "10/86400",
    RATE_LIMIT_PASSWORD_RESET_CONFIRM: "5/86400",
  });
});

// Every argon2 hash of a new password goes through this module's export; counting its calls
// shows which requests paid for one. Registration and reset-confirm both import it.
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/auth/password")>();
  return { ...actual, hashPassword: vi.fn(actual.hashPassword) };
});

const hashes = () => vi.mocked(hashPassword).mock.calls.length;
/** Call once the test's accounts exist: registering one hashes its password too. */
const startCounting = () => vi.mocked(hashPassword).mockClear();

function confirmFrom(ip: string, link: LinkToken, password = strongPassword()): Promise<Response> {
  return api("POST", PATHS.passwordResetConfirm, {
    json: { ...link, new_password: password, new_password2: password },
    headers: { "x-forwarded-for": ip },
  });
}

const bogusToken = () => randomBytes(32).toString("base64url");

async function tally(responses: Response[]): Promise<Record<number, number>> {
  const counts: Record<number, number> = {};
  for (const response of responses) counts[response.status] = (counts[response.status] ?? 0) + 1;
  return counts;
}

describe("POST /api/auth/password-reset-confirm under attack", () => {
  it("a successful reset hashes the new password exactly once (the counter sees the real path)", async () => {
    const user = await activeUser();
    const link = await requestResetLink(user.email);
    startCounting();
    expect((await confirmFrom(newIp(), link)).status).toBe(200);
    expect(hashes()).toBe(1);
  });

  it("a parallel burst of 40 bogus links from one client hashes nothing and is cut off per IP with Retry-After", async () => {
    const ip = newIp();
    startCounting();
    const responses = await Promise.all(
      Array.from({ length: 40 }, () => confirmFrom(ip, { uid: encodeUid(randomUUID()), token: bogusToken() })),
    );

    expect(await tally(responses)).toEqual({ 400: PER_IP, 429: 40 - PER_IP });
    for (const response of responses) {
      if (response.status === 400) await expectError(response, 400, "invalid_token");
      else await expectTooMany(response, "rate_limited", WINDOW_SECONDS);
    }
    expect(hashes()).toBe(0);

    // The address stays refused whatever link it brings next, even a real one.
    const user = await activeUser();
    const link = await requestResetLink(user.email);
    await expectTooMany(await confirmFrom(ip, link), "rate_limited", WINDOW_SECONDS);
    expect((await confirmFrom(newIp(), link)).status).toBe(200);
  });

  it("expired, used and unknown links, and a rejected password, are answered without hashing", async () => {
    const user = await activeUser();
    const { id } = await userRow(user.email);
    const db = await getDb();

    const used = await requestResetLink(user.email);
    expect((await confirmFrom(newIp(), used)).status).toBe(200);
    startCounting();
    await expectError(await confirmFrom(newIp(), used), 400, "token_used");

    const expired = await requestResetLink(user.email);
    await db
      .update(tables.oneTimeTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(tables.oneTimeTokens.userId, id));
    await expectError(await confirmFrom(newIp(), expired), 400, "token_expired");

    await expectError(await confirmFrom(newIp(), { uid: used.uid, token: bogusToken() }), 400, "invalid_token");

    const live = await requestResetLink(user.email);
    await expectError(await confirmFrom(newIp(), live, "password123"), 400, "validation_error", ["new_password"]);
    expect(hashes()).toBe(0);
  });

  it("one account's links are limited across rotating client IPs and spellings of its uid", async () => {
    const victim = await activeUser();
    const { id } = await userRow(victim.email);
    const link = await requestResetLink(victim.email);
    const hashBefore = (await userRow(victim.email)).passwordHash;
    startCounting();

    // Every request from a fresh address, so only the per-account limit can stop them.
    const responses = await Promise.all(
      Array.from({ length: 40 }, () => confirmFrom(newIp(), { uid: link.uid, token: bogusToken() })),
    );
    expect(await tally(responses)).toEqual({ 400: PER_ACCOUNT, 429: 40 - PER_ACCOUNT });
    for (const response of responses) {
      if (response.status === 400) await expectError(response, 400, "invalid_token");
      else await expectTooMany(response, "rate_limited", WINDOW_SECONDS);
    }
    expect(hashes()).toBe(0);

    // The same user id spelt in upper case decodes to the same account and shares its budget.
    const otherSpelling = encodeUid(id.toUpperCase());
    expect(otherSpelling).not.toBe(link.uid);
    await expectTooMany(
      await confirmFrom(newIp(), { uid: otherSpelling, token: link.token }),
      "rate_limited",
      WINDOW_SECONDS,
    );
    await expectTooMany(await confirmFrom(newIp(), link), "rate_limited", WINDOW_SECONDS);
    expect((await userRow(victim.email)).passwordHash).toBe(hashBefore);
    expect(hashes()).toBe(0);

    // Another account is not affected.
    const other = await activeUser();
    expect((await confirmFrom(newIp(), await requestResetLink(other.email))).status).toBe(200);
  });

  it("requests without a usable client IP share one bucket instead of escaping the limit", async () => {
    const send = (forwardedFor: string) =>
      api("POST", PATHS.passwordResetConfirm, {
        json: {
          uid: encodeUid(randomUUID()),
          token: bogusToken(),
          new_password: "Quasar-Drift-x1!",
          new_password2: "Quasar-Drift-x1!",
        },
        headers: { "x-forwarded-for": forwardedFor },
      });
    const responses = await Promise.all(Array.from({ length: PER_IP + 5 }, () => send("")));
    expect(await tally(responses)).toEqual({ 400: PER_IP, 429: 5 });
  });

  it("the same valid link replayed in parallel: one 200, the others token_used, the password set once", async () => {
    const user = await activeUser();
    const { id } = await userRow(user.email);
    const link = await requestResetLink(user.email);
    const passwords = Array.from({ length: PER_ACCOUNT }, () => strongPassword());
    startCounting();

    const responses = await Promise.all(passwords.map((password) => confirmFrom(newIp(), link, password)));
    expect(await tally(responses)).toEqual({ 200: 1, 400: PER_ACCOUNT - 1 });
    for (const response of responses) if (response.status === 400) await expectError(response, 400, "token_used");
    expect(hashes()).toBeGreaterThanOrEqual(1);
    expect(hashes()).toBeLessThanOrEqual(PER_ACCOUNT);

    const winner = passwords[responses.findIndex((r) => r.status === 200)]!;
    expect((await auditEventsOf(id)).filter((e) => e.event === "password_reset")).toHaveLength(1);
    for (const password of passwords.filter((p) => p !== winner))
      await expectError(await loginAttempt(user.username, password), 401, "invalid_credentials");
    expect((await loginAttempt(user.username, winner)).status).toBe(200);
  });
});
