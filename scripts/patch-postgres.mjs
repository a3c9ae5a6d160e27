// npm's postinstall: one guard added to the `postgres` driver (3.4.9, the newest release).
//
// When a connection dies inside a transaction (a database restart, a failover, a reset
// network), the driver's own ROLLBACK is written through a setImmediate after the socket is
// gone: `TypeError: Cannot read properties of null (reading 'write')` is thrown where nothing
// can catch it, and the whole server exits (porsager/postgres#1154, #1208; fixes proposed in
// #1168, #1209). The guard fails that write as CONNECTION_CLOSED instead, so the transaction
// rejects, the request answers 503 (lib/http/database-outage.ts) and the pool reconnects.
// tests/api/database-outage.test.ts cuts a connection mid-transaction to prove it.
//
// Idempotent; a driver whose code has changed is left alone with a warning.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const files = ["src/connection.js", "cjs/src/connection.js"].map((f) => path.join(root, "node_modules/postgres", f));

const original = `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)`;
const guarded = `  function nextWrite(fn) {
    if (!socket) { // astroworld: the socket closed before this write (scripts/patch-postgres.mjs)
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)`;

for (const file of files) {
  if (!existsSync(file)) continue;
  const source = readFileSync(file, "utf8");
  if (source.includes(guarded)) continue;
  if (!source.includes(original)) {
    console.warn(
      `patch-postgres: ${path.relative(root, file)} has changed; check whether the null-socket guard is still needed.`,
    );
    continue;
  }
  writeFileSync(file, source.replace(original, guarded));
}
