import { z } from "zod";

export type JsonSchema = Record<string, unknown>;

/**
 * zod → JSON Schema (draft 2020-12, OpenAPI 3.1's dialect). Schemas named with
 * `.meta({ id })` move to `components` and are referenced from there. Requests are described
 * as clients send them (`io: "input"`: before transforms and defaults), answers as sent.
 */
export class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: "input" | "output"): JsonSchema {
    const converted = z.toJSONSchema(schema, {
      io,
      unrepresentable: "any",
      override: ({ jsonSchema }) => {
        // zod writes an ISO date-time as a format and its regex; the format says it.
        if (jsonSchema.format === "date-time") delete jsonSchema.pattern;
      },
    }) as JsonSchema;
    const { $defs, ...rest } = converted;
    delete rest.$schema;
    for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      const body = { ...definition };
      delete body.id;
      const known = this.components[name];
      if (known && JSON.stringify(known) !== JSON.stringify(body)) {
        throw new Error(`Two different schemas are both named ${name}`);
      }
      this.components[name] = body;
    }
    return pointAtComponents(rest) as JsonSchema;
  }
}

function pointAtComponents(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pointAtComponents);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) =>
      key === "$ref" && typeof inner === "string"
        ? [key, inner.replace(/^#\/\$defs\//, "#/components/schemas/")]
        : [key, pointAtComponents(inner)],
    ),
  );
}
