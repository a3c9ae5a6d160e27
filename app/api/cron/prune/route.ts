import { json, methods, route } from "@/lib/http/route";
import { cronRefusal } from "@/lib/maintenance/cron-auth";
import { runPrune } from "@/lib/maintenance/run-prune";
import { pruneResponseSchema } from "@/lib/schemas/maintenance";

// Vercel Cron calls this with GET (vercel.json); docs/security.md#data-retention.
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route(
    {
      operationId: "prune",
      summary: "Delete expired rows (for Vercel Cron)",
      responses: { 200: pruneResponseSchema },
      secret: "CRON_SECRET",
    },
    async ({ request }) => {
      const refusal = cronRefusal(request);
      if (refusal) return refusal;
      const pruned = await runPrune();
      return json(pruned ? { pruned } : { detail: "Another instance is pruning; nothing was done." });
    },
  ),
});
