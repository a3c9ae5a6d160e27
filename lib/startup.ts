import { databaseHandle } from "@/db";
import { env, productionProblems } from "./env";
import { schedulePruning } from "./maintenance/schedule";
import { refuseTraceRequests } from "./http/trace-refusal";

/** Node-only start-up: validate configuration, refuse unsafe production, migrate, schedule pruning. */
export async function startUp(): Promise<void> {
  env();
  const problems = productionProblems();
  if (problems.length > 0) {
    console.error(`\nASTROWORLD Auth refuses to start in production:\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
    process.exit(1);
  }
  refuseTraceRequests();
  // Migrations run once at server start, before the first request reaches a handler.
  await databaseHandle();
  schedulePruning();
}
