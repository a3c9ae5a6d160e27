import type { JsonSchema } from "./json-schema";

// Reads the generated document into what the reference page (app/docs/api) shows: no
// second description of the API, only a view of the one in lib/openapi/document.ts.

export interface Field {
  name: string;
  type: string;
  required: boolean;
  notes: string;
}

type Components = Record<string, JsonSchema>;

/** A `$ref` followed into components (one level at a time). */
export function resolve(schema: JsonSchema, components: Components): JsonSchema {
  const ref = typeof schema.$ref === "string" ? schema.$ref.replace("#/components/schemas/", "") : null;
  return ref && components[ref] ? resolve(components[ref]!, components) : schema;
}

/** "string (uuid)", "integer", "PublicUser", "array of Session", "string or null". */
export function typeOf(schema: JsonSchema, components: Components): string {
  if (typeof schema.$ref === "string") return schema.$ref.split("/").at(-1)!;
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) return union.map((s) => typeOf(s, components)).join(" or ");
  const type = Array.isArray(schema.type) ? schema.type.join(" or ") : ((schema.type as string | undefined) ?? "any");
  if (type === "array" && schema.items) return `array of ${typeOf(schema.items as JsonSchema, components)}`;
  if (type === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object") {
    return `object of ${typeOf(schema.additionalProperties as JsonSchema, components)}`;
  }
  return schema.format ? `${type} (${String(schema.format)})` : type;
}

/** Limits and defaults in words: "3–150 characters", "1–100", "default 20". */
function notesOf(schema: JsonSchema): string {
  const notes: string[] = [];
  const { minLength, maxLength, minimum, maximum, exclusiveMinimum, pattern } = schema as Record<string, unknown>;
  if (minLength !== undefined || maxLength !== undefined) {
    notes.push(`${minLength ?? 0}–${maxLength ?? "∞"} characters`);
  }
  const low = minimum ?? (exclusiveMinimum !== undefined ? Number(exclusiveMinimum) + 1 : undefined);
  const high = maximum !== undefined && Number(maximum) < Number.MAX_SAFE_INTEGER ? maximum : undefined;
  if (low !== undefined && high !== undefined) notes.push(`${low}–${high}`);
  else if (low !== undefined) notes.push(`≥ ${low}`);
  else if (high !== undefined) notes.push(`≤ ${high}`);
  if (pattern) notes.push(`matches ${String(pattern)}`);
  if (schema.default !== undefined) notes.push(`default ${JSON.stringify(schema.default)}`);
  if (typeof schema.description === "string") notes.push(schema.description);
  return notes.join("; ");
}

/** The top-level fields of an object schema. */
export function fieldsOf(schema: JsonSchema, components: Components): Field[] {
  const object = resolve(schema, components);
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    type: typeOf(property, components),
    required: required.has(name),
    notes: notesOf(resolve(property, components)),
  }));
}

/** The shapes an answer can take: one, or each member of a union (e.g. per transport). */
export function variantsOf(schema: JsonSchema, components: Components): JsonSchema[] {
  const resolved = resolve(schema, components);
  const union = (resolved.anyOf ?? resolved.oneOf) as JsonSchema[] | undefined;
  return union ? union.map((s) => resolve(s, components)) : [resolved];
}
