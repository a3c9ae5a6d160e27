import type { CpuPerRequest } from "./cpu";
import type { Load } from "./load";

// The table npm run bench prints: each figure beside the limit it is measured against, from the same run.

type Target = {
  login: Load & { peakRssMiB: number };
  argon2PerSecond: number;
  user: Load;
  noop: Load;
  jwks: Load;
  refresh: Load;
  page: Load;
  middlewareOnly: Load;
  /** Absent in runs before CPU was measured. */
  argon2CpuMsPerVerify?: number;
  /** argon2id behind a bare HTTP server, the same autocannon load as the logins (absent in older runs). */
  argon2Http?: Load & { cpu: CpuPerRequest };
  cpuPerRequest?: Record<"login" | "user" | "noop" | "jwks" | "refresh", CpuPerRequest>;
};
type Counted = { count: number };
export interface Results {
  label: string;
  machine: {
    cpu: string;
    cores: number;
    memoryGiB: number;
    node: string;
    loadAverage: number[];
    uvThreadpoolSize: number;
  };
  buildSeconds?: number;
  pglite: Target;
  postgres: Target;
  statements: { loginToken: Counted; loginBrowser: Counted; user: Counted; refresh: Counted };
  coldStartMs: number;
}

const n = (v: number) => (v >= 100 ? Math.round(v).toString() : v.toFixed(1));
const rps = (l: Load) => `${n(l.rps)}/s${l.failed ? ` (${l.failed} failed)` : ""}`;
const ms = (l: Load) => `${l.p50} / ${l.p99} ms`;

export function printTable(r: Results): void {
  const m = r.machine;
  console.log(
    `\nASTROWORLD Auth benchmark "${r.label}" — ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}`,
  );
  console.log(`load average at start ${m.loadAverage.join(" ")}; UV_THREADPOOL_SIZE ${m.uvThreadpoolSize}`);
  const rows: string[][] = [["figure", "PGlite", "ratio", "Postgres", "ratio", "ratio to"]];
  const both = (name: string, value: (t: Target) => string, ratioOf: ((t: Target) => number) | null, to: string) =>
    rows.push([
      name,
      value(r.pglite),
      ratioOf ? ratioOf(r.pglite).toFixed(2) : "",
      value(r.postgres),
      ratioOf ? ratioOf(r.postgres).toFixed(2) : "",
      to,
    ]);
  both(
    "login (token client)",
    (t) => rps(t.login),
    (t) => t.login.rps / t.argon2PerSecond,
    "argon2id verifies",
  );
  both("raw argon2id verify (same turns)", (t) => `${n(t.argon2PerSecond)}/s`, null, "");
  if (r.pglite.argon2Http && r.postgres.argon2Http)
    both(
      "login (same load, bare-HTTP bound)",
      (t) => `${n(t.argon2Http!.rps)}/s`,
      (t) => t.login.rps / t.argon2Http!.rps,
      "argon2id behind bare HTTP",
    );
  both("login p50 / p99", (t) => ms(t.login), null, "");
  both(
    "GET /api/auth/user",
    (t) => rps(t.user),
    (t) => t.user.rps / t.noop.rps,
    "yardstick route",
  );
  both("  p50 / p99", (t) => ms(t.user), null, "");
  both("yardstick route (no middleware)", (t) => rps(t.noop), null, "");
  both("  p50 / p99", (t) => ms(t.noop), null, "");
  both(
    "GET /api/auth/jwks (no database)",
    (t) => rps(t.jwks),
    (t) => t.jwks.rps / t.noop.rps,
    "yardstick route",
  );
  both(
    "refresh (rotation)",
    (t) => rps(t.refresh),
    (t) => t.refresh.rps / t.user.rps,
    "GET /api/auth/user",
  );
  both("  p50 / p99", (t) => ms(t.refresh), null, "");
  both("protected page /account", (t) => rps(t.page), null, "");
  both(
    "middleware alone (redirect)",
    (t) => rps(t.middlewareOnly),
    (t) => t.page.rps / t.middlewareOnly.rps,
    "share of a page",
  );
  if (r.pglite.cpuPerRequest && r.postgres.cpuPerRequest) {
    const cpu = (figure: keyof NonNullable<Target["cpuPerRequest"]>) => (t: Target) => {
      const c = t.cpuPerRequest![figure];
      return `${c.totalMs.toFixed(2)} = ${[c.serverMainMs, c.serverOtherMs, c.postgresMs, c.loadGeneratorMs].map((v) => v.toFixed(2)).join(" + ")}`;
    };
    rows.push([
      "CPU ms per request (load-independent):",
      "",
      "",
      "",
      "",
      "total = main + other threads + Postgres + autocannon",
    ]);
    both(
      "  login",
      cpu("login"),
      (t) => t.argon2CpuMsPerVerify! / t.cpuPerRequest!.login.totalMs,
      "argon2id verify CPU",
    );
    both("  one raw argon2id verify", (t) => `${t.argon2CpuMsPerVerify!.toFixed(2)}`, null, "");
    if (r.pglite.argon2Http && r.postgres.argon2Http)
      both(
        "  argon2id behind bare HTTP",
        (t) => {
          const c = t.argon2Http!.cpu;
          return `${c.totalMs.toFixed(2)} = ${c.serverMainMs.toFixed(2)} + ${c.serverOtherMs.toFixed(2)} + 0 + ${c.loadGeneratorMs.toFixed(2)}`;
        },
        (t) => t.argon2Http!.cpu.totalMs / t.cpuPerRequest!.login.totalMs,
        "login CPU (bare-HTTP bound)",
      );
    both(
      "  GET /api/auth/user",
      cpu("user"),
      (t) => t.cpuPerRequest!.noop.totalMs / t.cpuPerRequest!.user.totalMs,
      "yardstick CPU",
    );
    both("  yardstick route", cpu("noop"), null, "");
    both(
      "  GET /api/auth/jwks",
      cpu("jwks"),
      (t) => t.cpuPerRequest!.noop.totalMs / t.cpuPerRequest!.jwks.totalMs,
      "yardstick CPU",
    );
    both("  refresh", cpu("refresh"), null, "");
  }
  both("RSS under login load", (t) => `${t.login.peakRssMiB} MiB`, null, "");
  const s = r.statements;
  rows.push([
    "SQL per login (token / browser)",
    "",
    "",
    `${s.loginToken.count} / ${s.loginBrowser.count}`,
    "",
    "counted",
  ]);
  rows.push(["SQL per who-am-I / refresh", "", "", `${s.user.count} / ${s.refresh.count}`, "", "counted"]);
  rows.push(["cold start (npm start → 200)", `${r.coldStartMs} ms`, "", "", "", "empty PGlite dir"]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  for (const [i, row] of rows.entries()) {
    console.log(`| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`);
    if (i === 0) console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  }
}
