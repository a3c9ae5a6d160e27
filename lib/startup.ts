import { availableParallelism } from "node:os";
import { databaseHandle } from "@/db";
import { env, productionProblems } from "./env";
import { schedulePruning } from "./maintenance/schedule";
import { refuseUnservedMethods } from "./http/method-refusal";
import { isDatabaseOutage, reportDatabaseOutage } from "./http/database-outage";

/** Node-only start-up: validate configuration, refuse unsafe production, migrate, schedule pruning. */
export async function startUp(): Promise<void> {
  env();
  const problems = productionProblems();
  if (problems.length > 0) {
    console.error(`\nASTROWORLD Auth refuses to start in production:\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
    process.exit(1);
  }
  refuseUnservedMethods();
  warnOfSmallThreadPool();
  // Migrations run once at server start, before the first request reaches a handler. A database
  // not reachable yet (containers starting together) must not fail the server for good: requests
  // answer 503 meanwhile, and the first one after it answers migrates (db/index.ts).
  await databaseHandle().catch((error: unknown) => {
    if (!isDatabaseOutage(error)) throw error;
    reportDatabaseOutage(error);
  });
  schedulePruning();
}

/**
 * argon2 runs on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise), so
 * sign-ins can use at most that many cores: say so where the machine has more.
 */
function warnOfSmallThreadPool(): void {
  const threads = env().UV_THREADPOOL_SIZE ?? 4;
  const cores = availableParallelism();
  if (cores > threads)
    console.warn(
      `UV_THREADPOOL_SIZE=${threads} lets password hashing use ${threads} of ${cores} cores: set it to ${cores}.`,
    );
}
