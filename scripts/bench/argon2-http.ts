// The login's limit under the login's own conditions: argon2id verifies (the app's parameters and
// code, lib/auth/password.ts) behind a bare node:http server that reads the same JSON body, loaded
// by the same autocannon on the same cores. Against it a login's ratio leaves out what every HTTP
// request and the load generator cost, and keeps what the app adds (Next.js, database, tokens).
// Run as its own process (npm run bench does): `tsx scripts/bench/argon2-http.ts <port>`.
import { createServer } from "node:http";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { BENCH_PASSWORD } from "./seed";

const port = Number(process.argv[2]);
const hash = await hashPassword(BENCH_PASSWORD);

createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    void (async () => {
      const { password } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { password: string };
      const ok = await verifyPassword(hash, password);
      response.writeHead(ok ? 200 : 401, { "content-type": "application/json" }).end(JSON.stringify({ ok }));
    })();
  });
}).listen(port, "127.0.0.1", () => console.log("ready"));
