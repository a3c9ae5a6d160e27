// The account throttle as time passes (short windows stand in for an hour and 15 minutes):
// failures decay with their window, and a throttle ends by itself.
import { describe, expect, it, vi } from "vitest";
import { expectError } from "../helpers/account";
import { activeUser } from "../helpers/users";
import { attempt, expectTooMany, fail, sleep } from "./support";

vi.hoisted(() => {
  process.env.RATE_LIMIT_LOGIN = "1000/60";
  process.env.RATE_LIMIT_LOGIN_IP = "1000/60";
  process.env.LOGIN_THROTTLE_WINDOW_SECONDS = "2";
  process.env.LOGIN_THROTTLE_SECONDS = "2";
});

describe("account throttle over time", () => {
  it("forgets failures once their window has passed: 9 typos, a pause, 9 more typos do not throttle", async () => {
    const user = await activeUser();
    for (const answer of await fail(user.username, 9)) await expectError(answer, 401, "invalid_credentials");
    await sleep(2_200);
    for (const answer of await fail(user.username, 9)) await expectError(answer, 401, "invalid_credentials");
    expect((await attempt(user.username, user.password)).status).toBe(200);
  });

  it("ends a throttle by itself, and counts afresh after it", async () => {
    const user = await activeUser();
    await fail(user.username, 10);
    await expectTooMany(await attempt(user.username, user.password), "login_throttled", 2);
    await sleep(2_200);
    for (const answer of await fail(user.username, 9)) await expectError(answer, 401, "invalid_credentials");
    expect((await attempt(user.username, user.password)).status).toBe(200);
  });
});
