import { fail } from "@/lib/http/errors";
import { json, methods, route } from "@/lib/http/route";
import { cronAuthorization } from "@/lib/maintenance/cron-auth";
import { runPrune } from "@/lib/maintenance/run-prune";

// Vercel Cron calls this with GET (vercel.json); docs/security.md#data-retention.
export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: route({}, async ({ request }) => {
    const access = cronAuthorization(request);
    if (access === "disabled") return fail("not_found");
    if (access === "refused") return fail("not_authenticated", { headers: { "www-authenticate": "Bearer" } });
    const pruned = await runPrune();
    return json(pruned ? { pruned } : { detail: "Another instance is pruning; nothing was done." });
  }),
});
