import { env } from "@/lib/env";
import { describeError } from "@/lib/http/route";
import { describePrune, runPrune } from "./run-prune";

// Not at start-up itself: migrations and the first requests come first.
const FIRST_RUN_DELAY_MS = 60_000;

const holder = globalThis as unknown as { __astroworldPruneTimer?: NodeJS.Timeout };

/**
 * The opportunistic path for a long-running Node server (`next start`): prune every
 * PRUNE_INTERVAL_MINUTES. Timers are unref'd, so they never keep the process alive, and
 * several instances take turns through runPrune's lock. Off in tests and with an interval of 0.
 */
export function schedulePruning(): void {
  const { NODE_ENV, PRUNE_INTERVAL_MINUTES } = env();
  if (NODE_ENV === "test" || PRUNE_INTERVAL_MINUTES === 0 || holder.__astroworldPruneTimer) return;
  const run = () => {
    runPrune().then(
      (counts) => {
        if (counts) console.info(`[prune] deleted ${describePrune(counts)}`);
      },
      (error: unknown) => console.error(`[prune] failed: ${describeError(error)}`),
    );
  };
  setTimeout(run, FIRST_RUN_DELAY_MS).unref();
  holder.__astroworldPruneTimer = setInterval(run, PRUNE_INTERVAL_MINUTES * 60_000).unref();
}
