import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { resetLinkState } from "@/lib/auth/password-reset";
import { confirmReset, requestResetLink, strongPassword } from "../helpers/account";
import { activeUser } from "../helpers/users";

// The reset page checks its link on arrival (issue 13): a dead link says so before anyone
// types a password, the check reveals nothing but the link's state, and it spends nothing.
describe("resetLinkState", () => {
  it("answers live for a fresh link, 40 times in parallel, and leaves it usable", async () => {
    const user = await activeUser();
    const link = await requestResetLink(user.email);
    const db = await getDb();
    const states = await Promise.all(Array.from({ length: 40 }, () => resetLinkState(db, link)));
    expect(states).toEqual(states.map(() => ({ ok: true })));
    expect((await confirmReset(link, strongPassword())).status).toBe(200);
    expect(await resetLinkState(db, link)).toEqual({ ok: false, code: "token_used" });
  });

  it("a forged token, a foreign uid and a malformed uid all answer invalid_token alike", async () => {
    const [user, other] = await Promise.all([activeUser(), activeUser()]);
    const [link, otherLink] = await Promise.all([requestResetLink(user.email), requestResetLink(other.email)]);
    const db = await getDb();
    const forged = [
      { uid: link.uid, token: `${link.token.slice(0, -2)}xx` },
      { uid: otherLink.uid, token: link.token },
      { uid: "!!not-a-uid", token: link.token },
      { uid: link.uid, token: "" },
    ];
    for (const attempt of forged)
      expect(await resetLinkState(db, attempt)).toEqual({ ok: false, code: "invalid_token" });
    // Neither real link was touched.
    expect(await resetLinkState(db, link)).toEqual({ ok: true });
    expect(await resetLinkState(db, otherLink)).toEqual({ ok: true });
  });
});
