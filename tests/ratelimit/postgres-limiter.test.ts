import { describe } from "vitest";
import { getDb } from "@/db";
import { postgresLimiter } from "@/lib/ratelimit/postgres";
import { limiterBehaviour } from "./limiter-spec";

// Runs on PGlite and, in the postgres project, on a real server with a connection pool,
// where the parallel burst really races.
describe("Postgres sliding-window limiter", () => {
  const limiter = postgresLimiter(getDb);
  limiterBehaviour(() => limiter);
});
