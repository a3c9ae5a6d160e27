// The design lives in docs/design.md: no comment or doc may send a reader to a file outside the
// repository (the shared folder beside it, or its design and style files), and every link to a
// section of docs/design.md must land on a heading that exists.
import { execFileSync } from "node:child_process";
import { lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

// Built from parts so that this file does not cite what it forbids.
const SHARED_DIR = ["..", "shared"].join("/");
const OUTSIDE_FILE = /\b(?:DESIGN|STYLE)\.md\b/;
const [DESIGN_FILE, STYLE_FILE] = ["DESIGN", "STYLE"].map((name) => [name, "md"].join("."));

/**
 * Paths allowed to name the shared folder, each with its reason. The CI entry point reports
 * whether that folder exists beside the checkout; it cites no document.
 */
const ALLOWED: Record<string, string> = { ".ci/run": "reports the CI environment" };

const SKIPPED_DIRS = new Set([".git", "node_modules", ".next", ".data", "test-results", "playwright-report"]);

/** Every line that cites something outside the repository, as "line: text". */
function outsideCitations(text: string): string[] {
  const hits: string[] = [];
  text.split("\n").forEach((line, index) => {
    // Case-sensitive on purpose: docs/design.md is the file to cite.
    if (line.includes(SHARED_DIR) || OUTSIDE_FILE.test(line)) hits.push(`${index + 1}: ${line.trim().slice(0, 160)}`);
  });
  return hits;
}

/** Tracked files and new ones not ignored; a walk of the tree when this is not a git checkout. */
function repositoryFiles(): string[] {
  try {
    const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return [...new Set(out.split("\0").filter(Boolean))].filter(isRegularFile);
  } catch {
    return walk("");
  }
}

/** Deleted-but-tracked paths and symlinks (a linked node_modules) are not files to read. */
function isRegularFile(file: string): boolean {
  try {
    return lstatSync(path.join(root, file)).isFile();
  } catch {
    return false;
  }
}

function walk(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = dir ? `${dir}/${name}` : name;
    if (SKIPPED_DIRS.has(name)) return [];
    if (statSync(path.join(root, rel)).isDirectory()) return walk(rel);
    return isRegularFile(rel) ? [rel] : [];
  });
}

function readText(file: string): string | null {
  const bytes = readFileSync(path.join(root, file));
  return bytes.includes(0) ? null : bytes.toString("utf8");
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

describe("citations stay inside the repository", () => {
  const files = repositoryFiles();

  it("finds the repository's sources and docs", () => {
    const expected = ["README.md", "docs/design.md", "lib/auth/session.ts", "next.config.ts"];
    expect(files).toEqual(expect.arrayContaining(expected));
  });

  it("recognises a citation of the shared design, and not one of docs/design.md", () => {
    expect(outsideCitations(`// Rotation (${DESIGN_FILE} §3)`)).toHaveLength(1);
    expect(outsideCitations(`The contract is \`${SHARED_DIR}/${DESIGN_FILE}\` §5.`)).toHaveLength(1);
    expect(outsideCitations(`see ${STYLE_FILE}`)).toHaveLength(1);
    expect(outsideCitations("// Rotation (docs/design.md#tokens-and-sessions)\n[design](design.md#shape)")).toEqual([]);
  });

  it("no file cites the shared folder or its design and style files", () => {
    const offenders: string[] = [];
    for (const file of files) {
      if (file in ALLOWED) continue;
      const text = readText(file);
      if (text === null) continue;
      for (const hit of outsideCitations(text)) offenders.push(`${file}:${hit}`);
    }
    expect(offenders).toEqual([]);
  });

  it("every link to a section of docs/design.md names a heading it has", () => {
    const headings = new Set(
      readFileSync(path.join(root, "docs/design.md"), "utf8")
        .split("\n")
        .filter((line) => /^#{1,6}\s/.test(line))
        .map((line) => slug(line.replace(/^#+/, ""))),
    );
    const broken: string[] = [];
    for (const file of files) {
      const text = readText(file);
      if (text === null) continue;
      for (const match of text.matchAll(/design\.md#([\w-]+)/g)) {
        if (!headings.has(match[1]!)) broken.push(`${file}: #${match[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
