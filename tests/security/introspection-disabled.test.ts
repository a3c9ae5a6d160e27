// Without AUTH_INTROSPECTION_SECRET the introspection endpoint does not exist: 404 for any
// request, whatever secret it guesses, and it counts no limit.
import { describe, expect, it } from "vitest";
import { appFetch } from "../helpers/app-fetch";
import { loginForTokens, activeUser } from "../helpers/users";

describe("POST /api/auth/introspect without AUTH_INTROSPECTION_SECRET", () => {
  it("answers 404 to a burst of guesses, the empty secret included", async () => {
    const tokens = await loginForTokens(await activeUser());
    const guesses = ["", "Bearer ", "Bearer undefined", "Bearer null", "Bearer secret", `Bearer ${tokens.access}`];
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        appFetch("/api/auth/introspect", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: guesses[i % guesses.length]! },
          body: JSON.stringify({ token: tokens.access }),
        }),
      ),
    );
    for (const response of burst) {
      const text = await response.text();
      expect(response.status, text).toBe(404);
      expect(JSON.parse(text)).toMatchObject({ code: "not_found" });
    }
  });
});
