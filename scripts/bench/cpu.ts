import { readFileSync, readdirSync } from "node:fs";

// CPU time per request, which other work on the machine hardly changes (throughput does): the
// server's (its main threads, and the rest: libuv's pool where argon2 and WebCrypto run, V8's
// GC and compiler threads), its Postgres backends' and the load generator's (autocannon runs in
// this process). From /proc (Linux); elsewhere every figure is 0.

export interface CpuPerRequest {
  requests: number;
  /** Server main threads (JavaScript, and PGlite's database, which runs there). */
  serverMainMs: number;
  /** Server's other threads: the libuv pool (argon2, WebCrypto), V8's GC and compiler threads. */
  serverOtherMs: number;
  /** The Postgres backends serving the server's connections (0 for PGlite). */
  postgresMs: number;
  /** autocannon, in the benchmark's own process. */
  loadGeneratorMs: number;
  /** All of the above. */
  totalMs: number;
}

interface Snapshot {
  main: number;
  other: number;
  postgres: Map<number, number>;
  client: NodeJS.CpuUsage;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of /proc/…/stat, in ms. */
function cpuMsOf(statFile: string): number {
  try {
    const stat = readFileSync(statFile, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0; // Gone already, or no /proc.
  }
}

function processTree(pid: number): number[] {
  const pids = [pid];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/) : []) pids.push(...processTree(Number(child)));
    }
  } catch {
    // Gone already, or no /proc.
  }
  return pids;
}

export class CpuMeter {
  private readonly totals = new Map<string, Omit<CpuPerRequest, "totalMs">>();

  /** `serverPid`: the server's process (its children count too); `postgresPids`: its backends now. */
  constructor(
    private readonly serverPid: number,
    private readonly postgresPids: () => Promise<number[]>,
  ) {}

  private async snapshot(): Promise<Snapshot> {
    let main = 0;
    let all = 0;
    for (const pid of processTree(this.serverPid)) {
      main += cpuMsOf(`/proc/${pid}/task/${pid}/stat`);
      all += cpuMsOf(`/proc/${pid}/stat`);
    }
    const postgres = new Map((await this.postgresPids()).map((pid) => [pid, cpuMsOf(`/proc/${pid}/stat`)]));
    return { main, other: all - main, postgres, client: process.cpuUsage() };
  }

  /** Runs `work` (which answers how many requests it made) and adds its CPU to `name`. */
  async measure<T>(name: string, work: () => Promise<T>, requestsOf: (result: T) => number): Promise<T> {
    const before = await this.snapshot();
    const result = await work();
    const after = await this.snapshot();
    let postgres = 0;
    // Backends opened during the load started from nothing.
    for (const [pid, ms] of after.postgres) postgres += ms - (before.postgres.get(pid) ?? 0);
    const client = process.cpuUsage(before.client);
    const sum = this.totals.get(name) ?? {
      requests: 0,
      serverMainMs: 0,
      serverOtherMs: 0,
      postgresMs: 0,
      loadGeneratorMs: 0,
    };
    this.totals.set(name, {
      requests: sum.requests + requestsOf(result),
      serverMainMs: sum.serverMainMs + after.main - before.main,
      serverOtherMs: sum.serverOtherMs + after.other - before.other,
      postgresMs: sum.postgresMs + postgres,
      loadGeneratorMs: sum.loadGeneratorMs + (client.user + client.system) / 1000,
    });
    return result;
  }

  /** ms per request of every load measured under `name`. */
  perRequest(name: string): CpuPerRequest {
    const t = this.totals.get(name);
    if (!t || t.requests === 0) throw new Error(`no CPU measured for ${name}`);
    const per = (ms: number) => Math.round((ms / t.requests) * 1000) / 1000;
    const figures = {
      serverMainMs: per(t.serverMainMs),
      serverOtherMs: per(t.serverOtherMs),
      postgresMs: per(t.postgresMs),
      loadGeneratorMs: per(t.loadGeneratorMs),
    };
    const totalMs = per(t.serverMainMs + t.serverOtherMs + t.postgresMs + t.loadGeneratorMs);
    return { requests: t.requests, ...figures, totalMs };
  }
}
