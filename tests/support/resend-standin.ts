import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A test-only stand-in for Resend's REST API (POST /emails with a bearer key), so the real
// `resend` SDK code path runs without the internet.

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
  /** Makes the next calls fail like Resend does on a bad request. */
  failWith(status: number | null): void;
  close(): Promise<void>;
}

export async function startResendStandIn(): Promise<ResendStandIn> {
  const apiKey = `re_test_${randomUUID().replaceAll("-", "")}`;
  const sent: SentEmail[] = [];
  let failure: number | null = null;

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST" || req.url !== "/emails") return reply(404, { statusCode: 404, name: "not_found", message: "Not found" });
    if (req.headers.authorization !== `Bearer ${apiKey}`) return reply(401, { statusCode: 401, name: "missing_api_key", message: "Invalid API key" });
    if (failure) return reply(failure, { statusCode: failure, name: "validation_error", message: "Refused by the stand-in" });
    const body = JSON.parse(Buffer.concat(chunks).toString()) as Omit<SentEmail, "authorization">;
    sent.push({ ...body, authorization: req.headers.authorization });
    return reply(200, { id: randomUUID() });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    sent,
    failWith: (status) => {
      failure = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
