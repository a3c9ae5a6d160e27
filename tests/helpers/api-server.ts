// What the deployed server does with an API request, in-process and in its order: the Node
// server's refusal of methods no route serves (lib/http/method-refusal.ts), next.config.ts's
// rewrites (the trailing slash), then the route module's handler for the method, OPTIONS
// included, or the catch-all's for unknown paths. Middleware never runs for /api/*.
import { NextRequest } from "next/server";
import * as unknownPath from "@/app/api/[...path]/route";
import { methodRefusal } from "@/lib/http/method-refusal";
import nextConfig from "@/next.config";
import { resolveRoute } from "./http";

type Handler = (request: NextRequest, context: never) => Promise<Response>;
type Rewrite = { source: string; destination: string };

/** The path after next.config.ts's beforeFiles rewrites (`:name+` and `:name*` parameters). */
export async function rewrittenPath(pathname: string): Promise<string> {
  const rewrites = (await nextConfig.rewrites!()) as { beforeFiles: Rewrite[] };
  for (const rule of rewrites.beforeFiles) {
    const names: string[] = [];
    const pattern = rule.source.replace(/:(\w+)([+*])/g, (_, name: string, count: string) => {
      names.push(name);
      return count === "+" ? "(.+?)" : "(.*?)";
    });
    const match = new RegExp(`^${pattern}$`).exec(pathname);
    if (!match) continue;
    return names.reduce((path, name, i) => path.replace(new RegExp(`:${name}[+*]`), match[i + 1]!), rule.destination);
  }
  return pathname;
}

export async function apiServer(request: NextRequest): Promise<Response> {
  const refusal = methodRefusal(request.method, request.nextUrl.pathname, request.headers.get("origin"));
  if (refusal) return new Response(refusal.body, { status: refusal.status, headers: refusal.headers });
  const url = new URL(request.url);
  url.pathname = await rewrittenPath(url.pathname);
  const rewritten = new NextRequest(url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    duplex: "half",
  } as never);
  const resolved = resolveRoute(url.pathname);
  const routeModule = (resolved?.module ?? unknownPath) as Record<string, Handler | undefined>;
  const handler = routeModule[request.method === "HEAD" ? "GET" : request.method]!;
  return handler(rewritten, { params: Promise.resolve(resolved?.params ?? {}) } as never);
}
