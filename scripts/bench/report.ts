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
