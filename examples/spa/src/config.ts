import { createAuthClient, type RefreshTokenStore } from "../../../lib/client/auth-client";

// Where the API is and how to hold the session, from the build (VITE_AUTH_URL) or the page
// address (?api=…&transport=body), so one build can be pointed at any test server.
const params = new URLSearchParams(window.location.search);
export const API_URL = params.get("api") ?? import.meta.env.VITE_AUTH_URL ?? "http://localhost:3000";
export const TRANSPORT = params.get("transport") === "body" ? "body" : "cookie";

/**
 * Body transport keeps the access token in memory only; the refresh token goes here. This
 * tab's sessionStorage survives a reload but is readable by any script on the page: an XSS
 * steals it, which httpOnly cookies prevent. Native apps use their keychain instead.
 */
const tabStore: RefreshTokenStore = {
  get: () => sessionStorage.getItem("aw_refresh"),
  set: (token) => (token ? sessionStorage.setItem("aw_refresh", token) : sessionStorage.removeItem("aw_refresh")),
};

let expired: () => void = () => {};
export const onExpired = (listener: () => void) => void (expired = listener);

export const auth = createAuthClient({
  baseUrl: API_URL,
  transport: TRANSPORT,
  // Cookie transport: the browser sends and stores the httpOnly cookies of the API's origin.
  credentials: "include",
  refreshTokenStore: tabStore,
  onSessionExpired: () => expired(),
});
