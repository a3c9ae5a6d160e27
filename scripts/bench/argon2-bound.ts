// The limit a login cannot pass: raw argon2id verifies per second with the app's own parameters
// and code (lib/auth/password.ts), `concurrency` at a time on the libuv pool, for `seconds`.
// Run as its own process (npm run bench does) so its pool is sized like the server's.
import { hashPassword, verifyPassword } from "@/lib/auth/password";

const [concurrency = 8, seconds = 10] = process.argv.slice(2).map(Number);
const hash = await hashPassword("bench-password-0");
await verifyPassword(hash, "bench-password-0");
let done = 0;
const end = performance.now() + seconds * 1000;
async function worker(): Promise<void> {
  while (performance.now() < end) {
    if (!(await verifyPassword(hash, "bench-password-0"))) throw new Error("verify failed");
    done++;
  }
}
const start = performance.now();
const cpuBefore = process.cpuUsage();
await Promise.all(Array.from({ length: concurrency }, worker));
const cpu = process.cpuUsage(cpuBefore);
const elapsed = (performance.now() - start) / 1000;
// CPU per verify (all threads of this process): what one login's argon2 costs, whatever the load.
const cpuMsPerVerify = (cpu.user + cpu.system) / 1000 / done;
console.log(
  JSON.stringify({ verifiesPerSecond: done / elapsed, verifies: done, seconds: elapsed, concurrency, cpuMsPerVerify }),
);
