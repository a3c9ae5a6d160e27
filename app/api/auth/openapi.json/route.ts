import { json, methods, route } from "@/lib/http/route";
import { openApiDocument } from "@/lib/openapi/served";
import { openApiDocumentSchema } from "@/lib/schemas/openapi";

// The same for everyone and built from the code: caches may keep it a while.
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route(
    {
      operationId: "openApiDocument",
      summary: "This document (OpenAPI 3.1), built from the route declarations",
      responses: { 200: openApiDocumentSchema },
    },
    async () => json(await openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }),
  ),
});
