import type { Database } from "@/db";
import type { PolicyName } from "@/lib/ratelimit";
import { detailSchema, emailOnlySchema } from "@/lib/schemas/account";
import { afterResponse } from "./after-response";
import type { FormTargets } from "./form-post";
import { addressLimits } from "./rate-limit";
import { json, route } from "./route";
import type { RouteDocs } from "./route-docs";

/** The one answer for "maybe we mailed you", identical whether or not the account exists. */
export const MAYBE_MAILED = "If an account exists for that address, we have sent it an email. Check your inbox.";

/**
 * POST `{email}` endpoints that may mail an account (password reset, resend verification):
 * limited per IP + address and per address, always the same answer, and the lookup and the
 * mail happen after the response so its timing says nothing either.
 */
export function maybeMailedRoute(
  policy: PolicyName,
  work: (db: Database, email: string) => Promise<void>,
  docs: Pick<RouteDocs, "operationId" | "summary"> & { form?: FormTargets },
) {
  return route(
    {
      ...docs,
      description: `Always the same 200 (${JSON.stringify(MAYBE_MAILED)}), whether or not the address has an account.`,
      responses: { 200: detailSchema },
      body: emailOnlySchema,
      limits: ({ ip, body }) => addressLimits(policy, ip, body.email),
    },
    async ({ db, body }) => {
      await afterResponse(policy, () => work(db, body.email));
      return json({ detail: MAYBE_MAILED });
    },
  );
}
