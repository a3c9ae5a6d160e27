import { listAuditEvents } from "@/lib/auth/audit";
import { json, methods, route } from "@/lib/http/route";
import { auditPageSchema, auditQuerySchema } from "@/lib/schemas/account";

/** The caller's own security events, newest first: `?limit=20&before=<id>`. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route(
    {
      operationId: "listAuditEvents",
      summary: "The account's security events, newest first",
      responses: { 200: auditPageSchema },
      auth: "user",
      query: auditQuerySchema,
    },
    async ({ db, caller, query }) => json(await listAuditEvents(db, caller.user.id, query)),
  ),
});
