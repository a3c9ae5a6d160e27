import autocannon from "autocannon";

// One autocannon run, reduced to the figures the table shows.

export interface Load {
  rps: number;
  seconds: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
  /** Answers by status, to see what failed. */
  statuses: Record<number, number>;
}

type Request = NonNullable<autocannon.Options["requests"]>[number];

export async function load(options: {
  url: string;
  seconds: number;
  connections: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  requests?: Request[];
  /** Status counted as success (200 unless said). */
  expect?: number;
}): Promise<Load> {
  const expected = options.expect ?? 200;
  let ok = 0;
  let failed = 0;
  const statuses: Record<number, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        // A loaded machine may take seconds per login: a timeout would resend while the server
        // still works on the first, piling attempts on one account (which its throttle counts).
        timeout: 60,
        method: options.method ?? "GET",
        headers: options.headers,
        body: options.body,
        requests: options.requests,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, status) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === expected) ok++;
      else failed++;
    });
  });
  failed += result.errors + result.timeouts;
  if (failed > 0) console.error(`  ${options.url}: ${failed} failed, answers by status ${JSON.stringify(statuses)}`);
  return {
    rps: ok / options.seconds,
    seconds: options.seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    failed,
    statuses,
  };
}

/**
 * Loads run in turns (a, b, a, b…) as one: a machine whose other work comes and goes weighs on
 * both sides of a ratio alike. p50 is the mean of the turns', p99 the worst.
 */
export function combined(turns: Load[]): Load {
  const seconds = turns.reduce((sum, l) => sum + l.seconds, 0);
  const ok = turns.reduce((sum, l) => sum + l.ok, 0);
  const statuses: Record<number, number> = {};
  for (const turn of turns)
    for (const [status, count] of Object.entries(turn.statuses))
      statuses[Number(status)] = (statuses[Number(status)] ?? 0) + count;
  return {
    rps: ok / seconds,
    seconds,
    p50: Math.round(turns.reduce((sum, l) => sum + l.p50, 0) / turns.length),
    p99: Math.max(...turns.map((l) => l.p99)),
    ok,
    failed: turns.reduce((sum, l) => sum + l.failed, 0),
    statuses,
  };
}
