import { NextResponse } from "next/server";
import { cronAuthorization } from "@/lib/maintenance/cron-auth";
import { runPrune } from "@/lib/maintenance/run-prune";
import { errorResponse } from "@/lib/http/errors";
import { methodsNotAllowed, route } from "@/lib/http/route";

// Vercel Cron calls this with GET (vercel.json); docs/security.md#data-retention.
export const GET = route(async (request) => {
  const access = cronAuthorization(request);
  if (access === "disabled") return errorResponse("not_found");
  if (access === "refused") return errorResponse("not_authenticated", { headers: { "www-authenticate": "Bearer" } });
  const pruned = await runPrune();
  return NextResponse.json(pruned ? { pruned } : { detail: "Another instance is pruning; nothing was done." });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
