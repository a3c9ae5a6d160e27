import { env } from "@/lib/env";

// The benchmark's yardstick (npm run bench): a plain Next.js route outside /api, the route
// wrapper and middleware. It answers only where BENCH_ROUTES=true; everywhere else it is a 404.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return env().BENCH_ROUTES ? Response.json({ ok: true }) : new Response(null, { status: 404 });
}
