import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A test-only stand-in for Resend's REST API (POST /emails with a bearer key), so the real
// `resend` SDK code path runs without the internet. It also answers `GET /emails?to=` with
// what it captured, newest first: the e2e suite reads its mail there (Resend has no such
// listing; nothing in the app calls it).

export interface SentEmail {
  from: string;
  to: string | string[];
  subject: string;
  html: string;
  text: string;
  authorization: string | undefined;
}

export interface ResendStandIn {
  url: string;
  apiKey: string;
  sent: SentEmail[];
  /** Makes the next calls fail like Resend does on a bad request; `echo` puts the mail's text in the error, as a careless provider might. */
  failWith(status: number | null, options?: { echo?: boolean }): void;
  close(): Promise<void>;
}

export interface StandInOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  apiKey?: string;
}

function recipients(mail: SentEmail): string[] {
  return (Array.isArray(mail.to) ? mail.to : [mail.to]).map((to) => to.toLowerCase());
}

export async function startResendStandIn(options: StandInOptions = {}): Promise<ResendStandIn> {
  const apiKey = options.apiKey ?? `re_test_${randomUUID().replaceAll("-", "")}`;
  const sent: SentEmail[] = [];
  let failure: { status: number; echo: boolean } | null = null;

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? "/", "http://stand-in");
    if (url.pathname !== "/emails" || (req.method !== "POST" && req.method !== "GET")) {
      return reply(404, { statusCode: 404, name: "not_found", message: "Not found" });
    }
    if (req.headers.authorization !== `Bearer ${apiKey}`)
      return reply(401, { statusCode: 401, name: "missing_api_key", message: "Invalid API key" });
    if (req.method === "GET") {
      const to = url.searchParams.get("to")?.toLowerCase();
      const data = sent.filter((mail) => !to || recipients(mail).includes(to)).reverse();
      return reply(200, { object: "list", data });
    }
    const body = JSON.parse(Buffer.concat(chunks).toString()) as Omit<SentEmail, "authorization">;
    if (failure) {
      const message = failure.echo ? `Refused by the stand-in: ${body.text}` : "Refused by the stand-in";
      return reply(failure.status, { statusCode: failure.status, name: "validation_error", message });
    }
    sent.push({ ...body, authorization: req.headers.authorization });
    return reply(200, { id: randomUUID() });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    sent,
    failWith: (status, { echo = false } = {}) => {
      failure = status === null ? null : { status, echo };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
