import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "redis";

// A test-only server speaking Upstash's REST protocol (single commands, /pipeline,
// /multi-exec, base64 response encoding, bearer auth) in front of a real Redis, so the
// real @upstash/redis + @upstash/ratelimit code runs without the internet.

type Reply = string | number | null | Reply[];

export interface UpstashStandIn {
  url: string;
  token: string;
  close(): Promise<void>;
}

export async function startUpstashStandIn(
  redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
): Promise<UpstashStandIn> {
  const redis = createClient({ url: redisUrl });
  await redis.connect();
  const token = `standin-${Math.random().toString(36).slice(2)}`;

  // Upstash accepts Lua shebang flags (e.g. `allow-key-locking`, used by @upstash/ratelimit)
  // that Redis 7.0 rejects: strip them, and map the client's SHA of the original script to
  // the SHA Redis knows, so EVALSHA keeps working as it does against Upstash.
  const shas = new Map<string, string>();
  const translate = (command: string[]): string[] => {
    const [name = "", ...rest] = command;
    const verb = name.toUpperCase();
    if ((verb === "EVAL" || verb === "EVAL_RO") && rest[0]) {
      const script = rest[0].replace(/^#!lua[^\n]*\n/, "");
      shas.set(sha1(rest[0]), sha1(script));
      return [name, script, ...rest.slice(1)];
    }
    if ((verb === "EVALSHA" || verb === "EVALSHA_RO") && rest[0])
      return [name, shas.get(rest[0]) ?? rest[0], ...rest.slice(1)];
    if (verb === "SCRIPT" && rest[0]?.toUpperCase() === "LOAD" && rest[1]) {
      const script = rest[1].replace(/^#!lua[^\n]*\n/, "");
      shas.set(sha1(rest[1]), sha1(script));
      return [name, rest[0], script];
    }
    return command;
  };

  type Outcome = { result?: Reply; error?: string };
  const run = async (command: unknown[]): Promise<Outcome> => {
    try {
      return { result: (await redis.sendCommand(translate(command.map(String)))) as Reply };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };

  const server: Server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST") return send(405, { error: "ERR only POST is supported" });
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: "Unauthorized" });
    const base64 = req.headers["upstash-encoding"] === "base64";
    const encode = (reply: Reply | undefined): Reply | undefined =>
      typeof reply === "string"
        ? reply === "OK" || !base64
          ? reply
          : Buffer.from(reply).toString("base64")
        : Array.isArray(reply)
          ? reply.map((r) => encode(r) as Reply)
          : reply;

    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return send(400, { error: "ERR failed to parse command" });
    }
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/pipeline" || path === "/multi-exec") {
      if (!Array.isArray(body) || !body.every(Array.isArray))
        return send(400, { error: "ERR expected an array of commands" });
      const commands = body as unknown[][];
      const replies = path === "/multi-exec" ? await runAtomically(commands) : await Promise.all(commands.map(run));
      return send(
        200,
        replies.map((r) => (r.error ? { error: r.error } : { result: encode(r.result) })),
      );
    }
    if (!Array.isArray(body)) return send(400, { error: "ERR expected a command array" });
    const reply = await run(body);
    return reply.error ? send(400, { error: reply.error }) : send(200, { result: encode(reply.result) });
  });

  async function runAtomically(commands: unknown[][]): Promise<Outcome[]> {
    const multi = redis.multi();
    for (const c of commands) multi.addCommand(translate(c.map(String)));
    try {
      const results = (await multi.exec()) as unknown as Reply[];
      return results.map((result) => ({ result }));
    } catch (error) {
      return commands.map(() => ({ error: (error as Error).message }));
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redis.quit();
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}
