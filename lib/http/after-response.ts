import { after } from "next/server";

/**
 * Runs work that must not shape the response's timing, such as looking up an account and
 * mailing it, after the response is sent: "maybe we mailed you" answers then take the same
 * time whether or not the account exists. Outside a Next.js request (tests, scripts) the
 * work simply runs before returning. Failures are logged, never surfaced.
 */
export async function afterResponse(label: string, task: () => Promise<void>): Promise<void> {
  const guarded = () =>
    task().catch((error: unknown) => console.error(`${label} failed:`, error instanceof Error ? error.message : error));
  try {
    after(guarded);
  } catch {
    await guarded();
  }
}
