// Runs in the Playwright webServer command, before `next build` / `next start`, so every
// e2e run starts from an empty embedded database. Refuses anything outside .data/.
import { rmSync } from "node:fs";
import { relative, resolve } from "node:path";

const dir = resolve(process.env.PGLITE_DATA_DIR || ".data/e2e-pglite");
const rel = relative(resolve(".data"), dir);
if (!rel || rel.startsWith("..") || resolve(rel) === rel) {
  console.error(`wipe-data: refusing to delete ${dir} (only directories under .data/ are wiped)`);
  process.exit(1);
}
rmSync(dir, { recursive: true, force: true });
console.log(`wipe-data: removed ${dir}`);
