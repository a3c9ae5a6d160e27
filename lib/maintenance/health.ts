import type { Database } from "@/db";
import { pendingMigrations } from "@/db/migration-status";
import { fail, type Failure } from "@/lib/http/errors";

const logged = { missing: "" };

/**
 * What a load balancer asks every few seconds: does this instance reach its database, and is
 * the schema the one this build expects? One read, nothing written, nothing secret in the
 * answer. An unreachable database throws, and the route wrapper answers that with its 503.
 */
export async function checkHealth(db: Database): Promise<{ ok: true } | Failure> {
  const pending = await pendingMigrations(db);
  const missing = pending.join(", ");
  // Said once per set of missing migrations, not on every probe.
  if (missing && missing !== logged.missing) console.error(`[health] migrations not applied: ${missing}`);
  logged.missing = missing;
  return pending.length === 0 ? { ok: true } : fail("service_unavailable");
}
