import type { JsonSchema } from "@/lib/openapi/json-schema";
import { fieldsOf, variantsOf } from "@/lib/openapi/reference";
import { FieldsTable } from "./fields-table";
import { InlineText } from "./inline-text";

export interface OperationView {
  operationId: string;
  summary: string;
  description?: string;
  parameters?: { name: string; in: string; required: boolean; description?: string; schema: JsonSchema }[];
  requestBody?: { required: boolean; content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, { description: string; content?: { "application/json": { schema: JsonSchema } } }>;
  security: Record<string, string[]>[];
}

const SECURITY: Record<string, string> = {
  bearerAuth: "an access token: `Authorization: Bearer` (body transport)",
  cookieAuth: "or the access cookie (browsers)",
  cronSecret: "`Authorization: Bearer $CRON_SECRET`",
  introspectionSecret: "`Authorization: Bearer $AUTH_INTROSPECTION_SECRET` (trusted backends only)",
};

/** One endpoint: what it takes, what it answers, and every error code by status. */
export function Operation(props: {
  method: string;
  path: string;
  operation: OperationView;
  components: Record<string, JsonSchema>;
}) {
  const { method, path, operation, components } = props;
  const body = operation.requestBody?.content["application/json"].schema;
  const statuses = Object.entries(operation.responses);
  const security = operation.security.flatMap((s) => Object.keys(s)).map((name) => SECURITY[name] ?? name);
  return (
    <section
      className="card docs-operation"
      id={operation.operationId}
      aria-labelledby={`${operation.operationId}-title`}
    >
      <h3 id={`${operation.operationId}-title`}>
        <span className={`docs-method docs-${method}`}>{method.toUpperCase()}</span> <code>{path}</code>
      </h3>
      <p className="docs-summary">
        {operation.summary}{" "}
        <span className="muted">
          · client: <code>{operation.operationId}()</code>
        </span>
      </p>
      {operation.description ? (
        <p>
          <InlineText text={operation.description} />
        </p>
      ) : null}
      <p className="muted">
        Authentication: <InlineText text={security.length ? security.join(" ") : "none"} />
      </p>
      {operation.parameters?.length ? (
        <FieldsTable
          caption="Parameters"
          fields={operation.parameters.map((p) => ({
            name: p.in === "header" ? `${p.name} (header)` : p.in === "path" ? `{${p.name}}` : `?${p.name}`,
            type: String(p.schema.enum ? (p.schema.enum as string[]).join(" | ") : p.schema.type),
            required: p.required,
            notes: p.description ?? "",
          }))}
        />
      ) : null}
      {body ? (
        <FieldsTable caption="Request body (JSON, or a URL-encoded form)" fields={fieldsOf(body, components)} />
      ) : null}
      {statuses
        .filter(([status]) => status.startsWith("2"))
        .flatMap(([status, response]) => {
          const schema = response.content?.["application/json"].schema;
          const variants = schema ? variantsOf(schema, components) : [];
          return variants.map((variant, i) => (
            <FieldsTable
              key={`${status}-${i}`}
              caption={`${status} answer${variants.length > 1 ? ` (${i + 1} of ${variants.length}: ${i === 0 ? "cookie transport" : "body transport"})` : ""}`}
              fields={fieldsOf(variant, components)}
            />
          ));
        })}
      <dl className="docs-errors">
        {statuses
          .filter(([status]) => !status.startsWith("2"))
          .map(([status, response]) => (
            <div key={status}>
              <dt>{status}</dt>
              <dd>
                <InlineText text={response.description} />
                {status === "429" || status === "503" ? (
                  <>
                    {" "}
                    with <code>Retry-After</code>
                  </>
                ) : null}
              </dd>
            </div>
          ))}
      </dl>
    </section>
  );
}
