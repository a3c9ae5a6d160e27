import { describe, expect, it } from "vitest";
import { api, expectError, PATHS, signIn, userRow } from "../helpers/account";
import { activeUser } from "../helpers/users";

// Changing the password to the one already in use is refused with a clear message (issue 13),
// not answered "changed" while every other session is signed out for nothing.
describe("POST /api/auth/password-change to the current password", () => {
  it("refuses the same password, and a look-alike (NFKC) spelling of it, in a burst, changing nothing", async () => {
    const user = await activeUser({ password: "Ｎebula-Orbit-same-77" });
    const credentials = await signIn(user, "cookie");
    const hashBefore = (await userRow(user.email)).passwordHash;
    const spellings = [user.password, user.password.normalize("NFKC")];
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const password = spellings[i % 2]!;
        return api("POST", PATHS.passwordChange, {
          ...credentials,
          json: { current_password: user.password, new_password: password, new_password2: password },
        });
      }),
    );
    for (const response of responses) {
      const body = await expectError(response, 400, "validation_error", ["new_password"]);
      expect(body.fields!.new_password).toContain("That is your current password. Choose a different one.");
    }
    expect((await userRow(user.email)).passwordHash).toBe(hashBefore);
  });
});
