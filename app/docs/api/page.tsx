import type { Metadata } from "next";
import { openApiDocument } from "@/lib/openapi/served";
import { tagOf } from "@/lib/openapi/prose";
import type { JsonSchema } from "@/lib/openapi/json-schema";
import { InlineText } from "./inline-text";
import { Operation, type OperationView } from "./operation";
import "./api-reference.css";

export const metadata: Metadata = { title: "API reference" };

/** The OpenAPI document as a page: the same generated document, nothing written twice. */
export default async function ApiReferencePage() {
  const doc = await openApiDocument();
  const components = doc.components.schemas as Record<string, JsonSchema>;
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, OperationView>).map(([method, operation]) => ({
      path,
      method,
      operation,
    })),
  );
  return (
    <div className="account docs">
      <section className="card" aria-labelledby="docs-title">
        <h1 id="docs-title">API reference</h1>
        <p className="lead">
          Every endpoint of {doc.info.title} {doc.info.version}, generated from the route declarations.
          Machine-readable: <a href="/api/auth/openapi.json">/api/auth/openapi.json</a> (OpenAPI 3.1). Base URL:{" "}
          <code>{doc.servers[0]?.url}</code>.
        </p>
        {doc.info.description.split("\n\n").map((paragraph, i) => (
          <p key={i}>
            <InlineText text={paragraph} />
          </p>
        ))}
        <nav aria-label="Endpoints">
          {doc.tags.map((tag) => (
            <div key={tag.name} className="docs-toc">
              <h2>{tag.name}</h2>
              <ul>
                {operations
                  .filter(({ path }) => tagOf(path) === tag.name)
                  .map(({ path, method, operation }) => (
                    <li key={operation.operationId}>
                      <a href={`#${operation.operationId}`}>
                        <span className={`docs-method docs-${method}`}>{method.toUpperCase()}</span> <code>{path}</code>
                      </a>{" "}
                      {operation.summary}
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </nav>
      </section>
      {doc.tags.map((tag) => (
        <section key={tag.name} className="docs-group" aria-label={tag.name}>
          <h2 className="docs-group-title">{tag.name}</h2>
          {operations
            .filter(({ path }) => tagOf(path) === tag.name)
            .map(({ path, method, operation }) => (
              <Operation
                key={operation.operationId}
                method={method}
                path={path}
                operation={operation}
                components={components}
              />
            ))}
        </section>
      ))}
    </div>
  );
}
