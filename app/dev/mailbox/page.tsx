import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { devToolsEnabled } from "@/lib/env";
import { linksIn } from "@/lib/mail/links";
import { listOutbox } from "@/lib/mail/outbox";

export const metadata: Metadata = { title: "Dev mailbox", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function DevMailboxPage() {
  if (!devToolsEnabled()) notFound();
  const messages = await listOutbox();
  return (
    <section className="card wide" aria-labelledby="mailbox-title">
      <h1 id="mailbox-title">Dev mailbox</h1>
      <p className="lead">
        Mail the app sent while no RESEND_API_KEY is set, newest first. Development only: in production this page does
        not exist.
      </p>
      {messages.length === 0 ? <p className="muted">No mail yet.</p> : null}
      {messages.map((m) => (
        <article className="mail" key={m.id} data-testid="mail" aria-labelledby={`mail-${m.id}`}>
          <h2 id={`mail-${m.id}`}>{m.subject}</h2>
          <p className="muted">
            To <span data-testid="mail-to">{m.to}</span> · {m.createdAt.toISOString().replace("T", " ").slice(0, 19)}{" "}
            UTC
          </p>
          <ul>
            {linksIn(m.text).map((href) => (
              <li key={href}>
                <a href={href} data-testid="mail-link">
                  {href}
                </a>
              </li>
            ))}
          </ul>
          <details>
            <summary>Plain text</summary>
            <pre>{m.text}</pre>
          </details>
        </article>
      ))}
    </section>
  );
}
