// The WebAuthn relying party comes from configuration: AUTH_URL by default, AUTH_RP_ID only as
// that host or a parent domain of it (a browser would refuse anything else), explicit origins.
import { describe, expect, it } from "vitest";
import { withEnv, type Vars } from "./fresh-env";

const CHECKED = ["AUTH_URL", "AUTH_RP_ID", "AUTH_RP_NAME", "AUTH_PASSKEY_ORIGINS"];
const relyingPartyWith = (vars: Vars) => withEnv(CHECKED, vars, (e) => e.relyingParty());

describe("relyingParty()", () => {
  it("defaults to AUTH_URL's host and origin", async () => {
    expect(await relyingPartyWith({ AUTH_URL: "https://auth.example.com/base" })).toEqual({
      id: "auth.example.com",
      name: "ASTROWORLD Auth",
      origins: ["https://auth.example.com"],
    });
  });

  it("takes a parent domain as the RP id, a name and a list of origins", async () => {
    const rp = await relyingPartyWith({
      AUTH_URL: "https://auth.example.com",
      AUTH_RP_ID: "Example.com",
      AUTH_RP_NAME: "Example",
      AUTH_PASSKEY_ORIGINS: "https://auth.example.com, https://app.example.com",
    });
    expect(rp).toEqual({
      id: "example.com",
      name: "Example",
      origins: ["https://auth.example.com", "https://app.example.com"],
    });
  });

  it.each(["evil.example", "ample.com", "auth.example.com.evil.example"])(
    "refuses to start with AUTH_RP_ID=%s, which is not AUTH_URL's host or a parent of it",
    async (id) => {
      await expect(relyingPartyWith({ AUTH_URL: "https://auth.example.com", AUTH_RP_ID: id })).rejects.toThrow(
        /AUTH_RP_ID: must be AUTH_URL's host \(auth\.example\.com\) or a parent domain of it/,
      );
    },
  );
});
