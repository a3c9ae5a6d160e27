import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";

// Starts `next start` (or `npm start`) of the production build on a loopback port and stops it again.

export interface AppServer {
  url: string;
  process: ChildProcess;
  /** Resident memory of the server and its children, in MiB. */
  rssMiB(): number;
  stop(): Promise<void>;
}

const running = new Set<number>();
// A crash must not leave a server behind on the port (the next run would measure it instead).
process.on("exit", () => {
  for (const pid of running) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // Gone already.
    }
  }
});

export async function startApp(options: {
  port: number;
  env: Record<string, string>;
  command?: string[];
  /** Fails if the first 200 takes longer. */
  timeoutMs?: number;
}): Promise<AppServer> {
  const [command, ...args] = options.command ?? ["node_modules/.bin/next", "start", "-H", "127.0.0.1"];
  const busy = await fetch(`http://127.0.0.1:${options.port}/`).then(
    () => true,
    () => false,
  );
  if (busy) throw new Error(`port ${options.port} is taken: stop what listens there first`);
  const child = spawn(command!, args, {
    env: { ...process.env, ...options.env, PORT: String(options.port), HOSTNAME: "127.0.0.1" },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  running.add(child.pid!);
  child.once("exit", () => running.delete(child.pid!));
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${options.port}`;
  const server: AppServer = {
    url,
    process: child,
    rssMiB: () => treeRssKiB(child.pid!) / 1024,
    stop: () => stop(child),
  };
  try {
    await firstOk(`${url}/api/auth/jwks`, options.timeoutMs ?? 60_000, child);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return server;
}

/** Polls until `url` answers 200; the time it took in ms. */
export async function firstOk(url: string, timeoutMs: number, child?: ChildProcess): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    if (child && child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(url)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no 200 from ${url} within ${timeoutMs} ms`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  // The whole process group: npm start runs next as a child.
  process.kill(-child.pid!, "SIGTERM");
  const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, "SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

function treeRssKiB(pid: number): number {
  let kib = 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    kib += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const c of children ? children.split(/\s+/) : []) kib += treeRssKiB(Number(c));
    }
  } catch {
    // Gone already, or no /proc (not Linux): counted as nothing.
  }
  return kib;
}
