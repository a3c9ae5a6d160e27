import autocannon from "autocannon";

// One autocannon run, reduced to the figures the table shows.

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
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
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        method: options.method ?? "GET",
        headers: options.headers,
        body: options.body,
        requests: options.requests,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, status) => (status === expected ? ok++ : failed++));
  });
  failed += result.errors + result.timeouts;
  return {
    rps: ok / options.seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    failed,
  };
}
