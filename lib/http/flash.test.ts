import { describe, expect, it } from "vitest";
import { clearFlashOnce, flashCookieName, flashSetCookie, readFlash } from "./flash";

const flash = { page: "/account", form: "connected-accounts", ok: false, detail: "This is your only way to sign in." };
const cookie = () => `${flashCookieName()}=${flashSetCookie(flash).split(";")[0]!.split("=")[1]}`;

function pageRequest(headers: Record<string, string>): Request {
  return new Request("http://localhost:3000/account", { headers: { cookie: cookie(), ...headers } });
}

const clears = (response: Response) =>
  response.headers.getSetCookie().some((line) => line.startsWith(`${flashCookieName()}=;`));

describe("a flash is shown once", () => {
  it("reads back what a form post set, for its page only", () => {
    const value = cookie().split("=")[1];
    expect(readFlash(value, "/account")).toMatchObject({ ok: false, detail: flash.detail });
    expect(readFlash(value, "/login")).toBeNull();
  });

  it("is forgotten by the page load it was made for (a navigation, or a browser that sends no Sec-Fetch-Dest)", () => {
    expect(clears(clearFlashOnce(pageRequest({ "sec-fetch-dest": "document" }), new Response("page")))).toBe(true);
    expect(clears(clearFlashOnce(pageRequest({}), new Response("page")))).toBe(true);
  });

  it("is left alone by the router's prefetches and refreshes, which a late answer would let wipe a newer flash", () => {
    // Sent while the previous flash was still set, answered after a form post set a new one:
    // clearing here would remove the new flash before its page shows it.
    const prefetch = pageRequest({ "sec-fetch-dest": "empty", "sec-fetch-mode": "cors" });
    expect(clears(clearFlashOnce(prefetch, new Response("rsc")))).toBe(false);
  });

  it("sets nothing when there is no flash", () => {
    const request = new Request("http://localhost:3000/account", { headers: { "sec-fetch-dest": "document" } });
    expect(clearFlashOnce(request, new Response("page")).headers.getSetCookie()).toEqual([]);
  });
});
