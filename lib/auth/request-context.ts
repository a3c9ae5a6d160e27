// Transitional: lib/http/route.ts (being rewritten with the route declarations) still imports
// this path. Import ClientInfo from ./client-info instead; this file goes once nothing does.
export type { ClientInfo as RequestContext } from "./client-info";
