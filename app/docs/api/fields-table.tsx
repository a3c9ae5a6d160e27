import type { Field } from "@/lib/openapi/reference";
import { InlineText } from "./inline-text";

export function FieldsTable({ fields, caption }: { fields: Field[]; caption: string }) {
  if (fields.length === 0) return <p className="muted">{caption}: no fields.</p>;
  return (
    // Scrolls sideways on a narrow screen: focusable, so a keyboard can scroll it too.
    <div className="docs-table" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field.name}>
              <th scope="row">
                <code>{field.name}</code>
                {field.required ? <span className="docs-required"> required</span> : null}
              </th>
              <td>
                <code>{field.type}</code>
              </td>
              <td>
                <InlineText text={field.notes} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
