import { z } from "zod";

/** The outline of an OpenAPI 3.1 document; its validity is checked by tests/api/openapi.test.ts. */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});
