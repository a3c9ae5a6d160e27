import { vi } from "vitest";

export type Vars = Record<string, string | undefined>;

/**
 * Reads lib/env.ts as a fresh process would under `vars`, after clearing every name in `clear`
 * (what the checks under test read, so a developer's shell cannot leak in). lib/env.ts caches
 * the parsed configuration, so each call gets a fresh module instance; process.env is restored.
 */
export async function withEnv<T>(
  clear: readonly string[],
  vars: Vars,
  read: (env: typeof import("@/lib/env")) => T,
): Promise<T> {
  const saved = { ...process.env };
  try {
    for (const name of clear) delete process.env[name];
    for (const [name, value] of Object.entries(vars)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    vi.resetModules();
    return read(await import("@/lib/env"));
  } finally {
    process.env = saved;
    vi.resetModules();
  }
}
