// The audit row is written in the same transaction as the change it records: when writing
// it fails, the change is rolled back too. The audit writer is wrapped so a test can make
// it fail for one event name.
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import {
  api,
  confirmReset,
  expectError,
  latestResetLink,
  loginAttempt,
  oneTimeTokensOf,
  PATHS,
  requestResetLink,
  sessionRow,
  signIn,
  strongPassword,
  userRow,
} from "../helpers/account";
import { claimsOf } from "../helpers/tokens";
import { activeUser, loginForTokens, mailTo } from "../helpers/users";

const failing = vi.hoisted(() => ({ event: null as string | null }));

vi.mock("@/lib/auth/audit", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/audit")>();
  return {
    ...original,
    recordAuditEvent: (async (...args) => {
      if (args[1] === failing.event) throw new Error(`simulated audit failure for ${args[1]}`);
      return original.recordAuditEvent(...args);
    }) satisfies typeof original.recordAuditEvent,
  };
});

let consoleError: MockInstance;

beforeEach(() => {
  // The route wrapper logs the simulated failure; keep the output clean but check it happened.
  consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(() => {
  failing.event = null;
  consoleError.mockRestore();
});

async function expectInternalError(response: Response): Promise<void> {
  const body = await expectError(response, 500, "internal_error");
  expect(body.fields).toBeUndefined();
  expect(JSON.stringify(body)).not.toMatch(/simulated|audit/i);
  expect(response.headers.get("x-request-id")).toBeTruthy();
  expect(consoleError).toHaveBeenCalled();
}

describe("when the audit row cannot be written, the change it records is rolled back", () => {
  it("password change: password, other sessions and reset links stay as they were", async () => {
    const user = await activeUser();
    const caller = await signIn(user, "bearer");
    const other = await loginForTokens(user);
    const link = await requestResetLink(user.email);
    const hash = (await userRow(user.email)).passwordHash;
    const password = strongPassword();

    failing.event = "password_change";
    await expectInternalError(
      await api("POST", PATHS.passwordChange, {
        ...caller,
        json: { current_password: user.password, new_password: password, new_password2: password },
      }),
    );
    failing.event = null;

    expect((await userRow(user.email)).passwordHash).toBe(hash);
    expect((await sessionRow(claimsOf(other.access).sid))?.revokedAt).toBeNull();
    expect((await api("GET", PATHS.user, { bearer: other.access })).status).toBe(200);
    expect((await mailTo(user.email)).filter((m) => /password was changed/i.test(m.subject))).toHaveLength(0);
    expect((await loginAttempt(user.username, user.password)).status).toBe(200);
    // The reset link was not discarded either.
    expect((await confirmReset(link, strongPassword())).status).toBe(200);
  });

  it("password reset: the link stays unused, the password and sessions unchanged", async () => {
    const user = await activeUser();
    const session = await loginForTokens(user);
    const link = await requestResetLink(user.email);
    const { id, passwordHash } = await userRow(user.email);

    failing.event = "password_reset";
    await expectInternalError(await confirmReset(link, strongPassword()));
    failing.event = null;

    expect((await userRow(user.email)).passwordHash).toBe(passwordHash);
    expect((await oneTimeTokensOf(id, "password_reset")).map((t) => t.usedAt)).toEqual([null]);
    expect((await api("GET", PATHS.user, { bearer: session.access })).status).toBe(200);
    expect(await latestResetLink(user.email)).toEqual(link);
    // Once the audit store is back, the same link works.
    expect((await confirmReset(link, strongPassword())).status).toBe(200);
  });

  it("profile update: nothing is changed", async () => {
    const user = await activeUser();
    const credentials = await signIn(user, "cookie");
    const before = await userRow(user.email);

    failing.event = "profile_update";
    await expectInternalError(
      await api("PATCH", PATHS.user, { ...credentials, json: { bio: "never saved", username: `${user.username}_x` } }),
    );
    failing.event = null;

    expect(await userRow(user.email)).toEqual(before);
  });

  it("logout-all: every session stays alive", async () => {
    const user = await activeUser();
    const a = await loginForTokens(user);
    const b = await loginForTokens(user);

    failing.event = "logout_all";
    await expectInternalError(await api("POST", PATHS.logoutAll, { bearer: a.access }));
    failing.event = null;

    for (const pair of [a, b]) expect((await api("GET", PATHS.user, { bearer: pair.access })).status).toBe(200);
  });

  it("signing out one session: the session stays alive", async () => {
    const user = await activeUser();
    const caller = await loginForTokens(user);
    const target = await loginForTokens(user);
    const sid = claimsOf(target.access).sid;

    failing.event = "session_revoked";
    await expectInternalError(await api("DELETE", `${PATHS.sessions}/${sid}`, { bearer: caller.access }));
    failing.event = null;

    expect((await sessionRow(sid))?.revokedAt).toBeNull();
    expect((await api("GET", PATHS.user, { bearer: target.access })).status).toBe(200);
  });
});
