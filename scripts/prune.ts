import nextEnv from "@next/env";

nextEnv.loadEnvConfig(process.cwd());

const { closeDb } = await import("../db/index");
const { describePrune, runPrune } = await import("../lib/maintenance/run-prune");
const counts = await runPrune();
console.log(counts ? `Pruned: ${describePrune(counts)}.` : "Another instance is pruning; nothing was done.");
await closeDb();
