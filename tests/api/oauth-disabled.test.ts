// Without a provider's client id and secret, nothing of social sign-in is offered or answers.
import { describe, expect, it } from "vitest";
import { enabledProviders } from "@/lib/auth/oauth-providers";
import { get, json } from "../helpers/http";
import { activeUser, loginWithCookies } from "../helpers/users";

describe("social sign-in with no provider configured", () => {
  it("offers no provider: the start and the callback answer 404 in the error format", async () => {
    expect(enabledProviders()).toEqual([]);
    for (const path of [
      "/api/auth/oauth/github",
      "/api/auth/oauth/google?intent=link",
      "/api/auth/oauth/github/callback?code=x&state=y",
      "/api/auth/oauth/google/callback?error=access_denied",
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await json(response)).toMatchObject({ code: "not_found" });
      expect(response.headers.getSetCookie()).toEqual([]);
    }
  });

  it("lists no providers on the account", async () => {
    const jar = await loginWithCookies(await activeUser());
    const response = await get("/api/auth/connected-accounts", { jar });
    expect(await json(response)).toEqual({ accounts: [], providers: [], has_password: true });
  });
});
