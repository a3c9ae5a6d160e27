import { cookieNames } from "@/lib/http/cookies";
import { env } from "@/lib/env";
import { buildOpenApiDocument, type OpenApiDocument } from "./document";

let built: Promise<OpenApiDocument> | undefined;

/**
 * The document for this deployment, built once. The registry is imported late: it imports
 * every route module, the one serving this document included.
 */
export function openApiDocument(): Promise<OpenApiDocument> {
  built ??= import("./registry").then(({ ROUTES }) =>
    buildOpenApiDocument(ROUTES, {
      serverUrl: new URL(env().AUTH_URL).origin,
      accessCookie: cookieNames().access,
      version: "1.0.0",
    }),
  );
  return built;
}
