import { json, methods, route } from "@/lib/http/route";
import { checkHealth } from "@/lib/maintenance/health";
import { healthResponseSchema } from "@/lib/schemas/maintenance";

// For load balancers and container health checks (docs/deploy.md#health-check): cheap, uncached.
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route(
    {
      operationId: "health",
      summary: "Whether this instance reaches its database and its migrations are applied",
      responses: { 200: healthResponseSchema },
      errors: ["service_unavailable"],
    },
    async ({ db }) => {
      const health = await checkHealth(db);
      return health.ok ? json({ status: "ok" }) : health;
    },
  ),
});
