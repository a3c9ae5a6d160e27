import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// scripts/ensure-browser.mjs runs before Playwright (npm's pretest:e2e). Its installing
// branches need a machine without a browser; these are the ones any machine can check.

const script = path.resolve(import.meta.dirname, "../../scripts/ensure-browser.mjs");

async function ensureBrowser(env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script], {
      env: { ...process.env, ...env } as NodeJS.ProcessEnv,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe("ensure-browser", () => {
  it("a CHROMIUM_PATH that does not start stops the run with one sentence naming it, installing nothing", async () => {
    const { code, stdout, stderr } = await ensureBrowser({ CHROMIUM_PATH: "/nonexistent/chromium" });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trim()).toBe(
      "[ensure-browser] CHROMIUM_PATH is /nonexistent/chromium, which does not start: point it at a Chromium or Chrome binary, or unset it.",
    );
  });

  it("a CHROMIUM_PATH that starts is used as it is", async () => {
    // Any executable answering --version stands in for a browser here.
    const { code, stdout, stderr } = await ensureBrowser({ CHROMIUM_PATH: process.execPath });
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});
