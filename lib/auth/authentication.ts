// Transitional: lib/http/caller.ts (being rewritten with the route declarations) still imports
// this path. Import from ./access-token-session instead; this file goes once nothing does.
export { authenticateAccessToken, type AccessTokenSession as AuthResult } from "./access-token-session";
