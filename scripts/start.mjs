// `npm start`: the standalone server `next build` writes (output: "standalone" in next.config.ts),
// the artefact the Dockerfile ships, run from the repository with its .env files.
import { cpSync, existsSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import nextEnv from "@next/env";

const root = process.cwd();
const standalone = path.join(root, ".next", "standalone");
const server = path.join(standalone, "server.js");
if (!existsSync(server)) {
  console.error(`No ${path.relative(root, server)}: run \`npm run build\` first.`);
  process.exit(1);
}

nextEnv.loadEnvConfig(root, false, { info: () => {}, error: console.error });

// server.js moves into its own folder: keep the embedded database where the repository keeps it.
const dataDir = process.env.PGLITE_DATA_DIR || ".data/pglite";
if (!dataDir.startsWith("memory://")) process.env.PGLITE_DATA_DIR = path.resolve(root, dataDir);

// Every interface, IPv4 and IPv6, as `next start` listens; an address in HOSTNAME binds that one
// (a container's HOSTNAME is its name, not an address).
if (!isIP(process.env.HOSTNAME ?? "")) process.env.HOSTNAME = "::";

// The build leaves the browser assets beside, not inside, the standalone folder. Files already
// there are left alone: another server of this build may be serving them right now.
const copy = (from, to) => cpSync(path.join(root, from), path.join(standalone, to), { recursive: true, force: false });
copy(".next/static", ".next/static");
if (existsSync(path.join(root, "public"))) copy("public", "public");

await import(pathToFileURL(server).href);
