import type { ReactNode } from "react";

/** The card every "something is not right" page shows: a code, what happened, a way on. */
export function StatusPage({
  code,
  title,
  children,
  actions,
}: {
  code: string;
  title: string;
  children: ReactNode;
  actions: ReactNode;
}) {
  return (
    <section className="card status-page" aria-labelledby="status-title">
      <p className="status-code">{code}</p>
      <h1 id="status-title">{title}</h1>
      <div className="lead">{children}</div>
      <div className="actions-row">{actions}</div>
    </section>
  );
}
