import type { z } from "zod";
import type { ErrorCode } from "./errors";

/**
 * What a route declaration adds for its description (lib/openapi) and nothing else: the
 * wrapper ignores these fields. Failures the declaration itself implies (validation, CSRF,
 * authentication, rate limits) are added by the generator; `errors` names the handler's own.
 */
export interface RouteDocs {
  /** The name of the operation, and of its method on the typed client (lib/client/auth-client.ts). */
  operationId?: string;
  summary?: string;
  description?: string;
  /** Success bodies by status, each a zod schema the real answers are checked against. */
  responses?: Partial<Record<200 | 201, z.ZodType>>;
  /** Redirects the handler answers (a browser navigation, such as an OAuth start or callback), by status. */
  redirects?: Partial<Record<302 | 303, string>>;
  /** Error codes the handler itself may answer. */
  errors?: ErrorCode[];
  /** A configured secret the handler requires as `Authorization: Bearer` (404 while unset). */
  secret?: "CRON_SECRET" | "AUTH_INTROSPECTION_SECRET";
}
