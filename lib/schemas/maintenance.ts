import { z } from "zod";

const count = z.number().int().min(0);

/** What one prune deleted, per table; `detail` instead when another instance holds the lock. */
export const pruneResponseSchema = z.union([
  z.object({
    pruned: z.object({
      sessions: count,
      refresh_tokens: count,
      one_time_tokens: count,
      known_devices: count,
      login_throttles: count,
      rate_limits: count,
      username_reservations: count,
      unverified_accounts: count,
      audit_events: count,
      dev_outbox: count,
    }),
  }),
  z.object({ detail: z.string() }),
]);

/** GET /api/health when the database answers and every migration of this build is applied. */
export const healthResponseSchema = z.object({ status: z.literal("ok") });
